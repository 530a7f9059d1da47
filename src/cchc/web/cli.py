"""`cchc serve`: the app on waitress (one process) or gunicorn (several); static via WhiteNoise."""

from __future__ import annotations

import argparse
import subprocess
import sys
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from cchc.cli import CommandError, Commands
from cchc.web.gunicorn_conf import DEFAULT_HOST, DEFAULT_PORT, DEFAULT_THREADS, default_workers


@dataclass(frozen=True)
class ServeCompanion:
    """A process `cchc serve` starts beside the server unless told not to (`flag`)."""

    dest: str
    flag: str
    help: str
    start: Callable[[argparse.Namespace], Any]


# Registered by feature apps in AppConfig.ready (the notices app's worker), so this platform
# module imports none of them.
_COMPANIONS: dict[str, ServeCompanion] = {}


def register_serve_companion(
    dest: str, flag: str, help: str, start: Callable[[argparse.Namespace], Any]
) -> None:
    _COMPANIONS[dest] = ServeCompanion(dest, flag, help, start)


def collect_static_if_needed() -> bool:
    """Collect static files into STATIC_ROOT when any is missing or older; True when it ran."""
    from django.conf import settings
    from django.contrib.staticfiles import finders
    from django.core.management import call_command

    root = settings.STATIC_ROOT
    for finder in finders.get_finders():
        for path, storage in finder.list([]):
            source = storage.path(path)
            target = root / path
            if not target.exists() or target.stat().st_mtime < _mtime(source):
                call_command("collectstatic", interactive=False, verbosity=0)
                return True
    return False


def empty_web_cache() -> None:
    """Forget the web cache: its entries are pickles of the objects of the code that stored them,
    which an upgrade (always followed by a restart) may have changed."""
    from django.core.cache import cache

    cache.clear()


def _mtime(path: str) -> float:
    import os

    return os.stat(path).st_mtime


def rebuild_outdated_store() -> None:
    """A store of an older schema would leave every page counting in the database until the next
    import: rebuild it before serving (seconds per million dossiers)."""
    from cchc.analytics.store import outdated, rebuild
    from cchc.core.vn_format import vn_number

    if outdated():
        print("Dựng lại kho phân tích theo phiên bản mới (rebuilding the analytics store)…")
        stamp = rebuild()
        print(f"  {vn_number(stamp.dossiers)} hồ sơ, {stamp.months} tháng", flush=True)


def store_to_build() -> bool:
    """Dossiers but no analytics store (a new install, a removed folder): every page would count
    in the database until someone rebuilt it. (A store of an older schema is rebuilt before
    serving instead: rebuild_outdated_store.)"""
    from cchc.analytics.store import outdated, read_stamp
    from cchc.dossiers.models import Dossier

    return read_stamp() is None and not outdated() and Dossier.objects.exists()


def build_missing_store() -> subprocess.Popen[bytes] | None:
    """Build a missing store in a process of its own while the server answers (tens of seconds
    per million dossiers): pages count in the database meanwhile (cached per data version), and
    read the store from the request after its stamp is written. The build writes beside the
    store and swaps it in (analytics/store.py), so no reader sees half of it."""
    if not store_to_build():
        return None
    print(
        "Dựng kho phân tích trong nền; đến khi xong, số liệu tính từ CSDL "
        "(building the missing analytics store in the background)…",
        flush=True,
    )
    return subprocess.Popen([sys.executable, "-m", "cchc.cli", "analytics", "rebuild"])


def serve(args: argparse.Namespace) -> int:
    if not 0 < args.port < 65536:
        raise CommandError(f"Cổng không hợp lệ {args.port} (invalid port)")
    if args.threads < 1:
        raise CommandError(f"Số luồng không hợp lệ {args.threads} (invalid thread count)")
    workers = default_workers() if args.workers is None else args.workers
    if workers < 1:
        raise CommandError(f"Số tiến trình không hợp lệ {workers} (invalid worker count)")
    if workers > 1 and sys.platform == "win32":
        raise CommandError("--workers > 1 cần Linux/Unix (needs a Unix-like OS)")
    if collect_static_if_needed():
        print("Đã thu thập tệp tĩnh (static files collected)", flush=True)
    empty_web_cache()
    rebuild_outdated_store()
    if args.build_store:
        build_missing_store()  # gunicorn (execv) or waitress inherits it; it ends on its own
    for companion in _COMPANIONS.values():
        if getattr(args, companion.dest, True):
            companion.start(args)
    server = "waitress" if workers == 1 else f"gunicorn, {workers} processes"
    print(
        f"cchc đang chạy tại http://{args.host}:{args.port}/ — Ctrl+C để dừng "
        f"(serving with {server}, {args.threads} threads each)",
        flush=True,
    )
    if workers == 1:
        from waitress import serve as waitress_serve

        from cchc.wsgi import application

        waitress_serve(
            application, host=args.host, port=args.port, threads=args.threads, ident="cchc"
        )
    else:
        from cchc.web.prefork import serve_prefork

        serve_prefork(args.host, args.port, workers, args.threads)
    return 0


def register(commands: Commands) -> None:
    parser = commands.command(
        "serve", "Chạy ứng dụng web (run the web app with a production WSGI server)", serve
    )
    parser.add_argument(
        "--host", default=DEFAULT_HOST, help="địa chỉ (address), mặc định 127.0.0.1"
    )
    parser.add_argument("--port", type=int, default=DEFAULT_PORT, help="cổng (port), mặc định 8000")
    parser.add_argument(
        "--threads", type=int, default=DEFAULT_THREADS, help="số luồng (worker threads)"
    )
    parser.add_argument(
        "--workers",
        type=int,
        default=None,
        help="số tiến trình (worker processes); mặc định min(2, số lõi); 1 = waitress",
    )
    parser.add_argument(
        "--no-store-build",
        dest="build_store",
        action="store_false",
        help="không dựng kho phân tích còn thiếu trong nền (do not build a missing analytics "
        "store in the background; pages then count in the database)",
    )
    for companion in _COMPANIONS.values():
        parser.add_argument(
            companion.flag, dest=companion.dest, action="store_false", help=companion.help
        )
