"""What a feature app puts on a user's overview page, and beside its navigation item.

The overview is the home page; what a user must do next lives in the feature apps (a unit head's
corrective actions are the inspections app's). A feature app registers, in its AppConfig.ready,
a section builder and a count for its navigation item, so this platform module imports no
feature app (tests/test_layers.py). A builder returns None when it has nothing for that user.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Collection
from dataclasses import dataclass, field
from typing import Any

from django.contrib.auth.models import AbstractBaseUser, AnonymousUser
from django.utils.translation import get_language

from cchc.core.change_stamp import remember, watch

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


def register_home_section(builder: SectionBuilder, apps: Collection[str]) -> None:
    """`builder` reads the records of `apps` (app labels): a save there rebuilds it."""
    watch(*apps)
    if builder not in _SECTIONS:
        _SECTIONS.append(builder)


def register_nav_count(url: str, count: NavCount, apps: Collection[str]) -> None:
    """`count` things need the user at the navigation item `url` ("Kiểm tra (2)"), counted from
    the records of `apps`."""
    watch(*apps)
    _NAV_COUNTS[url] = count


def home_sections(user: Viewer, day: dt.date) -> list[HomeSection]:
    """The user's sections, kept until a record they are made of changes (web.change_stamp)."""
    if not user.is_authenticated:
        return []
    key = ("home_sections", user.pk, day, get_language())
    return remember(key, lambda: [s for b in _SECTIONS if (s := b(user, day)) is not None])


def nav_count(url: str, user: Viewer, day: dt.date) -> int:
    count = _NAV_COUNTS.get(url)
    if count is None or not user.is_authenticated:
        return 0
    return remember(("nav_count", url, user.pk, day), lambda: count(user, day))
