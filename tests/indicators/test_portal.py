"""Importing the national portal's published 766 scores (real files in tests/fixtures/)."""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path

import pytest

from cchc.cli import main
from cchc.core.models import Unit, UnitKind
from cchc.indicators.models import PortalScore, PortalSnapshot
from cchc.indicators.portal_history import compare, series

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures"
PROVINCES_JSON = FIXTURES / "portal-766-provinces-2026-as-of-2026-10-10.json"
PROVINCES_CSV = FIXTURES / "portal-766-provinces-2026-as-of-2026-10-10.csv"
GIALAI = FIXTURES / "portal-766-gialai-departments-2026-as-of-2026-10-10.json"

pytestmark = pytest.mark.django_db(transaction=True)


def test_the_provinces_json_gives_34_provinces(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["import", "portal-scores", str(PROVINCES_JSON)]) == 0
    snap = PortalSnapshot.objects.get()
    assert (snap.level, snap.period_label, snap.as_of) == (
        "province",
        "2026",
        dt.date(2026, 10, 10),
    )
    assert snap.scores.count() == 34
    dong_thap = snap.scores.get(department_code="H20")
    assert dong_thap.total == 68.8 and dong_thap.tdgq == 17.69 and dong_thap.online == 8.84
    assert "34 đơn vị" in capsys.readouterr().out


def test_json_and_csv_of_the_same_table_agree(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["import", "portal-scores", str(PROVINCES_JSON)]) == 0
    from_json = {s.department_code: (s.total, s.mdsh) for s in PortalScore.objects.all()}
    PortalSnapshot.objects.all().delete()
    assert main(["import", "portal-scores", str(PROVINCES_CSV)]) == 0
    from_csv = {s.department_code: (s.total, s.mdsh) for s in PortalScore.objects.all()}
    assert from_json == from_csv and len(from_csv) == 34


def test_gia_lai_departments_use_online_instead_of_clgq() -> None:
    assert main(["import", "portal-scores", str(GIALAI)]) == 0
    snap = PortalSnapshot.objects.get()
    assert (snap.scope_code, snap.level) == ("H21", "agency")
    assert snap.scores.count() == 14
    culture = snap.scores.get(department_code="H21.17")
    assert culture.online == 6.72 and culture.tttt == 8.61 and culture.total == 79.27


def test_importing_the_same_file_twice_changes_nothing(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["import", "portal-scores", str(PROVINCES_JSON)]) == 0
    first = PortalSnapshot.objects.get().pk
    assert main(["import", "portal-scores", str(PROVINCES_JSON)]) == 0
    assert "không đổi" in capsys.readouterr().out
    assert PortalSnapshot.objects.get().pk == first
    assert PortalScore.objects.count() == 34


def test_a_newer_snapshot_is_a_new_point_in_the_series(tmp_path: Path) -> None:
    later = tmp_path / "portal-766-provinces-2026-as-of-2026-10-17.csv"
    text = PROVINCES_CSV.read_text(encoding="utf-8").replace(",68.8,", ",69.9,")
    later.write_text(text, encoding="utf-8")
    assert main(["import", "portal-scores", str(PROVINCES_CSV)]) == 0
    assert main(["import", "portal-scores", str(later)]) == 0
    points = series("H20", "2026")
    assert [(p.snapshot.as_of, p.total) for p in points] == [
        (dt.date(2026, 10, 10), 68.8),
        (dt.date(2026, 10, 17), 69.9),
    ]


def test_a_bad_csv_names_file_line_and_field(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    bad = tmp_path / "portal-766-provinces-2026-as-of-2026-10-11.csv"
    lines = PROVINCES_CSV.read_text(encoding="utf-8").splitlines()
    lines[3] = lines[3].replace(",17.77,", ",mười bảy,")
    bad.write_text("\n".join(lines), encoding="utf-8")
    assert main(["import", "portal-scores", str(bad)]) == 1
    err = capsys.readouterr().err
    assert bad.name in err and "dòng (line) 4" in err and "'TDGQ'" in err and "không phải số" in err
    assert not PortalSnapshot.objects.exists()


def test_a_bad_json_names_the_field(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    bad = tmp_path / "portal-766-gialai-departments-2026-as-of-2026-10-11.json"
    bad.write_text(GIALAI.read_text(encoding="utf-8").replace('"TDGQ": 19.97', '"TDGQ": "x"'))
    assert main(["import", "portal-scores", str(bad)]) == 1
    err = capsys.readouterr().err
    assert "agencies[0].groupScores.TDGQ" in err and "dòng (line)" in err
    broken = tmp_path / "broken.json"
    broken.write_text('{"data": [', encoding="utf-8")
    assert main(["import", "portal-scores", str(broken)]) == 1
    assert "broken.json" in capsys.readouterr().err


def test_a_file_without_a_period_asks_for_one(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    plain = tmp_path / "scores.json"
    shutil.copy(PROVINCES_JSON, plain)
    assert main(["import", "portal-scores", str(plain)]) == 1
    assert "--period" in capsys.readouterr().err
    assert (
        main(["import", "portal-scores", str(plain), "--period", "2026", "--as-of", "2026-10-10"])
        == 0
    )


def test_portal_scores_beside_cchc_s_own(capsys: pytest.CaptureFixture[str]) -> None:
    Unit.objects.create(code="H21.17", name="Sở Văn hóa", kind=UnitKind.AGENCY)
    assert main(["import", "portal-scores", str(GIALAI)]) == 0
    result = compare("2026", "H21.17", today=dt.date(2026, 10, 10))
    assert result.unit_code == "H21.17"
    assert result.portal[4] == pytest.approx(6.72 + 8.61)
    assert result.portal_total == 79.27
    assert result.cchc_total is None  # no dossiers of that unit in cchc: no data, not zero
    assert main(["indicators", "portal", "--period", "2026", "--unit", "H21.17"]) == 0
    out = capsys.readouterr().out
    assert "79.27" in out and "chênh lệch" in out
