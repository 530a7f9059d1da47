"""Survey results per unit (`cchc surveys results`, satisfaction_counts) and sample planning
(`cchc surveys sample`) on the small province of tests/web/world.py."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import math
from pathlib import Path

import pytest
from openpyxl import load_workbook

from cchc.citizens.models_surveys import SurveyResponse
from cchc.citizens.survey_queries import satisfaction_counts
from cchc.citizens.survey_sample import plan_sample
from cchc.cli import main
from cchc.dossiers.models import Dossier
from cchc.dossiers.periods import parse_period
from tests.web.world import World


def answers(unit: str, day: dt.date, overall: list[int | None], prefix: str) -> None:
    SurveyResponse.objects.bulk_create(
        SurveyResponse(
            response_id=f"{prefix}-{i}", unit_code=unit, answered_on=day, overall=o, access=3
        )
        for i, o in enumerate(overall)
    )


@pytest.fixture
def answered(sworld: World) -> World:
    # X011, 2025-H1: ten answers, eight of them 4 or 5, one blank (not answered).
    answers("X011", dt.date(2025, 3, 1), [5, 5, 4, 4, 4, 5, 4, 4, 2, 1, None], "a")
    # X011, 2024-H1 (last year): four answers, one satisfied.
    answers("X011", dt.date(2024, 5, 1), [5, 3, 2, 1], "b")
    # X021, 2025-H1: two answers, none satisfied; one answer on 01/07/2025 is outside H1.
    answers("X021", dt.date(2025, 6, 30), [3, 2], "c")
    answers("X021", dt.date(2025, 7, 1), [5], "d")
    return sworld


def test_satisfaction_counts_per_unit(answered: World) -> None:
    assert satisfaction_counts(dt.date(2025, 1, 1), dt.date(2025, 6, 30)) == {
        "X011": (10, 8),
        "X021": (2, 0),
    }
    assert satisfaction_counts(dt.date(2025, 1, 1), dt.date(2025, 6, 30), "access") == {
        "X011": (11, 0),
        "X021": (2, 0),
    }


def test_results_csv_by_unit(answered: World, capsys: pytest.CaptureFixture[str]) -> None:
    code = main(["surveys", "results", "--period", "2025-H1", "--by", "unit", "--format", "csv"])
    out = capsys.readouterr().out
    assert code == 0
    rows = {r["unit_code"]: r for r in csv.DictReader(io.StringIO(out))}
    x011 = rows["X011"]
    assert x011["unit_name"] == "Xã Một Một"
    assert (x011["responses"], x011["answered"], x011["satisfied"]) == ("11", "10", "8")
    assert float(x011["satisfied_share"]) == 0.8
    # Wilson, p = 0.8, n = 10, z = 1.96: (0.99208 ∓ 0.313623) / 1.38416 = 0.4902 … 0.9433
    assert float(x011["ci_low"]) == pytest.approx(0.4902, abs=1e-4)
    assert float(x011["ci_high"]) == pytest.approx(0.9433, abs=1e-4)
    assert float(x011["last_year_share"]) == 0.25  # 1 of 4
    assert float(rows["X021"]["satisfied_share"]) == 0.0
    assert x011["ranked"] == "không"  # 10 answers, fewer than the minimum (30)


def test_results_json_for_one_element(answered: World, capsys: pytest.CaptureFixture[str]) -> None:
    code = main(
        ["surveys", "results", "--period", "2025-H1", "--element", "access", "--format", "json"]
    )
    document = json.loads(capsys.readouterr().out)
    assert code == 0 and document["element"] == "access"
    shares = {u["unit_code"]: u["satisfied_share"] for u in document["units"]}
    assert shares == {"X011": 0.0, "X021": 0.0}


def ended_by_hand(unit: str, start: dt.date, end: dt.date) -> list[Dossier]:
    # The world's dossiers carry no status, so every one is counted: ended = finished in the period.
    return [
        d
        for d in Dossier.objects.filter(unit_code=unit)
        if d.finished_on is not None and start <= d.finished_on <= end
    ]


def test_sample_size_allocation_and_draw(sworld: World) -> None:
    period = parse_period("2024-H1")
    ended = ended_by_hand("X011", period.start, period.end)
    population = len(ended)
    expected = math.ceil(population / (1 + population * 0.1 * 0.1))  # n = ⌈N / (1 + N·e²)⌉
    plan = plan_sample("X011", period, margin=0.1, seed=7)
    assert (plan.population, plan.size) == (population, expected)
    assert len(plan.rows) == expected
    assert sum(drawn for _ended, drawn in plan.strata.values()) == expected
    per_procedure: dict[str, int] = {}
    for dossier in ended:
        per_procedure[dossier.procedure_code] = per_procedure.get(dossier.procedure_code, 0) + 1
    assert {k: v[0] for k, v in plan.strata.items()} == per_procedure
    for size, drawn in plan.strata.values():  # proportional, within one of the quota
        assert abs(drawn - expected * size / population) < 1
    codes = {d.code for d in ended}
    assert all(r.dossier_code in codes for r in plan.rows)
    assert len({r.dossier_code for r in plan.rows}) == expected
    again = plan_sample("X011", period, margin=0.1, seed=7)
    assert [r.dossier_code for r in again.rows] == [r.dossier_code for r in plan.rows]
    other = plan_sample("X011", period, margin=0.1, seed=8)
    assert [r.dossier_code for r in other.rows] != [r.dossier_code for r in plan.rows]


def test_sample_command_writes_a_call_list(
    sworld: World, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "goi.csv"
    argv = ["surveys", "sample", "--period", "2024-H1", "--unit", "X011", "--seed", "3"]
    assert main([*argv, "--out", str(out)]) == 0
    with out.open(encoding="utf-8-sig") as handle:
        rows = list(csv.DictReader(handle))
    assert list(rows[0]) == [
        "dossier_code",
        "procedure_code",
        "procedure_name",
        "finished_on",
        "applicant_pseudonym",
    ]
    assert rows[0]["applicant_pseudonym"] == "ps-x011-applicant"
    assert rows[0]["procedure_name"].startswith("Thủ tục")
    xlsx = tmp_path / "goi.xlsx"
    assert main([*argv, "--out", str(xlsx)]) == 0
    sheet = load_workbook(xlsx).active
    assert sheet is not None
    assert sheet.max_row == 4 + len(rows)  # two title lines, a blank line, the header
    assert "cỡ mẫu (sample size)" in capsys.readouterr().out


def test_as_is_adds_a_former_units_responses_to_its_successor(
    sworld: World, capsys: pytest.CaptureFixture[str]
) -> None:
    from cchc.core.models import Unit, UnitKind, UnitLineage

    # X012 merged into the new X013 on 01/01/2025; its 2025 responses were imported under X012.
    x013 = Unit.objects.create(
        code="X013",
        name="Xã Một Ba",
        kind=UnitKind.COMMUNE,
        parent=sworld.district1,
        valid_from=dt.date(2025, 1, 1),
    )
    sworld.commune12.valid_to = dt.date(2024, 12, 31)
    sworld.commune12.save()
    UnitLineage.objects.create(
        predecessor=sworld.commune12, successor=x013, date=dt.date(2025, 1, 1), kind="merge"
    )
    answers("X012", dt.date(2025, 2, 1), [5, 4, 1], "old")
    answers("X013", dt.date(2025, 3, 1), [5], "new")
    argv = ["surveys", "results", "--period", "2025-H1", "--format", "csv"]
    assert main([*argv, "--view", "as-was"]) == 0
    was = {r["unit_code"]: r for r in csv.DictReader(io.StringIO(capsys.readouterr().out))}
    assert (was["X012"]["answered"], was["X013"]["answered"]) == ("3", "1")
    assert main([*argv, "--view", "as-is"]) == 0
    now = {r["unit_code"]: r for r in csv.DictReader(io.StringIO(capsys.readouterr().out))}
    assert "X012" not in now
    assert (now["X013"]["answered"], now["X013"]["satisfied"]) == ("4", "3")


def test_results_table_speaks_vietnamese(
    answered: World, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["surveys", "results", "--period", "2025-H1"]) == 0
    out = capsys.readouterr().out
    assert "6 tháng đầu năm 2025" in out and "Tỷ lệ hài lòng" in out
    assert "Xã Một Một" in out and "80,0%" in out
