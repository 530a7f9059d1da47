"""The citizens' voice as risk inputs for the inspection planner (registered in apps.py through
cchc.inspections.risk_extra): per unit code, for the local days [start, end], the feedback items
received and of those filed as harassment (feedback_counts.received_counts), and the survey
responses answering `overall` and of those not satisfied (rated 1–3; survey_queries). Counts
only, never a person; two queries."""

from __future__ import annotations

import datetime as dt

from cchc.citizens.feedback_counts import received_counts
from cchc.citizens.survey_queries import satisfaction_counts


def citizen_risk_inputs(start: dt.date, end: dt.date) -> dict[str, dict[str, float]]:
    out: dict[str, dict[str, float]] = {}
    for code, counts in received_counts(start, end).items():
        unit = out.setdefault(code, {})
        unit["complaints"] = counts["received"]
        unit["harassment"] = counts["harassment"]
    for code, (answered, satisfied) in satisfaction_counts(start, end, "overall").items():
        unit = out.setdefault(code, {})
        unit["survey_answered"] = answered
        unit["survey_not_satisfied"] = answered - satisfied
    return out
