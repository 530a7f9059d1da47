"""Every shipped indicator on the hand-checked world (tests/indicators/world.py), via the CLI."""

from __future__ import annotations

import json
import re
from typing import Any

import pytest

from cchc.cli import main
from tests.indicators.world import build_world

pytestmark = pytest.mark.django_db(transaction=True)


def _json(capsys: pytest.CaptureFixture[str], *args: str) -> dict[str, Any]:
    assert (
        main(
            [
                "indicators",
                "--period",
                "2025-06",
                "--today",
                "2025-07-15",
                "--format",
                "json",
                *args,
            ]
        )
        == 0
    )
    data: dict[str, Any] = json.loads(capsys.readouterr().out)
    return data


def _row(data: dict[str, Any], group: str) -> dict[str, Any]:
    return next(r for r in data["rows"] if r["group_code"] == group)


def test_every_indicator_of_unit_a_matches_the_hand_count(
    capsys: pytest.CaptureFixture[str],
) -> None:
    build_world()
    data = _json(capsys, "--by", "unit")
    assert data["catalogue_version"] == "766/2022-1"
    a = _row(data, "A")
    ind = a["indicators"]
    assert (ind["766.2a"]["numerator"], ind["766.2a"]["denominator"]) == (3, 6)
    assert ind["766.2a"]["value"] == pytest.approx(0.5)
    assert ind["766.2a"]["points"] == pytest.approx(10.0)
    assert ind["766.3a"]["value"] == pytest.approx(0.5)  # A1, A6 of A1 A2 A3 A6
    assert ind["766.3a"]["points"] == pytest.approx(5.0)
    assert ind["766.3b"]["value"] == pytest.approx(0.4)  # A1, A2 of A1–A5
    assert ind["766.4a"]["value"] == pytest.approx(0.5)  # P1 of P1, P2
    assert ind["766.4b"]["value"] == pytest.approx(1.0)
    assert ind["766.4c"]["value"] == pytest.approx(0.4)
    assert ind["766.4c"]["points"] == pytest.approx(4.8)
    assert ind["766.4d"]["value"] == pytest.approx(1.0)
    assert ind["766.4e"]["value"] == pytest.approx(0.5)
    assert ind["766.2b"]["value"] == pytest.approx(7.75)  # (3 + 7 + 11 + 10) / 4 working days
    assert ind["op.late"]["value"] == 3
    assert ind["op.open_overdue"]["value"] == 1
    assert ind["op.late_no_apology"]["value"] == 1
    assert ind["op.repeated_supplements"]["value"] == 1
    assert ind["op.beyond_statutory"]["value"] == 0
    for code in ["766.1a", "766.1b", "766.1c", "766.1d", "766.3c", "766.5a", "766.5b", "766.5c"]:
        assert ind[code]["no_data"] and ind[code]["value"] is None and ind[code]["points"] is None
    groups = {g["group"]: g for g in a["groups"]}
    assert groups[1]["points"] is None and groups[5]["points"] is None
    assert groups[2]["points"] == pytest.approx(10.0)
    assert groups[3]["points"] == pytest.approx(9.0)
    assert groups[3]["lost_points"] == pytest.approx(7.0)
    assert groups[4]["points"] == pytest.approx(17.8)
    assert a["total"] == pytest.approx(36.8)
    assert a["max_with_data"] == pytest.approx(58)


def test_a_field_no_dossier_states_is_no_data_not_zero(capsys: pytest.CaptureFixture[str]) -> None:
    build_world()
    b = _row(_json(capsys, "--by", "unit"), "B")["indicators"]
    assert b["766.3b"]["no_data"] and b["766.3b"]["value"] is None
    assert b["766.4c"]["value"] == pytest.approx(1.0)


def test_as_was_and_as_is_units(capsys: pytest.CaptureFixture[str]) -> None:
    build_world()
    was = {r["group_code"] for r in _json(capsys, "--by", "unit")["rows"]}
    assert was == {"A", "B", "OLD"}
    now = {r["group_code"] for r in _json(capsys, "--by", "unit", "--as-is")["rows"]}
    assert now == {"A", "B", "NEWC"}


def test_a_unit_and_everything_below_it(capsys: pytest.CaptureFixture[str]) -> None:
    build_world()
    total = _json(capsys, "--unit", "PROV")["rows"]
    assert len(total) == 1
    assert total[0]["indicators"]["766.2a"]["denominator"] == 8  # A1–A6, B1, O1
    assert total[0]["indicators"]["op.late"]["value"] == 4  # A3, A4, A6, O1


