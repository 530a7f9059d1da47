"""Gather the risk model's per-unit counts from the database (thin; the rules are in risk.py).

The dossier counts come from the analytics gateway (one grouped query, unit × sector, of the
rulebook's counts, on the store or the database); sectors are matched to the sensitive list in
Python on the few thousand groups, not per dossier.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Collection

import numpy as np
from django.db.models import Count, Max, Q

from cchc.analytics.gateway import Analytics
from cchc.dossiers.periods import Period
from cchc.dossiers.rulebook.period import reference_date
from cchc.inspections.config import RiskConfig
from cchc.inspections.input_source import InputSource, resolve
from cchc.inspections.models import ActionState, CorrectiveAction, Inspection
from cchc.inspections.risk import RiskInputs

DAYS_PER_MONTH = 30.4375

_OPEN_STATES = [ActionState.OPEN, ActionState.REOPENED]


def dossier_counts(
    analytics: Analytics, period: Period, reference: dt.date, config: RiskConfig
) -> dict[str, dict[str, int]]:
    """unit code → counts of the period's dossiers (rules.RISK_COUNTS, one grouped query), with
    the dossiers received in sensitive sectors; sectors are matched on the few groups."""
    out: dict[str, dict[str, int]] = {}
    sensitive_cache: dict[str, bool] = {}
    for unit_code, sector, counts in analytics.risk_counts(period, reference):
        unit = out.setdefault(unit_code, {})
        for key, value in counts.items():
            unit[key] = unit.get(key, 0) + value
        if sector not in sensitive_cache:
            sensitive_cache[sector] = config.is_sensitive(sector)
        if sensitive_cache[sector]:
            unit["sensitive"] = unit.get("sensitive", 0) + counts["received"]
    return out


def last_inspected(on_or_before: dt.date) -> dict[str, dt.date]:
    """unit code → date of its latest inspection up to `on_or_before`."""
    rows = (
        Inspection.objects.filter(date__lte=on_or_before)
        .values("unit__code")
        .annotate(last=Max("date"))
        .order_by()
    )
    return {str(r["unit__code"]): r["last"] for r in rows}


def action_counts(reference: dt.date) -> dict[str, tuple[int, int]]:
    """unit code → (open corrective actions, of which overdue) on `reference`."""
    rows = (
        CorrectiveAction.objects.filter(state__in=_OPEN_STATES, created_at__date__lte=reference)
        .values("owner_unit__code")
        .annotate(open=Count("id"), overdue=Count("id", filter=Q(deadline__lt=reference)))
        .order_by()
    )
    return {str(r["owner_unit__code"]): (int(r["open"]), int(r["overdue"])) for r in rows}


def gather_risk_inputs(
    period: Period,
    config: RiskConfig,
    unit_codes: Collection[str] | None = None,
    as_of: dt.date | None = None,
    source: InputSource | str = "database",
) -> RiskInputs:
    """Per-unit inputs: the given units, or every unit with dossiers in the period, counted by
    `source` (resolved, or "auto", "database", "store": input_source.py)."""
    reference = reference_date(period.end, as_of or dt.date.today())
    analytics = (source if isinstance(source, InputSource) else resolve(source)).analytics
    counts = dossier_counts(analytics, period, reference, config)
    codes = sorted(set(unit_codes) if unit_codes is not None else set(counts))
    last = last_inspected(reference)
    actions = action_counts(reference)
    rows: list[dict[str, float]] = []
    for code in codes:
        row: dict[str, float] = dict(counts.get(code, {}))
        if code in last:
            row["months_since_inspected"] = (reference - last[code]).days / DAYS_PER_MONTH
        else:
            row["months_since_inspected"] = np.nan
        row["actions_open"], row["actions_overdue"] = actions.get(code, (0, 0))
        rows.append(row)
    return RiskInputs.from_rows(rows, codes)
