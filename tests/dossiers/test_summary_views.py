"""`cchc dossiers summary --view as-was|as-is` on Bà Rịa – Vũng Tàu's real units, with the
hand-counted dossiers of tests/dossiers/history_world.py."""

from __future__ import annotations

import csv
import io
import json

import pytest

from cchc.cli import main
from tests.dossiers.history_world import (
    AN_NHUT,
    LONG_DIEN,
    LONG_HAI_WARD,
    WARD,
    build_history_world,
)

pytestmark = pytest.mark.django_db(transaction=True)
SPAN = ["--from", "2024-01-01", "--to", "2026-06-30", "--as-of", "2026-07-15"]


def _run(capsys: pytest.CaptureFixture[str], *argv: str) -> str:
    assert main(["dossiers", "summary", *argv]) == 0
    return capsys.readouterr().out


def _csv(text: str) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(text)))


def test_as_is_the_ward_counts_an_nhut_and_tam_an_before_it(
    capsys: pytest.CaptureFixture[str],
) -> None:
    build_history_world()
    [row] = _csv(_run(capsys, *SPAN, "--unit", WARD, "--view", "as-is", "--format", "csv"))
    # An Nhứt 2024 (3: H03 late, H05 late) + Tam An 2025-H1 (2: H06 late) + its own 5
    assert (row["units"], row["dossiers"], row["ended"], row["late"]) == ("as-is", "10", "10", "3")
    assert float(row["late_rate"]) == pytest.approx(0.3)
    [row] = _csv(_run(capsys, *SPAN, "--unit", WARD, "--format", "csv"))
    assert (row["units"], row["dossiers"], row["late"]) == ("as-was", "5", "0")  # its own only


def test_as_is_by_unit_rolls_old_rows_onto_todays_units(
    capsys: pytest.CaptureFixture[str],
) -> None:
    build_history_world()
    out = _run(capsys, *SPAN, "--by", "unit", "--view", "as-is", "--format", "json")
    doc = json.loads(out)
    assert (doc["units"], doc["units_day"]) == ("as-is", "2026-07-15")
    rows = {r["unit_code"]: (r["unit_name"], r["dossiers"], r["late"]) for r in doc["rows"]}
    assert rows == {WARD: ("Xã Long Điền", 10, 3), LONG_HAI_WARD: ("Xã Long Hải", 1, 1)}
    assert doc["total"]["dossiers"] == 11


def test_as_was_shows_long_dien_and_an_nhut_with_their_names_of_2023(
    capsys: pytest.CaptureFixture[str],
) -> None:
    build_history_world()
    out = _run(capsys, "--period", "2023", "--unit", LONG_DIEN, "--by", "unit", "--as-of",
               "2026-07-15")  # fmt: skip
    assert "Đơn vị (units): Đơn vị như khi đó, cơ cấu ngày 31/12/2023" in out
    line = next(x for x in out.splitlines() if x.startswith(AN_NHUT))
    assert "Xã An Nhứt" in line and " 2 " in line and "50,0%" in line  # H01, H02 (late)
    out = _run(capsys, "--period", "2023", "--unit", LONG_DIEN, "--view", "as-is", "--as-of",
               "2026-07-15")  # fmt: skip
    assert "Đơn vị hiện nay, gộp đơn vị tiền thân, cơ cấu ngày 15/07/2026" in out


def test_a_wrong_view_is_refused_with_a_message(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["dossiers", "summary", "--period", "2024", "--view", "wrong"]) == 1
    out, err = capsys.readouterr()
    assert out == "" and "as-was" in err and "as-is" in err and "'wrong'" in err


def test_the_late_list_follows_the_view_too(capsys: pytest.CaptureFixture[str]) -> None:
    build_history_world()
    late = ["dossiers", "late", *SPAN, "--unit", WARD, "--format", "json"]
    assert main([*late, "--view", "as-is"]) == 0
    document = json.loads(capsys.readouterr().out)
    # the late ones that count for the ward as is: H03, H05 (An Nhứt 2024), H06 (Tam An 2025)
    assert document["units"] == "as-is" and document["total"] == 3
    assert sorted(r["unit_code"] for r in document["rows"]) == ["vn63-26668", AN_NHUT, AN_NHUT]
    assert main(late) == 0
    document = json.loads(capsys.readouterr().out)
    assert (document["units"], document["total"]) == ("as-was", 0)  # its own five are on time