def test_table_and_csv_have_one_column_per_indicator(capsys: pytest.CaptureFixture[str]) -> None:
    build_world()
    assert (
        main(
            [
                "indicators",
                "--period",
                "2025-06",
                "--today",
                "2025-07-15",
                "--by",
                "unit",
                "--format",
                "csv",
            ]
        )
        == 0
    )
    lines = capsys.readouterr().out.strip().splitlines()
    head = lines[0].split(",")
    assert "766.2a" in head and "op.late" in head and head[-2:] == ["total", "max_with_data"]
    a = dict(zip(head, next(x for x in lines[1:] if ",A," in x).split(","), strict=True))
    assert a["766.2a"] == "0.5000" and a["766.5a"] == "—" and a["total"] == "36.80"
    assert main(["indicators", "--period", "2025-06", "--today", "2025-07-15"]) == 0
    out = capsys.readouterr().out
    assert "766/2022-1" in out and "số liệu đến" in out
    assert "+00:00" not in out and not re.search(r"\d{4}-\d\d-\d\dT", out)


def test_explain_lists_the_dossiers_behind_2a(capsys: pytest.CaptureFixture[str]) -> None:
    build_world()
    assert (
        main(
            [
                "indicators",
                "explain",
                "766.2a",
                "--period",
                "2025-06",
                "--unit",
                "A",
                "--today",
                "2025-07-15",
            ]
        )
        == 0
    )
    out = capsys.readouterr().out
    codes = {line.split("\t")[0] for line in out.splitlines() if line.startswith("A")}
    assert codes == {"A1", "A2", "A3", "A4", "A5", "A6"}
    assert "numerator 3, denominator 6" in out


def test_comparison_with_the_same_period_a_year_earlier(capsys: pytest.CaptureFixture[str]) -> None:
    build_world()
    data = _json(capsys, "--by", "unit", "--compare")
    assert _row(data, "A")["total_prev_year"] is None  # no dossiers in June 2024


def test_by_month_splits_the_period(capsys: pytest.CaptureFixture[str]) -> None:
    build_world()
    assert (
        main(
            [
                "indicators",
                "--from",
                "2025-05-01",
                "--to",
                "2025-06-30",
                "--by",
                "month",
                "--today",
                "2025-07-15",
                "--format",
                "json",
            ]
        )
        == 0
    )
    rows = json.loads(capsys.readouterr().out)["rows"]
    assert [r["period"] for r in rows] == ["2025-05", "2025-06"]
    assert rows[0]["indicators"]["766.2a"]["denominator"] == 2  # A7 ended, A6 open at 31/05


def test_a_bad_period_is_a_readable_error(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["indicators", "--period", "2025-13"]) == 1
    assert "Kỳ không hợp lệ" in capsys.readouterr().err


def test_scorecard_for_the_web() -> None:
    import datetime as dt

    from cchc.dossiers.periods import parse_period
    from cchc.indicators.scorecard import scorecard

    build_world()
    card = scorecard("A", parse_period("2025-06"), today=dt.date(2025, 7, 15))
    assert card.version == "766/2022-1" and card.data_as_of
    assert card.total == pytest.approx(36.8)
    g2 = next(g for g in card.groups if g.number == 2)
    assert g2.points == pytest.approx(10.0) and g2.lost_points == pytest.approx(10.0)
    assert [code for code, _, _ in g2.indicators] == ["766.2a", "766.2b"]
    assert {code for code, _, _ in card.operational} >= {"op.late", "op.open_overdue"}


def test_a_running_period_is_compared_to_the_same_day_and_a_future_one_refused(
    capsys: pytest.CaptureFixture[str],
) -> None:
    build_world()
    today = ["--today", "2025-07-15"]
    assert main(["indicators", "--period", "2025-Q3", "--compare", *today]) == 0
    heading = capsys.readouterr().out.splitlines()[1]
    assert "cùng kỳ năm trước đến ngày 15/07/2024" in heading  # not all of 2024-Q3
    assert main(["indicators", "--period", "2025-Q2", "--compare", *today]) == 0
    assert "đến ngày" not in capsys.readouterr().out.splitlines()[1]  # ended: all of 2024-Q2
    assert main(["indicators", "ranking", "--period", "2026", *today]) == 1
    assert "Kỳ Năm 2026 chưa bắt đầu (bắt đầu ngày 01/01/2026" in capsys.readouterr().err
