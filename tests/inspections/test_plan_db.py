"""Risk inputs from the database, and `cchc inspections plan|replay|risk` end to end."""

from __future__ import annotations

import datetime as dt
import json

import pytest

from cchc.cli import main
from cchc.core.models import AuditEntry
from cchc.dossiers.periods import parse_period
from cchc.inspections.config import load_risk_config
from cchc.inspections.models import PlanPick, PlanRun
from cchc.inspections.risk_inputs import gather_risk_inputs, planner_frame
from tests.inspections.world import build_world, bulk_dossiers, dossier

Y2024 = parse_period("2024")
D = dt.date


def _province() -> None:
    build_world()
    bulk_dossiers("X1", D(2024, 1, 2), 60, late=30, sector="Đất đai")
    bulk_dossiers("X2", D(2024, 1, 2), 80, late=4)
    bulk_dossiers("SXD", D(2024, 1, 2), 40, late=2, sector="Hoạt động xây dựng")
    # X3: two dossiers, one late — tiny
    dossier("X3", D(2024, 3, 1), D(2024, 3, 10), D(2024, 3, 12))
    dossier("X3", D(2024, 3, 1), D(2024, 3, 10), D(2024, 3, 8))
    # X2: one open and overdue at the end of 2024, flagged
    dossier("X2", D(2024, 12, 1), D(2024, 12, 10), None, flag_beyond_statutory=True)
    # out of the period: ended in 2023
    dossier("X1", D(2023, 5, 1), D(2023, 5, 10), D(2023, 6, 1))


@pytest.mark.django_db
def test_inputs_are_counted_per_unit_from_one_grouped_query(
    django_assert_max_num_queries: object,
) -> None:
    _province()
    config = load_risk_config()
    frame = planner_frame(Y2024, D(2025, 6, 1))  # two queries: the units and their lineage
    # the change stamp, the latest import and its rules version (data as of, remembered under the
    # stamp), the counts, inspections, actions, and what the citizens app registered
    # (risk_extra): feedback received, survey answers
    with django_assert_max_num_queries(8):  # type: ignore[operator]
        inputs = gather_risk_inputs(
            Y2024, config, None, as_of=D(2025, 6, 1), source="database", frame=frame
        )
    by = {c: i for i, c in enumerate(inputs.unit_codes)}
    assert inputs.unit_codes == ("SXD", "X1", "X2", "X3")
    x1, x2, x3, sxd = by["X1"], by["X2"], by["X3"], by["SXD"]
    assert (inputs.ended[x1], inputs.late[x1], inputs.sensitive[x1]) == (60, 30, 60)
    assert (inputs.in_period[x2], inputs.open_overdue[x2], inputs.beyond_statutory[x2]) == (
        81,
        1,
        1,
    )
    assert (inputs.late[x3], inputs.ended[x3]) == (1, 2)
    assert inputs.sensitive[sxd] == 40 and inputs.sensitive[x2] == 0


@pytest.mark.django_db(transaction=True)
def test_plan_is_stored_reproducible_and_audited(capsys: pytest.CaptureFixture[str]) -> None:
    _province()
    args = [
        "inspections",
        "plan",
        "--period",
        "2024",
        "--periodic",
        "SXD",
        "--surprise",
        "1",
        "--rotation",
        "1",
        "--seed",
        "42",
        "--as-of",
        "2025-01-15",
        "--format",
        "json",
    ]
    assert main(args) == 0
    first = json.loads(capsys.readouterr().out)
    assert main(args) == 0
    second = json.loads(capsys.readouterr().out)
    assert first["picks"] == second["picks"]
    assert [p["kind"] for p in first["picks"]] == ["periodic", "surprise", "rotation"]
    assert first["picks"][0]["unit_code"] == "SXD"
    run = PlanRun.objects.get(pk=first["run_id"])
    assert run.seed == 42 and run.weights_version == load_risk_config().version
    assert run.inputs["scores"]["X1"] > run.inputs["scores"]["X3"]
    x1_sample = PlanPick.objects.filter(run=run, unit_code="SXD").get().sample
    assert {s["reason"] for s in x1_sample} >= {"late", "control"}
    assert AuditEntry.objects.filter(action="plan_run", object_id=str(run.pk)).count() == 1
    assert main(["inspections", "replay", str(run.pk)]) == 0
    assert "KHỚP" in capsys.readouterr().out
    # tampering with the stored result is detected
    run.result = {"picks": [], "warnings": []}
    run.save()
    assert main(["inspections", "replay", str(run.pk)]) == 1


@pytest.mark.django_db(transaction=True)
def test_risk_command_ranks_the_unit_with_many_late_dossiers_first(
    capsys: pytest.CaptureFixture[str],
) -> None:
    _province()
    assert (
        main(
            ["inspections", "risk", "--period", "2024", "--as-of", "2025-01-15", "--format", "json"]
        )
        == 0
    )
    doc = json.loads(capsys.readouterr().out)
    assert doc["units"][0]["unit_code"] == "X1"
    x3 = next(u for u in doc["units"] if u["unit_code"] == "X3")
    late = next(f for f in x3["factors"] if f["name"] == "late_rate")
    assert late["raw"] == 0.5 and late["normalised"] < 0.7  # shrunk: not the worst unit
    assert main(["inspections", "risk", "--period", "2024", "--top", "2"]) == 0
    out = capsys.readouterr().out
    assert "Hạng" in out and "X1" in out
