"""`cchc surveys import`: canonical CSV and XLSX, KoboToolbox and ODK exports, errors that name
file, line and field with nothing written, updates on re-import, no respondent data kept."""

from __future__ import annotations

import csv
import datetime as dt
from pathlib import Path

import pytest
from openpyxl import Workbook

from cchc.citizens.models_surveys import SurveyResponse
from cchc.citizens.survey_import import import_surveys
from cchc.cli import main
from cchc.core.importing import ImportRejected
from cchc.core.models import ImportBatch
from tests.web.world import World

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures"
HEADER = (
    "response_id,unit_code,answered_on,procedure_code,dossier_code,"
    "access,procedure,official,result,feedback_handling,overall"
)


def write(tmp_path: Path, *lines: str, name: str = "phieu.csv") -> Path:
    path = tmp_path / name
    path.write_text("\n".join([HEADER, *lines]) + "\n", encoding="utf-8")
    return path


def stored_text() -> str:
    return " ".join(str(v) for row in SurveyResponse.objects.values() for v in row.values())


def test_it_imports_the_canonical_file_without_the_respondent(sworld: World) -> None:
    report = import_surveys(FIXTURES / "surveys-canonical.csv")
    assert (report.inserted, report.updated, report.rejected) == (3, 0, 0)
    p2 = SurveyResponse.objects.get(response_id="P-002")
    assert p2.answered_on == dt.date(2025, 3, 11)  # written 11/03/2025
    assert (p2.access, p2.official, p2.overall) == (4, 2, 3)
    assert SurveyResponse.objects.get(response_id="P-001").feedback_handling is None
    text = stored_text()
    assert "Nguyễn" not in text and "0912345678" not in text
    assert report.batch_id is not None
    batch = ImportBatch.objects.get(pk=report.batch_id)
    assert (batch.kind, batch.inserted) == ("surveys", 3)


def test_reimporting_updates_by_response_id(sworld: World, tmp_path: Path) -> None:
    import_surveys(FIXTURES / "surveys-canonical.csv")
    again = import_surveys(FIXTURES / "surveys-canonical.csv")
    assert (again.inserted, again.updated, again.unchanged) == (0, 0, 3)
    changed = write(
        tmp_path, "P-003,X021,2025-04-02,TT-DD-01,,2,2,3,1,,4", "P-004,X012,2025-04-03,,,,,,,,5"
    )
    report = import_surveys(changed)
    assert (report.inserted, report.updated) == (1, 1)
    assert SurveyResponse.objects.get(response_id="P-003").overall == 4


def test_bad_rows_refuse_the_file_and_name_file_line_and_field(
    sworld: World, tmp_path: Path
) -> None:
    path = write(
        tmp_path,
        "R1,X011,2025-05-01,,,4,4,4,4,4,4",
        "R2,ZZZ9,2025-05-01,,,4,4,4,4,4,4",  # line 3: unknown unit
        "R3,X011,31/02/2025,,,4,4,4,4,4,4",  # line 4: bad date
        "R4,X011,2026-01-10,,,4,4,4,4,4,4",  # line 5: after today (05/12/2025)
        "R5,X011,2025-05-01,,,6,4,4,4,4,0",  # line 6: access 6, overall 0
        "R1,X011,2025-05-02,,,4,4,4,4,4,4",  # line 7: duplicate of line 2
    )
    with pytest.raises(ImportRejected) as refused:
        import_surveys(path)
    found = {(e.file, e.line, e.field) for e in refused.value.errors}
    assert found == {
        ("phieu.csv", 3, "unit_code"),
        ("phieu.csv", 4, "answered_on"),
        ("phieu.csv", 5, "answered_on"),
        ("phieu.csv", 6, "access"),
        ("phieu.csv", 6, "overall"),
        ("phieu.csv", 7, "response_id"),
    }
    assert "phieu.csv, dòng (line) 3, cột (field) 'unit_code'" in refused.value.report()
    assert SurveyResponse.objects.count() == 0
    assert ImportBatch.objects.get(kind="surveys").status == ImportBatch.Status.REJECTED


