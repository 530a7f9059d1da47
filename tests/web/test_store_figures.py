"""Dashboard figures and the analytics store: the store is used only while it holds the latest
import (else the database answers), the cache follows the store's stamp, and every page shows
"data as of". (That the store and the database count alike is the oracle's business:
tests/dossiers/test_rulebook_oracle.py runs on both.)
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import polars as pl
import pytest
from django.test import Client

from cchc.analytics import summary as analytics_summary
from cchc.analytics.freshness import current_source
from cchc.analytics.gateway import Analytics
from cchc.analytics.store import read_stamp, rebuild, refresh_after_import
from cchc.dossiers.importer import import_dossiers
from cchc.dossiers.periods import parse_period
from cchc.dossiers.summary import SummaryRow
from cchc.web.figure_source import summaries
from tests.web.world import World, write_import_csv

ClientFor = Callable[[str], Client]
PERIODS = ["2023", "2023-Q4", "2024-H1", "2024-03", "2024", "2024-11-20..2025-01-10"]
SCOPES: list[frozenset[str] | None] = [
    None,
    frozenset({"X011"}),
    frozenset({"H01", "H01-VPDK", "X011", "X012"}),
    frozenset(),
    frozenset({"NO-SUCH-UNIT"}),
]
TODAYS = [dt.date(2024, 3, 14), dt.date(2030, 1, 1)]


def database() -> Analytics:
    return Analytics.current("database")


@pytest.fixture
def store(world: World, settings: Any, tmp_path: Path) -> Path:
    """The world's analytics store in a folder of this test's own."""
    settings.ANALYTICS_DIR = tmp_path / "analytics"
    rebuild()
    return Path(settings.ANALYTICS_DIR)


def _period(text: str) -> object:
    if ".." in text:
        from cchc.dossiers.periods import resolve_period

        start, end = text.split("..")
        return resolve_period(None, start, end)
    return parse_period(text)


def test_without_a_store_the_database_answers(world: World, settings: Any, tmp_path: Path) -> None:
    settings.ANALYTICS_DIR = tmp_path / "none"
    source = current_source()
    assert not source.from_store
    assert source.as_of is not None  # the latest import's finish time
    period = parse_period("2024")
    assert summaries(source, period, ["unit"], None)["unit"] == database().summarise(period, "unit")


def test_a_new_import_makes_the_store_stale_until_refreshed(store: Path, tmp_path: Path) -> None:
    period = parse_period("2024-H2")
    units = frozenset({"X011"})
    before = summaries(current_source(), period, [None], units)[None][0]
    csv_path = write_import_csv(tmp_path / "july.csv", 12)
    result = import_dossiers(csv_path)

    stale = current_source()
    assert not stale.from_store  # the store misses the new batch: the database answers
    counted = summaries(stale, period, [None], units)[None][0]
    assert counted.dossiers == before.dossiers + 12

    old_stamp = read_stamp()
    refresh_after_import(result.batch_id)
    fresh = current_source()
    assert fresh.from_store and fresh.stamp != old_stamp
    after = summaries(fresh, period, [None], units)[None][0]
    assert after == counted  # new stamp, new cache key: the new dossiers are counted
    assert fresh.as_of is not None and fresh.stamp is not None
    assert fresh.stamp.latest_batch_id == result.batch_id


def test_figures_are_cached_per_stamp(store: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    queried: list[object] = []
    counted = analytics_summary.summaries

    def counting(*args: Any, **kwargs: Any) -> dict[str | None, list[SummaryRow]]:
        queried.append(args)
        return counted(*args, **kwargs)

    monkeypatch.setattr(analytics_summary, "summaries", counting)
    period = parse_period("2024")
    source = current_source()
    summaries(source, period, [None, "unit"], None)
    again = summaries(source, period, [None, "unit"], None)
    assert len(queried) == 1  # the second answer came from the cache
    assert again[None] == database().summarise(period, None)


def test_database_figures_are_cached_until_an_import(
    world: World, settings: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Without a store the database's answers are kept too, under its latest batch: the same
    figures as uncounted, once per data version, and a new import's dossiers are counted."""
    settings.ANALYTICS_DIR = tmp_path / "none"
    queried: list[object] = []
    counted = analytics_summary.summaries

    def counting(*args: Any, **kwargs: Any) -> dict[str | None, list[SummaryRow]]:
        queried.append(args)
        return counted(*args, **kwargs)

    monkeypatch.setattr(analytics_summary, "summaries", counting)
    period, units = parse_period("2024-H2"), frozenset({"X011"})
    first = summaries(current_source(), period, [None, "unit"], units)
    again = summaries(current_source(), period, [None, "unit"], units)
    assert len(queried) == 1  # the second answer came from the cache
    assert again == first
    assert first[None] == database().summarise(period, None, units)

    import_dossiers(write_import_csv(tmp_path / "july.csv", 12))
    after = summaries(current_source(), period, [None, "unit"], units)
    assert len(queried) == 3  # (the check above counted once) a new batch: counted again
    assert after[None][0].dossiers == first[None][0].dossiers + 12
    assert after[None] == database().summarise(period, None, units)


