"""The citizens' voice reaches the inspection planner's inputs through the registry the citizens
app fills (cchc.inspections.risk_extra), on the database.

November 2026 by hand: X1 received 3 feedback items, 2 filed as harassment; 4 survey answers to
`overall` (5, 4, 2, 1: 2 not satisfied) and one response that left `overall` blank. X2 has one
item, not harassment, and no survey answers. An item of October is outside the period."""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import timezone

from cchc.citizens import feedback_states as states
from cchc.citizens.models_surveys import SurveyResponse
from cchc.dossiers.periods import parse_period
from cchc.inspections.config import load_risk_config
from cchc.inspections.risk import score_units
from cchc.inspections.risk_inputs import gather_risk_inputs
from tests.citizens.feedback_world import build_world, feedback

pytestmark = pytest.mark.django_db


def test_feedback_and_survey_counts_are_risk_inputs() -> None:
    w = build_world()
    a, b = feedback(w), feedback(w)
    feedback(w)
    feedback(w, unit=w.x2)
    feedback(w, received_at=timezone.make_aware(dt.datetime(2026, 10, 2, 9, 0)))
    states.choose_category(w.officer, a, "harassment")
    states.choose_category(w.officer, b, "harassment")
    for i, overall in enumerate([5, 4, 2, 1, None]):
        SurveyResponse.objects.create(
            response_id=f"R-{i}", unit_code="X1", answered_on=dt.date(2026, 11, 10), overall=overall
        )
    config = load_risk_config()
    inputs = gather_risk_inputs(
        parse_period("2026-11"), config, ["X1", "X2"], dt.date(2026, 12, 5), "database"
    )
    assert inputs.unit_codes == ("X1", "X2")
    assert list(inputs.complaints) == [3, 1]
    assert list(inputs.harassment) == [2, 0]
    assert list(inputs.survey_answered) == [4, 0]
    assert list(inputs.survey_not_satisfied) == [2, 0]
    by_unit = {r.unit_code: r for r in score_units(inputs, config).ranked()}
    x2_low = next(f for f in by_unit["X2"].factors if f.name == "low_satisfaction")
    assert x2_low.contribution == 0.0
    # 2 harassment items of the cap 3 → 2/3 of the harassment weight, as share of all weights
    har = next(f for f in by_unit["X1"].factors if f.name == "harassment")
    total = sum(config.weights.values())
    assert har.contribution == pytest.approx(100 * (2 / 3) * config.weights["harassment"] / total)
