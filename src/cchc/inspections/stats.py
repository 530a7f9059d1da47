"""Inspection statistics for the semi-annual and annual reviews, against a year earlier.

Counts inspections dated in the period by kind, units covered, findings of those inspections by
category, and their corrective actions by state today (overdue judged on min(period end, today)).
Units are as they were (as was); a year earlier is counted like with like: its inspected units
rolled onto this period's units (three communes inspected in 2024 that became one in 2025 cover
one unit), core/unit_views.py.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.db.models import Count

from cchc.core.lineage import rollup_map
from cchc.core.unit_views import UnitFrame, UnitView
from cchc.core.vn_format import vn_number
from cchc.dossiers.periods import Period
from cchc.inspections.models import (
    ActionState,
    CorrectiveAction,
    Finding,
    FindingCategory,
    Inspection,
    InspectionKind,
)


@dataclass(frozen=True)
class PeriodStats:
    period: Period
    frame: UnitFrame  # where its inspected units are counted
    by_kind: dict[str, int]
    inspections: int
    units_covered: int
    findings_by_category: dict[str, int]
    findings: int
    actions_open: int  # not yet reported done (incl. overdue and reopened)
    actions_overdue: int
    actions_reported: int
    actions_closed: int


def ratio_text(now: int, before: int) -> str:
    """ "×3" (three times), "×0,5", "–" when there was nothing a year earlier."""
    if before == 0:
        return "–" if now == 0 else "mới (new)"
    return "×" + vn_number(now / before, 1, trim=True)


def period_stats(
    period: Period, today: dt.date | None = None, frame: UnitFrame | None = None
) -> PeriodStats:
    """The period's figures, its units as was at its end (or as `frame` shows them)."""
    frame = frame or UnitFrame(UnitView.AS_WAS, period.end)
    reference = min(period.end, today or dt.date.today())
    inspections = Inspection.objects.filter(date__gte=period.start, date__lte=period.end)
    by_kind = {k: 0 for k in InspectionKind.values}
    for row in inspections.values("kind").annotate(n=Count("id")).order_by():
        by_kind[str(row["kind"])] = int(row["n"])
    findings = Finding.objects.filter(inspection__in=inspections)
    by_category = {c: 0 for c in FindingCategory.values}
    for row in findings.values("category").annotate(n=Count("id")).order_by():
        by_category[str(row["category"])] = int(row["n"])
    actions = CorrectiveAction.objects.filter(finding__inspection__in=inspections)
    open_states = [ActionState.OPEN, ActionState.REOPENED]
    inspected = inspections.values_list("unit__code", flat=True).distinct()
    return PeriodStats(
        period=period,
        frame=frame,
        by_kind=by_kind,
        inspections=inspections.count(),
        units_covered=len({frame.shown(code) for code in inspected}),
        findings_by_category=by_category,
        findings=findings.count(),
        actions_open=actions.filter(state__in=open_states).count(),
        actions_overdue=actions.filter(state__in=open_states, deadline__lt=reference).count(),
        actions_reported=actions.filter(state=ActionState.REPORTED).count(),
        actions_closed=actions.filter(state=ActionState.CLOSED).count(),
    )


def compare(period: Period, today: dt.date | None = None) -> tuple[PeriodStats, PeriodStats]:
    """This period and the same period a year earlier (cùng kỳ năm trước), like with like: the
    earlier units rolled onto this period's."""
    like = UnitFrame(UnitView.AS_WAS, period.end, rollup_map(period.end))
    return period_stats(period, today), period_stats(period.previous_year(), today, like)
