"""`cchc feedback import FILE`: canonical columns, all or nothing with errors naming file, line and
field, the future refused, --skip-bad with the rejected rows written out, re-import updates."""

from __future__ import annotations

import csv
import datetime as dt
from pathlib import Path

import pytest

from cchc.citizens.feedback_import import COLUMNS, import_feedback
from cchc.citizens.models_feedback import Feedback, FeedbackContact
from cchc.cli import main
from cchc.core.importing import ImportRejected
from cchc.core.models import AuditEntry
from tests.citizens.feedback_world import NOW, World, build_world, dossier

pytestmark = pytest.mark.django_db

GOOD = {
    "feedback_id": "PA-001",
    "channel": "Điện thoại, đường dây nóng",
    "unit_code": "X1",
    "dossier_code": "HS-X1-1",
    "received_at": "2026-02-13 10:00",
    "text": "Hẹn trả kết quả nhiều lần",
    "category": "late",
    "citizen_name": "Lê Văn C",
    "citizen_phone": "0903 111 222",
    "citizen_id": "079099999999",
}


@pytest.fixture
def w() -> World:
    world = build_world()
    dossier("HS-X1-1", "X1")
    return world


def write(path: Path, rows: list[dict[str, str]]) -> Path:
    with path.open("w", encoding="utf-8", newline="") as fh:
        writer = csv.DictWriter(fh, fieldnames=COLUMNS)
        writer.writeheader()
        writer.writerows(rows)
    return path


def test_a_good_file_is_imported_with_its_deadline(w: World, tmp_path: Path) -> None:
    report = import_feedback(
        write(
            tmp_path / "pa.csv",
            [
                GOOD,
                {
                    **GOOD,
                    "feedback_id": "PA-002",
                    "channel": "portal",
                    "dossier_code": "",
                    "category": "",
                },
            ],
        ),
        now=NOW,
    )
    assert (report.inserted, report.updated, report.rejected) == (2, 0, 0)
    item = Feedback.objects.get(code="PA-001")
    # Fri 13 Feb 2026, before Tết: due Fri 13 Mar 2026 (see test_feedback_deadline).
    assert (item.channel, item.category, item.due_on) == ("phone", "late", dt.date(2026, 3, 13))
    assert FeedbackContact.objects.get(feedback=item).id_number == "079099999999"


def test_bad_rows_reject_the_whole_file_naming_line_and_field(
    w: World, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    rows = [
        GOOD,
        {**GOOD, "feedback_id": "PA-002", "unit_code": "NOPE"},
        {**GOOD, "feedback_id": "PA-003", "received_at": "2099-01-01 08:00"},
        {**GOOD, "feedback_id": "PA-004", "channel": "bồ câu", "text": ""},
        {**GOOD, "feedback_id": "PA-005", "dossier_code": "HS-OTHER"},
        {**GOOD, "feedback_id": "PA-001"},
    ]
    path = write(tmp_path / "pa.csv", rows)
    with pytest.raises(ImportRejected) as caught:
        import_feedback(path, now=NOW)
    where = {(e.line, e.field) for e in caught.value.errors}
    assert where == {
        (3, "unit_code"),
        (4, "received_at"),
        (5, "channel"),
        (5, "text"),
        (6, "dossier_code"),
        (7, "feedback_id"),
    }
    assert not Feedback.objects.exists() and not AuditEntry.objects.exists()
    assert main(["feedback", "import", str(path)]) == 1
    err = capsys.readouterr().err
    assert "pa.csv, dòng (line) 4, cột (field) 'received_at'" in err and "tương lai" in err


def test_skip_bad_imports_the_good_rows_and_writes_the_rejected(
    w: World, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = write(
        tmp_path / "pa.csv", [GOOD, {**GOOD, "feedback_id": "PA-002", "unit_code": "NOPE"}]
    )
    out = tmp_path / "rejected.csv"
    assert main(["feedback", "import", str(path), "--skip-bad", "--rejected", str(out)]) == 0
    assert list(Feedback.objects.values_list("code", flat=True)) == ["PA-001"]
    with out.open(encoding="utf-8-sig") as fh:
        rejected = list(csv.DictReader(fh))
    assert [(r["feedback_id"], r["line"]) for r in rejected] == [("PA-002", "3")]
    assert "unit_code" in rejected[0]["reason"]


def test_re_import_updates_by_feedback_id(w: World, tmp_path: Path) -> None:
    import_feedback(write(tmp_path / "a.csv", [GOOD]), now=NOW)
    same = import_feedback(write(tmp_path / "b.csv", [GOOD]), now=NOW)
    assert (same.inserted, same.updated, same.unchanged) == (0, 0, 1)
    changed = import_feedback(
        write(tmp_path / "c.csv", [{**GOOD, "received_at": "2026-02-17 09:00", "text": "Sửa"}]),
        now=NOW,
    )
    assert (changed.inserted, changed.updated) == (0, 1)
    item = Feedback.objects.get(code="PA-001")
    # Tue 17 Feb, during Tết: due Mon 16 Mar 2026 (see test_feedback_deadline).
    assert (item.text, item.due_on, Feedback.objects.count()) == ("Sửa", dt.date(2026, 3, 16), 1)
    assert AuditEntry.objects.filter(action="feedback.import_update").count() == 1


def test_a_missing_column_is_named(w: World, tmp_path: Path) -> None:
    path = tmp_path / "pa.csv"
    path.write_text("feedback_id,unit_code,text\nPA-1,X1,x\n", encoding="utf-8")
    with pytest.raises(ImportRejected) as caught:
        import_feedback(path, now=NOW)
    assert {e.field for e in caught.value.errors} == {"channel", "received_at"}


def test_an_xlsx_file_with_a_title_row_is_read(w: World, tmp_path: Path) -> None:
    from openpyxl import Workbook

    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.append(["Sổ tiếp nhận phản ánh tháng 2/2026"])
    sheet.append(list(COLUMNS))
    sheet.append(
        [GOOD[c] for c in COLUMNS[:4]]
        + [dt.datetime(2026, 2, 17, 9, 0)]
        + [GOOD[c] for c in COLUMNS[5:]]
    )
    path = tmp_path / "pa.xlsx"
    book.save(path)
    assert import_feedback(path, now=NOW).inserted == 1
    # Tue 17 Feb 2026, during Tết: due Mon 16 Mar 2026.
    assert Feedback.objects.get(code="PA-001").due_on == dt.date(2026, 3, 16)
