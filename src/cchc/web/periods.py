"""The period a page or API call is about: from the query string, else a sensible default."""

from __future__ import annotations

import datetime as dt
from collections.abc import Collection, Mapping

from django.db.models import Max

from cchc.dossiers.models import Dossier
from cchc.dossiers.periods import Period, parse_period, resolve_period
from cchc.dossiers.selection import unit_filter


def _half_of(day: dt.date) -> Period:
    return parse_period(f"{day.year}-H{1 if day.month <= 6 else 2}")


def default_period(unit_codes: Collection[str] | None, today: dt.date) -> Period:
    """The last half-year that has ended by `today` and holds data (else the last ended one)."""
    latest = Dossier.objects.filter(unit_filter(unit_codes)).aggregate(m=Max("received_on"))["m"]
    day = min(latest, today) if latest else today
    half = _half_of(day)
    if half.end >= today:
        half = _half_of(half.start - dt.timedelta(days=1))
    return half


def period_from_query(
    query: Mapping[str, str], unit_codes: Collection[str] | None, today: dt.date
) -> Period:
    """`?period=2024-H1` (or a relative code, `last-6m`) or `?from=…&to=…`; nothing given →
    default_period. Raises ValueError, also for a period that begins after `today`."""
    period = (query.get("period") or "").strip() or None
    start = (query.get("from") or "").strip() or None
    end = (query.get("to") or "").strip() or None
    if not (period or start or end):
        return default_period(unit_codes, today)
    return resolve_period(period, start, end, today)


def form_query(query: Mapping[str, str]) -> dict[str, str]:
    """The period form sends its select and its dates together: dates typed in it win over the
    period chosen (the API, called directly, still refuses both)."""
    out = {k: query.get(k) or "" for k in ("period", "from", "to")}
    if out["from"].strip() or out["to"].strip():
        out["period"] = ""
    return out
