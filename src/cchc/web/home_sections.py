"""What a feature app puts on a user's overview page, and beside its navigation item.

The overview is the home page; what a user must do next lives in the feature apps (a unit head's
corrective actions are the inspections app's). A feature app registers, in its AppConfig.ready,
a section builder and a count for its navigation item, so this platform module imports no
feature app (tests/test_layers.py). A builder returns None when it has nothing for that user.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from django.contrib.auth.models import AbstractBaseUser, AnonymousUser

Viewer = AbstractBaseUser | AnonymousUser


@dataclass(frozen=True)
class HomeSection:
    """A block on the overview page: its template and what the template reads."""

    template: str
    context: dict[str, Any] = field(default_factory=dict)


SectionBuilder = Callable[[Viewer, dt.date], HomeSection | None]
NavCount = Callable[[Viewer, dt.date], int]

_SECTIONS: list[SectionBuilder] = []
_NAV_COUNTS: dict[str, NavCount] = {}


def register_home_section(builder: SectionBuilder) -> None:
    if builder not in _SECTIONS:
        _SECTIONS.append(builder)


def register_nav_count(url: str, count: NavCount) -> None:
    """`count` things need the user at the navigation item `url` ("Kiểm tra (2)")."""
    _NAV_COUNTS[url] = count


def home_sections(user: Viewer, day: dt.date) -> list[HomeSection]:
    if not user.is_authenticated:
        return []
    return [s for builder in _SECTIONS if (s := builder(user, day)) is not None]


def nav_count(url: str, user: Viewer, day: dt.date) -> int:
    count = _NAV_COUNTS.get(url)
    return count(user, day) if count is not None and user.is_authenticated else 0
