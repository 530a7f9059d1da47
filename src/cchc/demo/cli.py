"""Core commands: units, procedures and the working-day calendar."""

from __future__ import annotations

from cchc.cli import Commands


def register(commands: Commands) -> None:
    pass