def test_overview_shows_data_as_of_from_the_store(store: Path, client_for: ClientFor) -> None:
    stamp = read_stamp()
    assert stamp is not None and stamp.latest_import_at is not None
    page = client_for("officer").get("/?period=2024-H1").content.decode()
    total = database().summarise(parse_period("2024-H1"))[0]
    assert f">{total.dossiers}<" in page
    assert "Dữ liệu đến" in page
    assert stamp.as_of_display in page


def test_an_import_of_units_leaves_the_store_current(
    store: Path, tmp_path: Path, client_for: ClientFor, django_capture_on_commit_callbacks: Any
) -> None:
    from cchc.core.models import ImportBatch
    from cchc.core.units_import import import_units

    stamp = read_stamp()
    assert stamp is not None and current_source().from_store
    units = tmp_path / "units.csv"
    units.write_text(
        "unit_code,name,kind,parent_code,valid_from,valid_to\nX011,Xã Một Một Mới,xã,H01,,\n",
        encoding="utf-8",
    )
    with django_capture_on_commit_callbacks(execute=True):
        import_units(units)
    assert ImportBatch.objects.order_by("-id").values_list("kind", flat=True)[0] == "units"
    source = current_source()
    assert source.from_store  # pages still read the store
    assert source.as_of == dt.datetime.fromisoformat(stamp.latest_import_at or "")  # dossier data
    refreshed = read_stamp()
    assert refreshed is not None and refreshed.built_at != stamp.built_at  # reference tables
    assert refreshed.latest_batch_id == stamp.latest_batch_id
    names = pl.read_parquet(store / "units" / "part.parquet")
    assert "Xã Một Một Mới" in names["name"].to_list()
    page = client_for("officer").get("/?period=2024-H1").content.decode()
    assert stamp.as_of_display in page  # "Dữ liệu đến": the latest dossier import


def test_serve_builds_a_missing_store_only(world: World, settings: Any, tmp_path: Path) -> None:
    """`cchc serve` builds the store in the background when there are dossiers and no store; a
    current store is left alone, an outdated one is rebuilt before serving instead."""
    from cchc.analytics.store import outdated
    from cchc.dossiers.models import Dossier
    from cchc.web.cli import store_to_build

    settings.ANALYTICS_DIR = tmp_path / "analytics"
    assert store_to_build()
    rebuild()
    assert not store_to_build()
    stamp_path = tmp_path / "analytics" / "data_as_of.json"
    old = json.loads(stamp_path.read_text(encoding="utf-8"))
    old.pop("schema")  # written before the schema was versioned
    stamp_path.write_text(json.dumps(old), encoding="utf-8")
    assert outdated() and not store_to_build()
    settings.ANALYTICS_DIR = tmp_path / "none"
    Dossier.objects.all().delete()
    assert not store_to_build()  # nothing to build from
