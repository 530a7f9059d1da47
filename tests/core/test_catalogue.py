"""The procedure catalogue: the real national file (2,642 procedures) and canonical files."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from pathlib import Path

import pytest

from cchc import cli
from cchc.core.catalogue import NATIONAL_FILE, import_procedures, load_national_catalogue
from cchc.core.importing import ImportRejected
from cchc.core.models import ImportBatch, OnlineLevel, Procedure, TimeUnit

CANONICAL = "procedure_code,name,sector,level,time_limit,time_unit,cutoff,online_level,has_fee\n"


@pytest.mark.django_db
def test_the_national_catalogue_loads_all_2642_procedures() -> None:
    report = load_national_catalogue()
    assert (report.rows_total, report.inserted) == (2642, 2642)
    assert Procedure.objects.count() == 2642
    first = Procedure.objects.get(code="1.000178")  # complaint to the Public Security, 60 wd
    assert first.time_limit == Decimal(60) and first.time_unit == TimeUnit.WORKING_DAYS
    assert first.sector == "Khiếu nại, tố cáo" and first.level == "Cấp bộ"
    assert first.online_level == OnlineLevel.NONE  # only in person and postal
    account = Procedure.objects.get(code="1.000236")  # 3 working days on every channel, free
    assert account.online_level == OnlineLevel.FULL and account.has_fee is False
    residence = Procedure.objects.get(code="1.000253")  # "7 Ngày": calendar days
    assert residence.time_unit == TimeUnit.CALENDAR_DAYS and residence.time_limit == 7
    no_info = Procedure.objects.get(code="1.000232")  # "Không có thông tin" everywhere
    assert no_info.time_limit is None and no_info.online_level == OnlineLevel.PARTIAL
    without_limit = Procedure.objects.filter(time_limit__isnull=True).count()
    assert f"{without_limit} thủ tục không có thời hạn" in "\n".join(report.lines())
    assert Procedure.objects.filter(has_fee=True).exists()
    assert set(Procedure.objects.values_list("time_unit", flat=True)) == set(TimeUnit.values)
    assert ImportBatch.objects.get().mapping == "national-catalogue"


@pytest.mark.django_db
def test_reloading_the_national_catalogue_changes_nothing() -> None:
    load_national_catalogue()
    again = import_procedures(NATIONAL_FILE)  # mapping detected from the header
    assert (again.inserted, again.updated, again.unchanged) == (0, 0, 2642)


@pytest.mark.django_db
def test_a_canonical_file_imports_with_vietnamese_labels(tmp_path: Path) -> None:
    path = tmp_path / "tthc.csv"
    path.write_text(
        CANONICAL
        + 'T.001,Cấp phép A,Đất đai,Cấp xã,"2,5",Ngày làm việc,16:30,Toàn trình,có\n'
        + "T.002,Cấp phép B,,,,,,,\n",
        encoding="utf-8",
    )
    report = import_procedures(path)
    assert report.inserted == 2
    a = Procedure.objects.get(code="T.001")
    assert a.time_limit == Decimal("2.5") and a.time_unit == TimeUnit.WORKING_DAYS
    assert a.cutoff == dt.time(16, 30) and a.online_level == OnlineLevel.FULL and a.has_fee
    b = Procedure.objects.get(code="T.002")
    assert b.time_limit is None and b.online_level == OnlineLevel.NONE and not b.has_fee


@pytest.mark.django_db
def test_a_canonical_file_with_errors_is_rejected_whole(tmp_path: Path) -> None:
    path = tmp_path / "tthc.csv"
    path.write_text(
        CANONICAL
        + "T.001,Tốt,,,5,working_days,,none,false\n"
        + "T.002,,,,năm,tuần,25:00,gần hết,có lẽ\n"
        + "T.001,Trùng,,,5,,,,\n",
        encoding="utf-8",
    )
    with pytest.raises(ImportRejected) as caught:
        import_procedures(path)
    found = {(e.line, e.field) for e in caught.value.errors}
    assert found == {
        (3, "name"),
        (3, "time_limit"),
        (3, "time_unit"),
        (3, "cutoff"),
        (3, "online_level"),
        (3, "has_fee"),
        (4, "time_unit"),
        (4, "procedure_code"),
    }
    assert Procedure.objects.count() == 0
    assert ImportBatch.objects.get().status == ImportBatch.Status.REJECTED


@pytest.mark.django_db(transaction=True)
def test_import_procedures_command(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    missing = tmp_path / "x.csv"
    missing.write_text("ma,ten\n1,a\n", encoding="utf-8")
    assert cli.main(["import", "procedures", str(missing)]) == 1
    assert "Thiếu cột bắt buộc" in capsys.readouterr().err
    assert cli.main(["import", "procedures", str(missing), "--mapping", "nope"]) == 1
    assert "Không có ánh xạ 'nope'" in capsys.readouterr().err
    path = tmp_path / "ok.csv"
    path.write_text(CANONICAL + "T.1,Tên,,,1,Giờ,,,\n", encoding="utf-8")
    assert cli.main(["import", "procedures", str(path), "--mapping", "canonical"]) == 0
    assert Procedure.objects.get(code="T.1").time_unit == TimeUnit.WORKING_HOURS
