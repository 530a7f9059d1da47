"""Before/after counts for one inspection from the database (thin; rules in effect.py)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.db.models import Count

from cchc.core.models import Unit
from cchc.core.months import add_months
from cchc.dossiers.models import Dossier
from cchc.dossiers.rulebook import rules
from cchc.dossiers.selection import condition
from cchc.inspections.effect import Counts, Effect, difference_in_differences, pooled, similar_units
from cchc.inspections.models import Inspection


@dataclass(frozen=True)
class EffectReport:
    inspection: Inspection
    months: int
    before: tuple[dt.date, dt.date]
    after: tuple[dt.date, dt.date]
    controls: tuple[str, ...]
    effect: Effect
    complete: bool  # the after window has ended by `today`


def _counts(start: dt.date, end: dt.date) -> dict[str, Counts]:
    params = {"start": start, "end": end}
    rows = (
        Dossier.objects.filter(condition(rules.COUNTED & rules.ENDED, params))
        .values("unit_code")
        .annotate(ended=Count("id"), late=Count("id", filter=condition(rules.ENDED_LATE, params)))
        .order_by()
    )
    return {str(r["unit_code"]): Counts(int(r["late"]), int(r["ended"])) for r in rows}


def inspection_effect(
    inspection: Inspection, months: int = 6, ratio: float = 2.0, today: dt.date | None = None
) -> EffectReport:
    day = inspection.date
    before = (add_months(day, -months), day - dt.timedelta(days=1))
    after = (day + dt.timedelta(days=1), add_months(day, months))
    counts_before, counts_after = _counts(*before), _counts(*after)
    inspected = set(
        Inspection.objects.filter(date__gte=before[0], date__lte=after[1]).values_list(
            "unit__code", flat=True
        )
    )
    codes = set(counts_before) | {inspection.unit.code}
    kinds = dict(Unit.objects.filter(code__in=list(codes)).values_list("code", "kind"))
    volumes = {c: counts_before[c].ended for c in counts_before}
    controls = similar_units(volumes, kinds, inspection.unit.code, inspected, ratio)
    treated = inspection.unit.code
    empty = Counts(0, 0)
    effect = difference_in_differences(
        counts_before.get(treated, empty),
        counts_after.get(treated, empty),
        pooled(counts_before, controls),
        pooled(counts_after, controls),
    )
    return EffectReport(
        inspection=inspection,
        months=months,
        before=before,
        after=after,
        controls=tuple(controls),
        effect=effect,
        complete=after[1] < (today or dt.date.today()),
    )
