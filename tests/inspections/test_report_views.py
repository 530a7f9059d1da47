"""Reports are as was, a year earlier like with like: the record and conclusion notice name the
unit as it was on the inspection day (and what it is today), the half-year statistics count last
year's inspected units on this period's units. Bà Rịa – Vũng Tàu's real units."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest
from docx import Document

from cchc.cli import main
from cchc.core.models import Unit
from cchc.core.units_vn import load_vn_province
from cchc.dossiers.periods import parse_period
from cchc.inspections.models import Inspection
from cchc.inspections.stats import compare

D = dt.date
AN_NHUT, AN_NGAI, TAM_AN = "vn63-26671", "vn63-26665", "vn63-26668"
KIM_LONG = "vn63-26608"  # xã Kim Long until 31/12/2024, thị trấn Kim Long until 30/06/2025


def _inspect(code: str, day: dt.date) -> Inspection:
    return Inspection.objects.create(kind="periodic", unit=Unit.objects.get(code=code), date=day)


def _texts(path: Path) -> list[str]:
    doc = Document(str(path))
    out = [p.text for p in doc.paragraphs]
    out += [p.text for t in doc.tables for r in t.rows for c in r.cells for p in c.paragraphs]
    return out


@pytest.mark.django_db(transaction=True)
def test_the_record_names_the_unit_as_it_was_and_what_it_is_today(tmp_path: Path) -> None:
    load_vn_province("brvt")
    inspection = _inspect(KIM_LONG, D(2024, 5, 10))
    out = tmp_path / "bb.docx"
    assert main(["inspections", "document", str(inspection.pk), "--out", str(out)]) == 0
    texts = _texts(out)
    assert "Công tác cải cách hành chính tại Xã Kim Long" in texts  # not "Thị trấn Kim Long"
    assert "UBND TỈNH BÀ RỊA - VŨNG TÀU" in texts
    assert any(t.startswith("Bà Rịa - Vũng Tàu, ngày 10 tháng 05 năm 2024") for t in texts)
    note = next(t for t in texts if t.startswith("Ghi chú:"))
    assert "ngày kiểm tra 10/05/2024" in note and "Xã Kim Long (vn34-26608)" in note
    comments = Document(str(out)).core_properties.comments
    assert comments == "Đơn vị như khi đó: tên đơn vị tại ngày 10/05/2024"


@pytest.mark.django_db(transaction=True)
def test_a_year_earlier_the_communes_that_became_tam_an_cover_one_unit(
    capsys: pytest.CaptureFixture[str],
) -> None:
    load_vn_province("brvt")
    _inspect(AN_NHUT, D(2024, 3, 5))
    _inspect(AN_NGAI, D(2024, 4, 9))
    _inspect(TAM_AN, D(2025, 3, 10))
    now, before = compare(parse_period("2025-H1"), D(2026, 1, 1))
    assert (now.inspections, now.units_covered) == (1, 1)
    # two inspections, two communes then, one unit of 2025-H1 (Tam An): like with like
    assert (before.inspections, before.units_covered) == (2, 1)
    argv = ["inspections", "stats", "--period", "2025-H1", "--today", "2026-01-01"]
    assert main([*argv, "--format", "json"]) == 0
    doc = json.loads(capsys.readouterr().out)
    assert (doc["units"], doc["units_day"]) == ("as-was", "2025-06-30")
    covered = next(r for r in doc["rows"] if r["code"] == "units_covered")
    assert (covered["now"], covered["previous"]) == (1, 1)
    assert main(argv) == 0
    assert "Đơn vị (units): Đơn vị như khi đó, cơ cấu ngày 30/06/2025" in (capsys.readouterr().out)
