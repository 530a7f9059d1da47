"""Values shared by the worker processes: files under the web cache folder, renewed by an import.

A second worker is played by forgetting this process's memory (`shared_cache.MEMORY.clear()`):
what it then reads can only come from the files the first one wrote.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

import numpy as np
from django.test import Client

from cchc.analytics.store import rebuild, refresh_after_import
from cchc.dossiers.importer import import_dossiers
from cchc.dossiers.late import LateFilter, late_dossiers
from cchc.dossiers.periods import parse_period
from cchc.web import shared_cache
from cchc.web.late_cache import late_page
from tests.web.world import World, write_import_csv

ClientFor = Callable[[str], Client]


def test_a_value_written_by_one_worker_is_read_by_another(settings: Any) -> None:
    calls: list[int] = []

    def compute() -> np.ndarray[Any, np.dtype[np.int64]]:
        calls.append(1)
        return np.array([5, 3, 9], dtype=np.int64)

    first = shared_cache.shared_ids("late", ("v1",), ("key", frozenset({"b", "a"})), compute)
    shared_cache.MEMORY.clear()  # another worker: nothing in its memory
    second = shared_cache.shared_ids("late", ("v1",), ("key", frozenset({"a", "b"})), compute)
    assert calls == [1] and second.tolist() == first.tolist() == [5, 3, 9]
    assert list(Path(settings.WEB_CACHE_DIR).glob("late-*/*"))


def test_a_new_version_removes_the_older_files(settings: Any) -> None:
    shared_cache.shared_text("html", "stamp-1", ("p",), lambda: "<p>1</p>")
    shared_cache.shared_text("html", "stamp-2", ("p",), lambda: "<p>2</p>")
    folders = list(Path(settings.WEB_CACHE_DIR).glob("html-*"))
    assert len(folders) == 1
    shared_cache.MEMORY.clear()
    assert shared_cache.shared_text("html", "stamp-2", ("p",), lambda: "fresh") == "<p>2</p>"
    assert shared_cache.shared_text("html", "stamp-1", ("p",), lambda: "fresh") == "fresh"


def test_a_damaged_file_is_computed_again(settings: Any) -> None:
    shared_cache.shared_ids("late", "v", "k", lambda: np.array([1, 2], dtype=np.int64))
    for path in Path(settings.WEB_CACHE_DIR).glob("late-*/*"):
        path.write_bytes(b"not an array")
    shared_cache.MEMORY.clear()
    again = shared_cache.shared_ids("late", "v", "k", lambda: np.array([7], dtype=np.int64))
    assert again.tolist() == [7]


def test_an_import_renews_the_late_ranking_in_every_worker(world: World, tmp_path: Path) -> None:
    period, today = parse_period("2024-H2"), dt.date(2024, 7, 31)
    filt = LateFilter(unit_codes={"X011"})
    _rows, total = late_page(period, filt, limit=5, as_of=today)
    shared_cache.MEMORY.clear()
    assert late_page(period, filt, limit=5, as_of=today)[1] == total  # read from the file

    path = write_import_csv(tmp_path / "open.csv", 30)  # 30 dossiers still open on 31/07
    path.write_text(path.read_text(encoding="utf-8").replace(",05/07/2024 10:00,", ",,"))
    import_dossiers(path)
    shared_cache.MEMORY.clear()
    rows, new_total = late_page(period, filt, limit=5, as_of=today)
    assert new_total == total + 30
    assert (rows, new_total) == late_dossiers(period, filt, limit=5, as_of=today)


def _without_tokens(page: str) -> str:
    return re.sub(r'value="[A-Za-z0-9]{64}"', "", page)  # each response masks its CSRF token


def _dossiers_shown(page: str) -> int:
    """The first KPI figure of the overview (dossiers in the period)."""
    found = re.search(r'class="value">([\d.]+)<', page)
    assert found, "no KPI on the page"
    return int(found.group(1).replace(".", ""))


def test_an_import_and_store_refresh_change_the_cached_overview(
    world: World, client_for: ClientFor, settings: Any, tmp_path: Path
) -> None:
    settings.ANALYTICS_DIR = tmp_path / "analytics"
    rebuild()
    officer = client_for("officer")
    before = officer.get("/?period=2024-H2").content.decode()
    shared_cache.MEMORY.clear()
    again = officer.get("/?period=2024-H2").content.decode()
    assert _without_tokens(again) == _without_tokens(before)  # the shared fragment

    result = import_dossiers(write_import_csv(tmp_path / "july.csv", 12))
    refresh_after_import(result.batch_id)
    shared_cache.MEMORY.clear()
    after = officer.get("/?period=2024-H2").content.decode()
    assert _dossiers_shown(after) == _dossiers_shown(before) + 12


def test_the_overview_fragment_is_per_scope(
    world: World, client_for: ClientFor, settings: Any, tmp_path: Path
) -> None:
    settings.ANALYTICS_DIR = tmp_path / "analytics"
    rebuild()
    whole = client_for("officer").get("/?period=2024").content.decode()
    shared_cache.MEMORY.clear()
    commune = client_for("chair_x011").get("/?period=2024").content.decode()
    assert _dossiers_shown(commune) < _dossiers_shown(whole)
    assert "Xã Hai Một" not in commune  # another commune's row is not served from the cache
