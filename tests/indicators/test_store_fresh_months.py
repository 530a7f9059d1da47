"""With a store, the months an import fills for the first time are written from its own rows."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import polars as pl
import pyarrow as pa
import pyarrow.parquet as pq
import pytest
from django.conf import settings
from django.db import connection
from django.test.utils import CaptureQueriesContext

from cchc.analytics import store
from cchc.analytics.store_frames import FreshMonths
from cchc.analytics.store_schema import DOSSIER_COLUMNS
from cchc.dossiers.importer import import_dossiers
from cchc.dossiers.models import Dossier
from tests.dossiers.import_helpers import row, world, write_csv

pytestmark = pytest.mark.django_db(transaction=True)


def _month(root: Path, month: str) -> pa.Table:
    path = root / f"dossiers/year=2025/month={month}/part.parquet"
    return pq.read_table(path).sort_by("code")


def _read_backs(queries: CaptureQueriesContext) -> list[str]:
    """The month queries that read dossiers back from the database for the store."""
    return [q["sql"] for q in queries.captured_queries if "ORDER BY received_on, code" in q["sql"]]


def _rows() -> list[list[str]]:
    return [
        row(dossier_code="HS-1", received_at="02/06/2025 08:00", finished_at="04/06/2025 10:00"),
        row(dossier_code="HS-2", received_at="03/06/2025 08:00", finished_at=""),
        row(dossier_code="HS-3", received_at="01/07/2025 08:15", finished_at="10/07/2025 16:00"),
        row(dossier_code="HS-4", received_at="31/07/2025 17:59", finished_at="01/08/2025 08:00",
            channel="in_person", applicant_id=""),
    ]  # fmt: skip


def test_new_months_are_written_from_the_import_as_a_rebuild_would(tmp_path: Path) -> None:
    world()
    store.rebuild()  # a store exists, with no month yet
    with CaptureQueriesContext(connection) as queries:
        result = import_dossiers(write_csv(tmp_path / "a.csv", _rows()))
    assert result.inserted == 4
    assert _read_backs(queries) == []  # June and July were empty: nothing read back
    root = Path(settings.ANALYTICS_DIR)
    store.rebuild(tmp_path / "rebuilt")  # what reading them back gives
    for month in ("06", "07"):
        assert _month(root, month).equals(_month(tmp_path / "rebuilt", month))
    assert _month(root, "07").column("working_days_to_finish").to_pylist() == [7, 1]
    stamp = store.read_stamp()
    assert stamp is not None and (stamp.dossiers, stamp.latest_batch_id) == (4, result.batch_id)


def test_a_month_that_held_dossiers_is_read_back_and_a_new_one_is_not(tmp_path: Path) -> None:
    world()
    store.rebuild()
    import_dossiers(write_csv(tmp_path / "a.csv", _rows()[:2]))  # June
    later = [
        row(dossier_code="HS-2", received_at="03/06/2025 08:00", finished_at="05/06/2025 09:00"),
        row(dossier_code="HS-5", received_at="04/08/2025 08:00", finished_at=""),
    ]
    with CaptureQueriesContext(connection) as queries:
        result = import_dossiers(write_csv(tmp_path / "b.csv", later))
    assert (result.inserted, result.updated) == (1, 1)
    read_back = _read_backs(queries)
    assert len(read_back) == 1  # June only: it held HS-1, which this import did not write
    store.rebuild(tmp_path / "rebuilt")
    root = Path(settings.ANALYTICS_DIR)
    for month in ("06", "08"):
        assert _month(root, month).equals(_month(tmp_path / "rebuilt", month))
    assert _month(root, "06").column("code").to_pylist() == ["HS-1", "HS-2"]


def test_a_month_whose_rows_in_the_database_differ_in_number_is_read_back(
    tmp_path: Path,
) -> None:
    """Another import that wrote into the same month meanwhile: its rows are not lost."""
    world()
    import_dossiers(write_csv(tmp_path / "a.csv", _rows()[:2]))  # HS-1 and HS-2, June
    store.rebuild()
    names = [n for n, _ in DOSSIER_COLUMNS]
    one = Dossier.objects.filter(code="HS-1").values(*names).get()
    text = {k: v.isoformat() if isinstance(v, dt.date) else v for k, v in one.items()}
    fresh = FreshMonths(taken=set())  # as if June had been empty and this import wrote HS-1 only
    list(fresh.collect([pl.DataFrame([text])]))
    store.refresh({(2025, 6)}, fresh=fresh)
    june = _month(Path(settings.ANALYTICS_DIR), "06")
    assert june.column("code").to_pylist() == ["HS-1", "HS-2"]
