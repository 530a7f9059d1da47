"""Navigation items a feature app adds (the platform imports no feature app, tests/test_layers.py).

A feature app registers, in its AppConfig.ready, a URL, a label (a Vietnamese msgid, translated
when the bar is drawn) and who sees it; the item goes after the item `after` (else at the end
of the role's items).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from cchc.web.scope import Scope


@dataclass(frozen=True)
class NavLink:
    url: str
    label: str
    shows: Callable[[Scope], bool]
    after: str


_LINKS: dict[str, NavLink] = {}


def register_nav_link(
    url: str, label: str, shows: Callable[[Scope], bool], after: str = ""
) -> None:
    _LINKS[url] = NavLink(url, label, shows, after)


def nav_links(scope: Scope) -> list[NavLink]:
    return [link for link in _LINKS.values() if link.shows(scope)]
