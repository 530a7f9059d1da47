"""What a feature app adds to the public transparency page (công khai), below the on-time rates.

The citizens app registers, in its AppConfig.ready, a builder of its aggregates (satisfaction and
feedback per unit), so this platform module imports no feature app (tests/test_layers.py). A
builder gets the page's period and unit frame and returns None when it has nothing to show; what
it returns is public: aggregates per unit only, never a person.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from cchc.core.unit_views import UnitFrame
from cchc.dossiers.periods import Period


@dataclass(frozen=True)
class PublicSection:
    """A block on the public page: its template and what the template reads (as `section`)."""

    template: str
    context: dict[str, Any] = field(default_factory=dict)


PublicBuilder = Callable[[Period, UnitFrame], PublicSection | None]

_BUILDERS: list[PublicBuilder] = []


def register_public_section(builder: PublicBuilder) -> None:
    if builder not in _BUILDERS:
        _BUILDERS.append(builder)


def public_sections(period: Period, frame: UnitFrame) -> list[PublicSection]:
    return [s for b in _BUILDERS if (s := b(period, frame)) is not None]
