"""The `cchc` command. Each app adds its subcommands in its own `cli.py` through `register`.

Commands are thin: parse, call a rule or service, print. Errors that a user can fix are raised as
`CommandError` and printed without a traceback, with exit status 1.
"""

from __future__ import annotations

import argparse
import importlib
import os
import sys
from collections.abc import Callable, Sequence
from typing import Any

COMMAND_MODULES = [
    "cchc.core.cli",
    "cchc.core.calendar_cli",
    "cchc.dossiers.cli",
    "cchc.analytics.cli",
    "cchc.dossiers.cli_recompute",
    "cchc.demo.cli",
    "cchc.inspections.cli",
    "cchc.indicators.cli",
    "cchc.web.cli",
    "cchc.citizens.cli_classify",
    "cchc.citizens.cli_surveys",
    "cchc.notices.cli",
    "cchc.citizens.cli_feedback",
    "cchc.plans.cli_indices",
    "cchc.plans.cli_plans",
]

Handler = Callable[[argparse.Namespace], int | None]


class CommandError(Exception):
    """A problem the user can fix; printed as is, exit status 1."""


class Commands:
    """Top-level commands and command groups (`cchc import dossiers …`)."""

    def __init__(self) -> None:
        self.parser = argparse.ArgumentParser(
            prog="cchc",
            description="cchc — theo dõi cải cách hành chính (administrative-reform monitoring)",
        )
        self._sub = self.parser.add_subparsers(dest="command", metavar="LỆNH")
        self._groups: dict[str, Any] = {}

    def command(self, name: str, help: str, handler: Handler) -> argparse.ArgumentParser:
        parser: argparse.ArgumentParser = self._sub.add_parser(name, help=help, description=help)
        parser.set_defaults(handler=handler)
        return parser

    def group(self, name: str, help: str) -> Any:
        if name not in self._groups:
            parser = self._sub.add_parser(name, help=help, description=help)
            parser.set_defaults(handler=lambda _a, p=parser: p.print_help() or 2)
            self._groups[name] = parser.add_subparsers(dest=f"{name}_command", metavar="LỆNH")
        return self._groups[name]

    def subcommand(
        self, group: str, name: str, help: str, handler: Handler, group_help: str = ""
    ) -> argparse.ArgumentParser:
        parser: argparse.ArgumentParser = self.group(group, group_help or group).add_parser(
            name, help=help, description=help
        )
        parser.set_defaults(handler=handler)
        return parser


def setup_django() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "cchc.settings")
    import django

    django.setup()


def _pending_migrations() -> bool:
    from django.db import connection
    from django.db.migrations.executor import MigrationExecutor

    executor = MigrationExecutor(connection)
    return bool(executor.migration_plan(executor.loader.graph.leaf_nodes()))


def ensure_database() -> None:
    """Apply pending migrations so every command works on a fresh data dir.

    Processes started together (`cchc serve` and an import, two web workers) would otherwise race
    to create the same tables: the first takes the lock and migrates, the others wait and find
    nothing left to do.
    """
    from django.core.management import call_command

    from cchc.migration_lock import migration_lock

    if not _pending_migrations():
        return
    with migration_lock():
        if _pending_migrations():
            call_command("migrate", verbosity=0, interactive=False)


def build_parser() -> argparse.ArgumentParser:
    commands = Commands()
    for module_name in COMMAND_MODULES:
        module = importlib.import_module(module_name)
        module.register(commands)
    return commands.parser


def main(argv: Sequence[str] | None = None) -> int:
    setup_django()
    parser = build_parser()
    args = parser.parse_args(argv)
    handler: Handler | None = getattr(args, "handler", None)
    if handler is None:
        parser.print_help()
        return 2
    try:
        if not getattr(args, "no_database", False):
            ensure_database()
        result = handler(args)
    except CommandError as exc:
        print(f"Lỗi (error): {exc}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        print("Đã dừng (interrupted).", file=sys.stderr)
        return 130
    except BrokenPipeError:  # the reader stopped early (`cchc … | head`): not an error of ours
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 0
    return int(result or 0)


if __name__ == "__main__":
    sys.exit(main())
