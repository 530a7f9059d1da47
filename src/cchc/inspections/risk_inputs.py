"""Gather the risk model's per-unit counts from the database (thin; the rules are in risk.py).

The dossier counts come from the analytics gateway (one grouped query, unit × sector, of the
rulebook's counts, on the store or the database); sectors are matched to the sensitive list in
Python on the few thousand groups, not per dossier.

The planner ranks the units of its day (the reference day `as_of`, else today), so its inputs
are as is (core/unit_views.py): a ward's counts include the dossiers of the period that its
predecessors handled, its last inspection is the latest of theirs and its own, and the open
corrective actions of a unit that ended are its successor's.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Collection

import numpy as np
from django.db.models import Count, Max, Q

from cchc.analytics.gateway import Analytics
from cchc.core.unit_views import UnitFrame, UnitView, unit_frame
from cchc.dossiers.periods import Period
from cchc.dossiers.rulebook.period import reference_date
from cchc.inspections.config import RiskConfig
from cchc.inspections.input_source import InputSource, resolve
from cchc.inspections.models import CorrectiveAction, Inspection
from cchc.inspections.risk import RiskInputs
from cchc.inspections.risk_extra import extra_risk_inputs
from cchc.inspections.workflow import OPEN_STATES

DAYS_PER_MONTH = 30.4375


def planner_frame(period: Period, as_of: dt.date | None = None) -> UnitFrame:
    """The units the planner ranks: as is, on its day (`as_of`, else today)."""
    return unit_frame(UnitView.AS_IS, period.end, as_of or dt.date.today())


def dossier_counts(
    analytics: Analytics,
    period: Period,
    reference: dt.date,
    config: RiskConfig,
    frame: UnitFrame | None = None,
) -> dict[str, dict[str, int]]:
    """unit code (as `frame` shows it) → counts of the period's dossiers (rules.RISK_COUNTS, one
    grouped query), with the dossiers received in sensitive sectors; sectors are matched on the
    few groups."""
    out: dict[str, dict[str, int]] = {}
    sensitive_cache: dict[str, bool] = {}
    for unit_code, sector, counts in analytics.risk_counts(period, reference):
        unit = out.setdefault(frame.shown(unit_code) if frame else unit_code, {})
        for key, value in counts.items():
            unit[key] = unit.get(key, 0) + value
        if sector not in sensitive_cache:
            sensitive_cache[sector] = config.is_sensitive(sector)
        if sensitive_cache[sector]:
            unit["sensitive"] = unit.get("sensitive", 0) + counts["received"]
    return out


def last_inspected(on_or_before: dt.date, frame: UnitFrame | None = None) -> dict[str, dt.date]:
    """unit code (as `frame` shows it) → date of its latest inspection up to `on_or_before`."""
    rows = (
        Inspection.objects.filter(date__lte=on_or_before)
        .values("unit__code")
        .annotate(last=Max("date"))
        .order_by()
    )
    out: dict[str, dt.date] = {}
    for row in rows:
        code = frame.shown(str(row["unit__code"])) if frame else str(row["unit__code"])
        out[code] = max(out.get(code, row["last"]), row["last"])
    return out


def action_counts(reference: dt.date, frame: UnitFrame | None = None) -> dict[str, tuple[int, int]]:
    """unit code (as `frame` shows it) → (open corrective actions, of which overdue) on
    `reference`."""
    rows = (
        CorrectiveAction.objects.filter(state__in=OPEN_STATES, created_at__date__lte=reference)
        .values("owner_unit__code")
        .annotate(open=Count("id"), overdue=Count("id", filter=Q(deadline__lt=reference)))
        .order_by()
    )
    out: dict[str, tuple[int, int]] = {}
    for row in rows:
        code = str(row["owner_unit__code"])
        code = frame.shown(code) if frame else code
        before = out.get(code, (0, 0))
        out[code] = (before[0] + int(row["open"]), before[1] + int(row["overdue"]))
    return out


def gather_risk_inputs(
    period: Period,
    config: RiskConfig,
    unit_codes: Collection[str] | None = None,
    as_of: dt.date | None = None,
    source: InputSource | str = "database",
    frame: UnitFrame | None = None,
) -> RiskInputs:
    """Per-unit inputs: the given units, or every unit with dossiers in the period, counted by
    `source` (resolved, or "auto", "database", "store": input_source.py), as is on `frame`'s day
    (default: `planner_frame`), with the counts other apps registered (risk_extra.py: the
    citizens' feedback and survey answers of the period)."""
    reference = reference_date(period.end, as_of or dt.date.today())
    frame = frame or planner_frame(period, as_of)
    analytics = (source if isinstance(source, InputSource) else resolve(source)).analytics
    counts = dossier_counts(analytics, period, reference, config, frame)
    codes = sorted(set(unit_codes) if unit_codes is not None else set(counts))
    last = last_inspected(reference, frame)
    actions = action_counts(reference, frame)
    extra = extra_risk_inputs(period.start, period.end, frame)
    rows: list[dict[str, float]] = []
    for code in codes:
        row: dict[str, float] = dict(counts.get(code, {}))
        if code in last:
            row["months_since_inspected"] = (reference - last[code]).days / DAYS_PER_MONTH
        else:
            row["months_since_inspected"] = np.nan
        row["actions_open"], row["actions_overdue"] = actions.get(code, (0, 0))
        row.update(extra.get(code, {}))
        rows.append(row)
    return RiskInputs.from_rows(rows, codes)
