"""Dossier commands: `cchc import dossiers FILE`."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable
from pathlib import Path

from cchc.cli import CommandError, Commands
from cchc.core.vn_format import vn_number
from cchc.dossiers import cli_due, cli_views

PROGRESS_EVERY = 50_000


def progress_printer() -> Callable[[str, int], None]:
    """Progress of long work on stderr, every PROGRESS_EVERY rows of each stage."""
    last = {"read": 0, "write": 0}
    labels = {"read": "đã đọc (read)", "write": "đã ghi (written)",
              "recompute": "đã tính lại (recomputed)"}  # fmt: skip

    def report(stage: str, done: int) -> None:
        if done - last.get(stage, 0) >= PROGRESS_EVERY:
            last[stage] = done
            print(f"  … {labels.get(stage, stage)}: {vn_number(done)} dòng (rows)", file=sys.stderr)

    return report


def import_dossiers_command(args: argparse.Namespace) -> int:
    from cchc.core.importing import ImportRejected
    from cchc.dossiers.importer import import_dossiers
    from cchc.dossiers.mapping import MappingError

    path = Path(args.file)
    if not path.is_file():
        raise CommandError(f"Không tìm thấy tệp (file not found): {path}")
    if args.rejected and not args.skip_invalid:
        raise CommandError(
            "--rejected chỉ dùng cùng --skip-invalid (--rejected needs --skip-invalid)"
        )
    progress = progress_printer() if sys.stderr.isatty() else None
    try:
        result = import_dossiers(
            path,
            args.mapping,
            skip_invalid=args.skip_invalid,
            rejected_path=args.rejected,
            progress=progress,
        )
    except MappingError as exc:
        raise CommandError(str(exc)) from exc
    except ImportRejected as exc:
        print(exc.report(), file=sys.stderr)
        return 1
    print(
        f"Đã nhập {path.name} (imported): {result.rows_total} hồ sơ (dossiers) — "
        f"thêm mới {result.inserted} (inserted), cập nhật {result.updated} (updated), "
        f"không đổi {result.unchanged} (unchanged), bị loại {result.rejected} (rejected)"
    )
    if result.rejected and args.rejected:
        print(f"Các dòng bị loại đã ghi vào (rejected rows written to) {args.rejected}")
    return 0


def register(commands: Commands) -> None:
    cli_views.register(commands)  # dossiers summary, dossiers late
    cli_due.register(commands)  # calendar due
    parser = commands.subcommand(
        "import",
        "dossiers",
        "Nhập hồ sơ TTHC từ CSV, XLSX, JSON hoặc XES (import dossiers)",
        import_dossiers_command,
        group_help="Nhập dữ liệu (import data)",
    )
    parser.add_argument("file", metavar="FILE", help="tệp .csv, .xlsx, .json hoặc .xes")
    parser.add_argument(
        "--mapping",
        default="canonical",
        metavar="NAME|PATH",
        help="ánh xạ cột: canonical, dvcqg, wabo-receipt, xes hoặc tệp TOML (column mapping)",
    )
    parser.add_argument(
        "--skip-invalid",
        action="store_true",
        help="nhập các dòng hợp lệ, bỏ qua dòng lỗi (import good rows, set bad ones aside)",
    )
    parser.add_argument(
        "--rejected",
        metavar="OUT.csv",
        help="ghi các dòng bị loại kèm số dòng và lý do (write rejected rows with line and reason)",
    )
