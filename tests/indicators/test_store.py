"""The Parquet analytics store: layout, refresh of touched months, the "data as of" stamp."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pyarrow.parquet as pq
import pytest
from django.conf import settings

from cchc.analytics.store import read_stamp, rebuild, refresh_after_import
from cchc.cli import main
from cchc.core.models import ImportBatch
from cchc.dossiers.models import Dossier
from tests.indicators.world import build_world

pytestmark = pytest.mark.django_db(transaction=True)


def _root() -> Path:
    return Path(settings.ANALYTICS_DIR)


def test_rebuild_writes_one_file_per_month_of_receipt(capsys: pytest.CaptureFixture[str]) -> None:
    build_world()
    assert main(["analytics", "rebuild"]) == 0
    assert "10 hồ sơ" in capsys.readouterr().out
    files = sorted(p.relative_to(_root()).as_posix() for p in _root().glob("dossiers/*/*/*"))
    assert files == [
        "dossiers/year=2025/month=05/part.parquet",
        "dossiers/year=2025/month=06/part.parquet",
        "dossiers/year=2025/month=07/part.parquet",
    ]
    june = pq.read_table(_root() / "dossiers/year=2025/month=06/part.parquet").to_pylist()
    a1 = next(r for r in june if r["code"] == "A1")
    assert a1["received_on"] == dt.date(2025, 6, 2) and a1["e_result"] is True
    assert a1["working_days_to_finish"] == 3
    a4 = next(r for r in june if r["code"] == "A4")
    assert a4["finished_on"] is None and a4["working_days_to_finish"] is None
    assert a4["digitised"] is None  # unknown stays unknown
    units = pq.read_table(_root() / "units/part.parquet").to_pylist()
    assert {"code": "A", "parent_code": "PROV"}.items() <= next(
        u for u in units if u["code"] == "A"
    ).items()
    stamp = read_stamp()
    assert stamp is not None and stamp.dossiers == 10 and stamp.months == 3


def test_refresh_after_import_rewrites_only_the_touched_months() -> None:
    build_world()
    rebuild()
    may = _root() / "dossiers/year=2025/month=05/part.parquet"
    may_before = may.stat().st_mtime_ns
    batch = ImportBatch.objects.create(file_name="new.csv", file_hash="x", status="done")
    Dossier.objects.filter(code="B1").update(channel="postal", batch=batch)
    stamp = refresh_after_import(batch.pk)
    june = pq.read_table(_root() / "dossiers/year=2025/month=06/part.parquet").to_pylist()
    assert next(r for r in june if r["code"] == "B1")["channel"] == "postal"
    assert may.stat().st_mtime_ns == may_before
    assert stamp is not None and stamp.latest_batch_id == batch.pk


def test_a_month_emptied_in_the_database_disappears_from_the_store() -> None:
    build_world()
    rebuild()
    batch = ImportBatch.objects.create(file_name="x.csv", file_hash="y", status="done")
    Dossier.objects.filter(code="A8").update(batch=batch)
    months = {(2025, 7)}
    Dossier.objects.filter(code="A8").delete()
    from cchc.analytics.store import refresh

    refresh(months)
    assert not (_root() / "dossiers/year=2025/month=07").exists()


def test_status_reports_a_missing_store(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["analytics", "status"]) == 0
    assert "cchc analytics rebuild" in capsys.readouterr().out


def test_a_weight_version_changes_points_and_is_named(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    build_world()
    weights = tmp_path / "gia-lai-2025.toml"
    weights.write_text(
        'version = "GL-2025-1"\neffective_from = 2025-01-01\nnote = "sửa ngưỡng 4c"\n'
        '[weights."766.4c"]\nmax_points = 6\nthreshold = 0.4\n',
        encoding="utf-8",
    )
    assert main(["indicators", "weights", "load", str(weights)]) == 0
    capsys.readouterr()
    assert (
        main(
            [
                "indicators",
                "--period",
                "2025-06",
                "--unit",
                "A",
                "--today",
                "2025-07-15",
                "--format",
                "json",
            ]
        )
        == 0
    )
    data = json.loads(capsys.readouterr().out)
    assert data["catalogue_version"].startswith("GL-2025-1")
    c4 = data["rows"][0]["indicators"]["766.4c"]
    assert c4["value"] == pytest.approx(0.4) and c4["points"] == pytest.approx(6.0)
    # 2024 is judged by the shipped weights
    assert main(["indicators", "--period", "2024-06", "--format", "json"]) == 0
    assert json.loads(capsys.readouterr().out)["catalogue_version"] == "766/2022-1"


def test_a_store_of_an_older_schema_is_rebuilt_not_read(
    capsys: pytest.CaptureFixture[str],
) -> None:
    """A store written before the status column is never read (its SQL would miss the column):
    pages count in the database, and the next import's refresh or `cchc serve` rebuilds it."""
    from cchc.analytics.freshness import current_source
    from cchc.analytics.store import outdated
    from cchc.web.cli import rebuild_outdated_store

    build_world()
    rebuild()
    stamp_path = _root() / "data_as_of.json"
    old = json.loads(stamp_path.read_text(encoding="utf-8"))
    old.pop("schema")
    stamp_path.write_text(json.dumps(old), encoding="utf-8")
    assert outdated() and read_stamp() is None and not current_source().from_store
    batch = ImportBatch.objects.create(file_name="new.csv", file_hash="x", status="done")
    assert refresh_after_import(batch.pk) is not None  # a whole rebuild, not a month's refresh
    assert not outdated() and read_stamp() is not None

    stamp_path.write_text(json.dumps(old), encoding="utf-8")
    rebuild_outdated_store()
    assert "rebuilding the analytics store" in capsys.readouterr().out
    assert not outdated()
    rebuild_outdated_store()  # a current store is left alone
    assert capsys.readouterr().out == ""
