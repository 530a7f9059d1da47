"""A dossier dated after its file's export time (or, when that is unknown, after the import) is
refused like any bad row: file, line, field, value and reason; all or nothing, --skip-invalid."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from cchc.core.importing import ImportRejected
from cchc.core.models import ImportBatch
from cchc.dossiers.importer import import_dossiers
from cchc.dossiers.models import Dossier
from tests.dossiers.import_helpers import row, world, write_csv

pytestmark = pytest.mark.django_db
VN = ZoneInfo("Asia/Ho_Chi_Minh")
EXPORTED = dt.datetime(2025, 7, 2, 12, 0, tzinfo=VN)


def test_a_finish_after_the_export_time_rejects_the_file(tmp_path: Path) -> None:
    world()
    # GOOD finishes 03/07/2025 10:00, the day after the file was exported
    path = write_csv(tmp_path / "d.csv", [row(dossier_code="OK", finished_at=""), row()])
    with pytest.raises(ImportRejected) as info:
        import_dossiers(path, exported_at=EXPORTED)
    (error,) = info.value.errors
    assert (error.file, error.line, error.field, error.value) == (
        "d.csv", 3, "finished_at", "03/07/2025 10:00",
    )  # fmt: skip
    assert error.reason_vi == (
        "Ngày kết thúc xử lý sau thời điểm xuất tệp 02/07/2025 12:00: ngày trong tương lai"
    )
    assert error.reason_en == "finished after the file's export time: a date in the future"
    assert "d.csv, dòng (line) 3, cột (field) 'finished_at'" in str(info.value)
    assert Dossier.objects.count() == 0
    assert ImportBatch.objects.get().status == ImportBatch.Status.REJECTED


def test_a_finish_before_the_export_time_is_accepted(tmp_path: Path) -> None:
    world()
    path = write_csv(tmp_path / "d.csv", [row()])
    later = dt.datetime(2025, 7, 3, 10, 0, tzinfo=VN)  # the very minute it finished
    assert import_dossiers(path, exported_at=later).inserted == 1


def test_without_an_export_time_a_receipt_after_now_is_refused(tmp_path: Path) -> None:
    world()
    tomorrow = (dt.datetime.now(VN) + dt.timedelta(days=1)).strftime("%d/%m/%Y %H:%M")
    rows = [row(), row(dossier_code="HS-2", received_at=tomorrow, finished_at="")]
    result = import_dossiers(write_csv(tmp_path / "d.csv", rows), skip_invalid=True)
    assert (result.inserted, result.rejected) == (1, 1)
    assert list(Dossier.objects.values_list("code", flat=True)) == ["HS-1"]
    with pytest.raises(ImportRejected) as info:
        import_dossiers(write_csv(tmp_path / "e.csv", rows[1:]))
    (error,) = info.value.errors
    assert (error.line, error.field, error.value) == (2, "received_at", tomorrow)
    assert error.reason_vi.startswith("Ngày tiếp nhận sau thời điểm nhập ")
