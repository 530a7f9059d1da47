"""The analytics app's commands: `cchc dossiers summary`, `cchc analytics …`."""

from __future__ import annotations

from cchc.analytics import cli_store, cli_summary
from cchc.cli import Commands


def register(commands: Commands) -> None:
    cli_summary.register(commands)
    cli_store.register(commands)