def test_skip_bad_imports_good_rows_and_writes_the_rejected_ones(
    sworld: World, tmp_path: Path
) -> None:
    path = tmp_path / "phieu.csv"
    path.write_text(
        HEADER
        + ",phone\nR1,X011,2025-05-01,,,4,4,4,4,4,4,0911\nR2,X011,2025-05-01,,,9,4,4,4,4,4,0922\n",
        encoding="utf-8",
    )
    out = tmp_path / "loai.csv"
    report = import_surveys(path, skip_bad=True, rejected_out=out)
    assert (report.inserted, report.rejected) == (1, 1)
    with out.open(encoding="utf-8-sig") as handle:
        rows = list(csv.DictReader(handle))
    assert [(r["response_id"], r["line"]) for r in rows] == [("R2", "3")]
    assert "access" in rows[0]["reason"]
    assert "phone" not in rows[0] and "0922" not in out.read_text(encoding="utf-8-sig")


def test_it_reads_xlsx(sworld: World, tmp_path: Path) -> None:
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.append(HEADER.split(","))
    sheet.append(["X-1", "X011", dt.datetime(2025, 7, 1), "", "", 5, 5, 4, 4, None, 5])
    path = tmp_path / "phieu.xlsx"
    book.save(path)
    report = import_surveys(path)
    assert report.inserted == 1
    assert SurveyResponse.objects.get(response_id="X-1").answered_on == dt.date(2025, 7, 1)


def test_kobo_export_through_its_mapping(sworld: World) -> None:
    report = import_surveys(FIXTURES / "surveys-kobo.csv", mapping="kobo")
    assert report.inserted == 3
    second = SurveyResponse.objects.get(response_id="2b0f6a52-5d1e-4c52-9b0a-7f1e2d3c4b02")
    # _submission_time 30/06/2025 18:30 UTC is 01/07/2025 01:30 in Vietnam.
    assert second.answered_on == dt.date(2025, 7, 1)
    assert (second.access, second.result, second.overall) == (2, 4, 3)  # from choice labels
    assert second.observations == {
        "found_information": "no",
        "extra_papers": "yes",
        "trips": 3,
        "asked_money": "no",
        "appointment_kept": "no",
    }
    assert second.unit_code == "X011" and second.procedure_code == "TT-DD-01"
    third = SurveyResponse.objects.get(response_id="2b0f6a52-5d1e-4c52-9b0a-7f1e2d3c4b03")
    assert third.overall == 5
    text = stored_text()
    assert "Lê Văn" not in text and "0901111222" not in text


def test_odk_export_through_its_mapping(sworld: World) -> None:
    report = import_surveys(FIXTURES / "surveys-odk.csv", mapping="odk")
    assert report.inserted == 2
    first = SurveyResponse.objects.get(response_id="7d4c1a9e-0b1f-4a55-8e61-2f3a4b5c6d01")
    assert first.answered_on == dt.date(2025, 9, 3)
    assert first.dossier_code == "HS-00005"
    assert first.observations == {"trips": 2, "asked_money": "no"}
    second = SurveyResponse.objects.get(response_id="7d4c1a9e-0b1f-4a55-8e61-2f3a4b5c6d02")
    assert second.answered_on == dt.date(2025, 10, 1)  # 30/09 17:40 UTC = 01/10 00:40 local
    assert second.observations["apology_when_late"] == "no"
    assert "Hoàng" not in stored_text()


def test_the_command_prints_the_errors_and_exits_1(
    sworld: World, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = write(tmp_path, "R1,X011,2025-05-01,,,4,4,4,4,4,7")
    assert main(["surveys", "import", str(path)]) == 1
    err = capsys.readouterr().err
    assert "phieu.csv, dòng (line) 2, cột (field) 'overall'" in err
    assert SurveyResponse.objects.count() == 0
    assert main(["surveys", "import", str(FIXTURES / "surveys-kobo.csv"), "--mapping", "kobo"]) == 0
    assert "thêm mới 3 (inserted)" in capsys.readouterr().out


def test_a_value_longer_than_stored_is_refused(sworld: World, tmp_path: Path) -> None:
    path = write(tmp_path, f"{'R' * 81},X011,2025-05-01,,,4,4,4,4,4,4")
    with pytest.raises(ImportRejected) as refused:
        import_surveys(path)
    assert [(e.line, e.field) for e in refused.value.errors] == [(2, "response_id")]
