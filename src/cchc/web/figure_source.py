"""Dashboard figures through the analytics gateway: from the store when current, else from the
system database. Figures from the store are kept in Django's cache, shared by the worker
processes, under the version of the store's last build or refresh and the calendar
(data_cache.py): a refresh after an import, or a calendar override, makes the old entries
unreachable in every worker.
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
from cchc.web.data_cache import cached, store_version


def _units_key(unit_codes: Collection[str] | None) -> frozenset[str] | None:
    return None if unit_codes is None else frozenset(unit_codes)


def summaries(
    source: Source,
    period: Period,
    groupings: Sequence[str | None],
    unit_codes: Collection[str] | None,
    today: dt.date | None = None,
) -> dict[str | None, list[SummaryRow]]:
    """The summary for each grouping, from the source's store (cached) or database."""
    if source.stamp is None:
        return Analytics(source).summaries(period, groupings, unit_codes, today)
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
        store_version(source.stamp),
        key,
        lambda: Analytics(source).summaries(period, groupings, unit_codes, on),
    )


def flag_counts(
    source: Source, period: Period, unit_codes: Collection[str] | None
) -> dict[str, int]:
    """Hidden-lateness flag counts from the source's store (cached) or database."""
    if source.stamp is None:
        return Analytics(source).flag_counts(period, unit_codes)
    key = (period.start, period.end, _units_key(unit_codes))
    return cached(
        "flags",
        store_version(source.stamp),
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
    (header, form, navigation) is rendered per request. Not cached on the database fallback.
    """
    if source.stamp is None:
        return render_to_string(template, context())
    key = (
        template,
        period.start,
        period.end,
        _units_key(unit_codes),
        reference_date(period.end, clock.today()),
        get_language(),
        variant,
    )
    html = cached(
        "html", store_version(source.stamp), key, lambda: render_to_string(template, context())
    )
    return mark_safe(html)  # our own template's output, escaped when it was rendered
