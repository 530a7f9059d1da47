"""Dashboard figures through the analytics gateway: from the store when current, else from the
system database. Both are kept in Django's cache, shared by the worker processes, under the
version of the data they were read from (data_cache.py): figures from the store under the store's
last build or refresh and the calendar, figures from the database under the latest finished batch
and the calendar (as the late list's rankings are). A refresh or an import, or a calendar
override, makes the old entries unreachable in every worker. While an import is still writing,
figures read from the database may lag it by one batch (they are renewed when it finishes).

At a million dossiers the database answers a dashboard in seconds where the store takes tens of
milliseconds (docs/web.md, Performance): without the cache, 20 clients on the fallback queued
behind 20 copies of the same scans. Now each (period, scope) is computed once per data version,
and concurrent requests in a worker wait for that one computation (data_cache.cached).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Collection, Sequence
from typing import Any

from django.template.loader import render_to_string
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import get_language

from cchc.analytics.freshness import Source
from cchc.analytics.gateway import Analytics
from cchc.core import clock
from cchc.dossiers.periods import Period
from cchc.dossiers.rulebook.period import reference_date
from cchc.dossiers.summary import SummaryRow
from cchc.web.data_cache import cached, database_version, store_version


def data_version(source: Source) -> int:
    """The cache version of values read from `source`: its store's stamp, else the database's
    latest finished batch (both with the calendar in force)."""
    return database_version() if source.stamp is None else store_version(source.stamp)


def _units_key(unit_codes: Collection[str] | None) -> frozenset[str] | None:
    return None if unit_codes is None else frozenset(unit_codes)


def summaries(
    source: Source,
    period: Period,
    groupings: Sequence[str | None],
    unit_codes: Collection[str] | None,
    today: dt.date | None = None,
) -> dict[str | None, list[SummaryRow]]:
    """The summary for each grouping, from the source's store or database (cached)."""
    on = today or dt.date.today()
    key = (
        period.start,
        period.end,
        tuple(groupings),
        _units_key(unit_codes),
        reference_date(period.end, on),  # the reference date is what "today" changes
    )
    return cached(
        "summary",
        data_version(source),
        key,
        lambda: Analytics(source).summaries(period, groupings, unit_codes, on),
    )


def flag_counts(
    source: Source, period: Period, unit_codes: Collection[str] | None
) -> dict[str, int]:
    """Hidden-lateness flag counts from the source's store or database (cached)."""
    key = (period.start, period.end, _units_key(unit_codes))
    return cached(
        "flags",
        data_version(source),
        key,
        lambda: Analytics(source).flag_counts(period, unit_codes),
    )


def cached_fragment(
    source: Source,
    template: str,
    period: Period,
    unit_codes: Collection[str] | None,
    context: Callable[[], dict[str, Any]],
    variant: str = "",
) -> SafeString:
    """A page's figures rendered once per store stamp, period, scope, day, language and
    `variant` (what else the figures depend on: the unit view).

    Shared by the worker processes (data_cache.py): the first to render a fragment stores it.

    The figures part is most of a dashboard's cost (queries and rendering); the rest of the page
    (header, form, navigation) is rendered per request.
    """
    key = (
        template,
        period.start,
        period.end,
        _units_key(unit_codes),
        reference_date(period.end, clock.today()),
        get_language(),
        variant,
    )
    html = cached("html", data_version(source), key, lambda: render_to_string(template, context()))
    return mark_safe(html)  # our own template's output, escaped when it was rendered
