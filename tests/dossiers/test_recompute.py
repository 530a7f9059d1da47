"""`cchc dossiers recompute` after a change of calendar or catalogue, checked on hand-worked dates.

The world (import_helpers.py): commune UBX-001 and procedure 1.000178, 3 working days, no
cut-off. July–August 2025 has no holiday: only weekends are off unless a test marks a day.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import pyarrow.parquet as pq
import pytest

from cchc.analytics.freshness import current_source
from cchc.analytics.store import read_stamp, rebuild
from cchc.analytics.store_schema import month_dir
from cchc.cli import main
from cchc.core.models import CalendarOverride, ImportBatch, Procedure
from cchc.dossiers.importer import import_dossiers
from cchc.dossiers.models import Dossier
from cchc.dossiers.periods import parse_period
from cchc.dossiers.recompute import RECOMPUTE_KIND, recompute
from cchc.dossiers.rulebook.timing import Outcome
from cchc.dossiers.rulebook.version import RULES_VERSION
from tests.dossiers.import_helpers import world, write_csv

pytestmark = pytest.mark.django_db
HEADER = ["dossier_code", "procedure_code", "unit_code", "channel", "received_at",
          "finished_at", "apology_issued", "applicant_id"]  # fmt: skip
TUE_1_JUL = "01/07/2025 08:15"
FRI_4_JUL = "04/07/2025 10:00"


def _import(tmp_path: Path, *rows: tuple[str, str, str]) -> Path:
    """Dossiers (code, received, finished), no apology letter."""
    lines = [[code, "1.000178", "UBX-001", "online", received, finished, "0", "0010990"]
             for code, received, finished in rows]  # fmt: skip
    path = write_csv(tmp_path / "d.csv", lines, header=HEADER)
    import_dossiers(path)
    return path


def test_a_day_off_added_after_import_moves_the_due_date_and_the_outcome(tmp_path: Path) -> None:
    world()
    _import(tmp_path, ("HS-1", TUE_1_JUL, FRI_4_JUL))
    # Received Tue 1 Jul; 3 working days: Wed 2 (1), Thu 3 (2), Fri 4 (3). Finished Fri 4: on time
    stored = Dossier.objects.get(code="HS-1")
    assert stored.statutory_due_on == dt.date(2025, 7, 4)
    assert stored.finish_outcome == Outcome.ON_TIME

    CalendarOverride.objects.create(date=dt.date(2025, 7, 3), kind="off")
    result = recompute()

    # Thu 3 Jul off: Wed 2 (1), Fri 4 (2), Sat 5 and Sun 6 off, Mon 7 (3). Finished Fri 4: early
    dossier = Dossier.objects.get(code="HS-1")
    assert dossier.statutory_due_on == dt.date(2025, 7, 7)
    assert dossier.deadline_on == dt.date(2025, 7, 7)
    assert dossier.finish_outcome == Outcome.EARLY
    assert (result.dossiers, result.changed, result.due_dates, result.outcomes, result.flags) == (
        1, 1, 1, 1, 0
    )  # fmt: skip
    assert result.months == {(2025, 7)}


def test_a_shorter_time_limit_makes_the_dossier_late_without_apology(tmp_path: Path) -> None:
    world()
    _import(tmp_path, ("HS-1", TUE_1_JUL, FRI_4_JUL))
    assert not Dossier.objects.get(code="HS-1").flag_late_no_apology

    Procedure.objects.filter(code="1.000178").update(time_limit=1)
    result = recompute()

    # 1 working day from Tue 1 Jul: Wed 2 Jul. Finished Fri 4, no apology letter: late, flagged
    dossier = Dossier.objects.get(code="HS-1")
    assert dossier.statutory_due_on == dt.date(2025, 7, 2)
    assert dossier.finish_outcome == Outcome.LATE
    assert dossier.flag_late_no_apology
    assert (result.changed, result.due_dates, result.outcomes, result.flags) == (1, 1, 1, 1)


def test_a_period_limits_the_recompute_to_dossiers_received_in_it(tmp_path: Path) -> None:
    world()
    _import(tmp_path, ("HS-7", TUE_1_JUL, ""), ("HS-8", "01/08/2025 08:00", ""))
    # HS-8: received Fri 1 Aug; Mon 4 (1), Tue 5 (2), Wed 6 Aug (3)
    assert Dossier.objects.get(code="HS-8").statutory_due_on == dt.date(2025, 8, 6)

    Procedure.objects.filter(code="1.000178").update(time_limit=1)
    result = recompute(parse_period("2025-07"))

    assert result.dossiers == 1
    assert Dossier.objects.get(code="HS-7").statutory_due_on == dt.date(2025, 7, 2)
    assert Dossier.objects.get(code="HS-8").statutory_due_on == dt.date(2025, 8, 6)  # untouched


@pytest.mark.django_db(transaction=True)
def test_a_failure_midway_changes_nothing(tmp_path: Path) -> None:
    world()
    _import(tmp_path, ("HS-1", TUE_1_JUL, FRI_4_JUL), ("HS-2", TUE_1_JUL, FRI_4_JUL))
    # HS-2's stored receipt lies before the calendar's first year: the calendar cannot judge it
    Dossier.objects.filter(code="HS-2").update(
        received_at=dt.datetime(1999, 6, 1, 1, 0, tzinfo=dt.UTC)
    )
    CalendarOverride.objects.create(date=dt.date(2025, 7, 3), kind="off")
    with pytest.raises(ValueError, match="ngoài lịch"):
        recompute(chunk_rows=1)  # HS-1 is computed and written first, then HS-2 fails

    assert Dossier.objects.get(code="HS-1").statutory_due_on == dt.date(2025, 7, 4)
    assert not ImportBatch.objects.filter(kind=RECOMPUTE_KIND).exists()


def test_import_and_recompute_record_the_rules_version(tmp_path: Path) -> None:
    world()
    _import(tmp_path, ("HS-1", TUE_1_JUL, FRI_4_JUL), ("HS-2", TUE_1_JUL, ""))
    imported = ImportBatch.objects.get(kind="dossiers")
    assert imported.rules_version == RULES_VERSION

    CalendarOverride.objects.create(date=dt.date(2025, 7, 3), kind="off")
    result = recompute(parse_period("2025"))

    batch = ImportBatch.objects.get(pk=result.batch_id)
    assert (batch.kind, batch.rules_version, batch.status) == (
        RECOMPUTE_KIND, RULES_VERSION, ImportBatch.Status.DONE
    )  # fmt: skip
    assert (batch.rows_total, batch.updated, batch.unchanged) == (2, 2, 0)
    assert "2025" in batch.file_name and batch.finished_at is not None
    # each dossier keeps the batch that imported it
    assert set(Dossier.objects.values_list("batch_id", flat=True)) == {imported.pk}


def test_recomputed_rows_count_as_unchanged_when_the_same_export_comes_again(
    tmp_path: Path,
) -> None:
    world()
    path = _import(tmp_path, ("HS-1", TUE_1_JUL, FRI_4_JUL), ("HS-2", TUE_1_JUL, ""))
    CalendarOverride.objects.create(date=dt.date(2025, 7, 3), kind="off")
    assert recompute().changed == 2
    assert recompute().changed == 0  # nothing left to change

    again = import_dossiers(path)  # row hashes written by the recompute match the import's
    assert (again.inserted, again.updated, again.unchanged) == (0, 0, 2)


@pytest.mark.django_db(transaction=True)
def test_the_store_rewrites_the_months_of_the_changed_dossiers(
    tmp_path: Path, settings: Any
) -> None:
    settings.ANALYTICS_DIR = root = tmp_path / "analytics"
    world()
    _import(tmp_path, ("HS-1", TUE_1_JUL, FRI_4_JUL), ("HS-8", "01/08/2025 08:00", ""))
    rebuild()
    august = month_dir(root, (2025, 8)) / "part.parquet"
    august_before = august.stat().st_mtime_ns

    CalendarOverride.objects.create(date=dt.date(2025, 7, 3), kind="off")  # HS-1's span only
    result = recompute()

    stamp = read_stamp()
    assert stamp is not None and stamp.latest_batch_id == result.batch_id
    assert stamp.rules_version == RULES_VERSION
    (july,) = pq.read_table(month_dir(root, (2025, 7)) / "part.parquet").to_pylist()
    assert july["deadline_on"] == dt.date(2025, 7, 7)
    assert july["finish_outcome"] == Outcome.EARLY
    assert august.stat().st_mtime_ns == august_before  # no dossier of August changed
    assert current_source().from_store  # the store holds the latest batch again


@pytest.mark.django_db(transaction=True)
def test_the_command_prints_what_changed_and_refuses_a_bad_period(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    world()
    _import(tmp_path, ("HS-1", TUE_1_JUL, FRI_4_JUL))
    CalendarOverride.objects.create(date=dt.date(2025, 7, 3), kind="off")

    assert main(["dossiers", "recompute", "--period", "2025-13"]) == 1
    assert "Kỳ không hợp lệ" in capsys.readouterr().err
    assert main(["dossiers", "recompute", "--from", "2025-07-01"]) == 1
    assert "--from" in capsys.readouterr().err
    assert Dossier.objects.get(code="HS-1").statutory_due_on == dt.date(2025, 7, 4)

    assert main(["dossiers", "recompute", "--from", "2025-07-01", "--to", "2025-07-31"]) == 0
    out = capsys.readouterr().out
    assert f"v{RULES_VERSION}" in out
    assert "Hồ sơ thay đổi (dossiers changed): 1 — hạn giải quyết 1 (due date), kết quả 1" in out
    assert Dossier.objects.get(code="HS-1").statutory_due_on == dt.date(2025, 7, 7)
