"""The analytics app's commands: `cchc dossiers summary`."""

from __future__ import annotations

from cchc.analytics import cli_summary
from cchc.cli import Commands


def register(commands: Commands) -> None:
    cli_summary.register(commands)
