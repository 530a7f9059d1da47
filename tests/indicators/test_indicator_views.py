"""`cchc indicators --view as-was|as-is` and the year-on-year comparison, like with like, on
Bà Rịa – Vũng Tàu's real units with the hand-counted dossiers of tests/dossiers/history_world.py
(766.2a, on time: 1 − late in the period / dossiers in the period)."""

from __future__ import annotations

import json
from typing import Any

import pytest

from cchc.cli import main
from cchc.core.unit_views import UnitView
from cchc.dossiers.periods import parse_period
from cchc.indicators.compute import compute
from tests.dossiers.history_world import (
    AN_NHUT,
    LONG_DAT,
    LONG_DIEN,
    LONG_HAI,
    TAM_AN,
    TODAY,
    WARD,
)
from tests.dossiers.history_world import build_history_world as build

pytestmark = pytest.mark.django_db(transaction=True)


def _json(capsys: pytest.CaptureFixture[str], *args: str) -> dict[str, Any]:
    argv = ["indicators", "--period", "2025", "--today", "2026-07-15", "--format", "json", *args]
    assert main(argv) == 0
    data: dict[str, Any] = json.loads(capsys.readouterr().out)
    return data


def _on_time(row: Any) -> tuple[float | None, int | None]:
    m = row.measures["766.2a"]
    return m.value, m.denominator


def test_as_is_the_ward_answers_for_tam_an_and_a_year_earlier_for_an_nhut(
    capsys: pytest.CaptureFixture[str],
) -> None:
    build()
    data = _json(capsys, "--unit", WARD, "--view", "as-is")
    assert (data["units"], data["units_day"]) == ("as-is", "2026-07-15")
    [row] = data["rows"]
    on_time = row["indicators"]["766.2a"]  # H06 late of H06 (Tam An), H07 (Tam An), H08
    assert (on_time["value"], on_time["denominator"]) == (pytest.approx(2 / 3), 3)
    [row] = _json(capsys, "--unit", WARD, "--as-is")["rows"]  # the older flag, same figures
    assert row["indicators"]["766.2a"]["denominator"] == 3
    [row] = _json(capsys, "--unit", WARD)["rows"]  # as was: the ward's own H08 only
    assert (row["indicators"]["766.2a"]["value"], row["indicators"]["766.2a"]["denominator"]) == (
        1.0,
        1,
    )
    comp = compute(parse_period("2025"), unit_code=WARD, view=UnitView.AS_IS, today=TODAY,
                   compare=True)  # fmt: skip
    # a year earlier, the same ward: An Nhứt's H03–H05, H03 and H05 late
    [(value, denominator)] = [_on_time(r) for r in comp.previous]
    assert value == pytest.approx(1 / 3) and denominator == 3


def test_as_was_a_year_earlier_is_rolled_onto_this_periods_units() -> None:
    build()
    comp = compute(parse_period("2025-H1"), by="unit", unit_code=LONG_DAT, today=TODAY,
                   compare=True)  # fmt: skip
    assert comp.view == UnitView.AS_WAS
    assert {r.group_code: _on_time(r) for r in comp.rows} == {TAM_AN: (0.5, 2)}  # H06 late, H07
    assert {r.group_code: r.group_name for r in comp.rows} == {TAM_AN: "Xã Tam An"}
    # 2024-H1: An Nhứt's H03 (late) and H04 count for Tam An; Long Hải (same code, then under
    # Long Điền) for itself: H13, late
    previous = {r.group_code: _on_time(r) for r in comp.previous}
    assert previous == {TAM_AN: (0.5, 2), LONG_HAI: (0.0, 1)}


def test_as_was_a_district_has_the_communes_it_had_then() -> None:
    build()
    comp = compute(parse_period("2024-H1"), by="unit", unit_code=LONG_DIEN, today=TODAY)
    # thị trấn Long Hải was under Long Điền until 31/12/2024 (its row's parent is Long Đất now)
    rows = {r.group_code: (r.group_name, _on_time(r)) for r in comp.rows}
    assert rows == {AN_NHUT: ("Xã An Nhứt", (0.5, 2)), LONG_HAI: ("Thị trấn Long Hải", (0.0, 1))}


def test_the_csv_and_the_table_state_the_view(capsys: pytest.CaptureFixture[str]) -> None:
    build()
    argv = ["indicators", "--period", "2025", "--today", "2026-07-15", "--unit", WARD]
    assert main([*argv, "--view", "as-is", "--format", "csv"]) == 0
    head, row = capsys.readouterr().out.splitlines()[:2]
    assert head.split(",")[:4] == ["period", "group_code", "group_name", "units"]
    assert row.split(",")[3] == "as-is"
    assert main([*argv, "--view", "as-is", "--compare"]) == 0
    out = capsys.readouterr().out
    assert "Đơn vị (units): Đơn vị hiện nay, gộp đơn vị tiền thân" in out
    assert "cùng kỳ năm trước tính trên cùng đơn vị" in out


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--view", "wrong"], "'wrong'"),
        (["--view", "as-was", "--as-is"], "--as-is"),
    ],
)
def test_a_wrong_view_is_refused(
    capsys: pytest.CaptureFixture[str], args: list[str], message: str
) -> None:
    assert main(["indicators", "--period", "2025", *args]) == 1
    out, err = capsys.readouterr()
    assert out == "" and message in err
