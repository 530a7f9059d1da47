"""Links a feature app adds to each row of the late list (a unit's "Giải trình" of a dossier).

The late list is the platform's; what a unit may say about a late dossier belongs to a feature
app, which registers a provider in its AppConfig.ready, so this module imports no feature app
(tests/test_layers.py). A provider reads all the page's rows at once (one query, not one a row)
and returns, by dossier code, the link to show; a row it has nothing for is left out.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

from django.http import HttpRequest

from cchc.dossiers.late import LateRow
from cchc.web.scope import Scope


@dataclass(frozen=True)
class RowLink:
    text: str  # "Giải trình", "Đã giải trình"
    url: str
    marked: bool = False  # something is already there (shown as a badge)


RowLinks = Callable[[HttpRequest, Scope, Sequence[LateRow]], dict[str, RowLink]]

_PROVIDERS: list[RowLinks] = []


def register_row_links(provider: RowLinks) -> None:
    if provider not in _PROVIDERS:
        _PROVIDERS.append(provider)


def has_row_links() -> bool:
    return bool(_PROVIDERS)


def row_links(
    request: HttpRequest, scope: Scope, rows: Sequence[LateRow]
) -> dict[str, list[RowLink]]:
    """Every provider's link for each row's dossier code."""
    out: dict[str, list[RowLink]] = {}
    for provider in _PROVIDERS:
        for code, link in provider(request, scope, rows).items():
            out.setdefault(code, []).append(link)
    return out
