"""The planner ranks today's units, so its inputs are as is: a ward answers for the dossiers,
inspections and open corrective actions of the units that became it, in the look-back period.
Bà Rịa – Vũng Tàu's real units and the hand-counted dossiers of tests/dossiers/history_world.py.
"""

from __future__ import annotations

import datetime as dt
import json

import pytest
from django.utils import timezone

from cchc.analytics.store import rebuild
from cchc.cli import main
from cchc.core.models import Unit
from cchc.dossiers.periods import parse_period
from cchc.inspections.config import load_risk_config
from cchc.inspections.models import CorrectiveAction, Finding, Inspection, PlanRun
from cchc.inspections.plans import run_plan, units_of
from cchc.inspections.risk_inputs import gather_risk_inputs
from tests.dossiers.history_world import AN_NHUT, LONG_HAI_WARD, TAM_AN, WARD, build_history_world

D = dt.date
Y2025 = parse_period("2025")
PLANNED_ON = D(2026, 1, 15)  # reference day: the period's end, 31/12/2025


def _tam_an_inspected() -> None:
    """Tam An inspected on 10/03/2025, one corrective action due 01/06/2025 still open."""
    tam_an = Unit.objects.get(code=TAM_AN)
    inspection = Inspection.objects.create(kind="surprise", unit=tam_an, date=D(2025, 3, 10))
    finding = Finding.objects.create(
        inspection=inspection, category="publicity", severity="reminder", description="Niêm yết"
    )
    action = CorrectiveAction.objects.create(
        finding=finding, owner_unit=tam_an, description="Niêm yết lại", deadline=D(2025, 6, 1)
    )
    at = timezone.make_aware(dt.datetime(2025, 3, 20, 10))
    CorrectiveAction.objects.filter(pk=action.pk).update(created_at=at)


@pytest.mark.django_db
def test_a_wards_risk_counts_what_its_predecessors_did_in_the_period() -> None:
    build_history_world()
    _tam_an_inspected()
    inputs = gather_risk_inputs(Y2025, load_risk_config(), None, PLANNED_ON, "database")
    assert TAM_AN not in inputs.unit_codes and AN_NHUT not in inputs.unit_codes
    i = inputs.unit_codes.index(WARD)
    # 2025: Tam An's H06 (late) and H07, the ward's own H08 — as was, the ward had H08 only
    assert (inputs.in_period[i], inputs.ended[i], inputs.late[i]) == (3, 3, 1)
    # inspected as Tam An on 10/03/2025: 296 days before 31/12/2025
    assert inputs.months_since_inspected[i] == pytest.approx(296 / 30.4375)
    assert (inputs.actions_open[i], inputs.actions_overdue[i]) == (1, 1)


@pytest.mark.django_db
@pytest.mark.parametrize("source", ["database", "store"])
def test_a_plan_records_the_view_and_draws_the_sample_from_the_predecessors_too(
    source: str,
) -> None:
    build_history_world()
    if source == "store":
        rebuild()
    run, plan = run_plan(
        Y2025,
        user=None,
        periodic=[WARD],
        seed=1,
        unit_codes=[WARD, LONG_HAI_WARD],
        as_of=PLANNED_ON,
        source_name=source,
    )
    assert run.inputs["source"]["source"] == source
    assert units_of(run) == {"view": "as-is", "day": "2026-01-15"}
    assert plan.of_kind("periodic") == [WARD]
    [pick] = run.picks.all()
    # late: H06 (Tam An's); the control from the rest: H07 (Tam An's), H08 (its own)
    assert sorted((s["code"], s["reason"]) for s in pick.sample) == [
        ("H06", "late"),
        ("H07", "control"),
        ("H08", "control"),
    ]
    older = PlanRun.objects.create(
        period_label="2024",
        period_start=D(2024, 1, 1),
        period_end=D(2024, 12, 31),
        seed=1,
        weights={},
        inputs={},
        result={},
    )
    assert units_of(older) == {"view": "as-was", "day": "2024-12-31"}  # stored before views


@pytest.mark.django_db(transaction=True)
def test_the_commands_state_the_view(capsys: pytest.CaptureFixture[str]) -> None:
    build_history_world()
    argv = ["inspections", "risk", "--period", "2025", "--as-of", "2026-01-15"]
    assert main([*argv, "--source", "database"]) == 0
    out = capsys.readouterr().out
    assert "Đơn vị (units): Đơn vị hiện nay, gộp đơn vị tiền thân, cơ cấu ngày 15/01/2026" in out
    assert main([*argv, "--source", "database", "--format", "json"]) == 0
    doc = json.loads(capsys.readouterr().out)
    assert (doc["units_view"], doc["units_day"]) == ("as-is", "2026-01-15")
    ward = next(u for u in doc["units"] if u["unit_code"] == WARD)
    late = next(f for f in ward["factors"] if f["name"] == "late_rate")
    assert (late["count"], late["base"]) == (1, 3)
    plan = ["inspections", "plan", "--period", "2025", "--as-of", "2026-01-15", "--surprise", "1"]
    assert main([*plan, "--seed", "3", "--source", "database"]) == 0
    assert "cơ cấu ngày 15/01/2026" in capsys.readouterr().out
    run = PlanRun.objects.latest("pk")
    assert main(["inspections", "replay", str(run.pk)]) == 0
    out = capsys.readouterr().out
    assert "KHỚP" in out and "as stored): Đơn vị hiện nay, gộp đơn vị tiền thân" in out
