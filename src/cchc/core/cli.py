"""Core commands: units, procedures and the working-day calendar."""

from __future__ import annotations

from cchc.cli import Commands
from cchc.core.cli_units import register_units


def register(commands: Commands) -> None:
    register_units(commands)
