"""Values shared by the worker processes: Django's cache, keyed by the data version, renewed by
an import.

A second worker is played by a real second process (first test), or by forgetting this process's
memory and opening the shared cache afresh (`_another_worker()`): what it then reads can only come
from what the first one stored.
"""

from __future__ import annotations

import datetime as dt
import os
import re
import subprocess
import sys
import threading
from collections.abc import Callable
from pathlib import Path
from typing import Any

import numpy as np
from django.core.cache import caches
from django.test import Client

from cchc.analytics.freshness import current_source
from cchc.analytics.store import rebuild, refresh_after_import
from cchc.core.models import CalendarOverride
from cchc.dossiers.importer import import_dossiers
from cchc.dossiers.late import LateFilter, late_dossiers
from cchc.dossiers.periods import parse_period
from cchc.web import data_cache
from cchc.web.late_cache import late_page
from tests.web.world import World, write_import_csv

ClientFor = Callable[[str], Client]
IntArray = np.ndarray[Any, np.dtype[np.int64]]

READ_IN_ANOTHER_PROCESS = """
import sys, django
django.setup()
from cchc.web.data_cache import cached
print(cached("late", 7, ("key", frozenset({"a", "b"})), lambda: sys.exit(3)).tolist())
"""


def _another_worker() -> None:
    caches["local"].clear()
    caches["default"] = caches.create_connection("default")


def _entries(settings: Any) -> list[Path]:
    return list(Path(settings.CACHES["default"]["LOCATION"]).glob("*.djcache"))


def test_a_value_written_by_one_worker_is_read_by_another(settings: Any, tmp_path: Path) -> None:
    data_dir = tmp_path / "data"
    shared = {**settings.CACHES["default"], "LOCATION": str(data_dir / "cache" / "django")}
    settings.CACHES = {**settings.CACHES, "default": shared}
    calls: list[int] = []

    def compute() -> IntArray:
        calls.append(1)
        return np.array([5, 3, 9], dtype=np.int64)

    first = data_cache.cached("late", 7, ("key", frozenset({"b", "a"})), compute)
    env = {**os.environ, "CCHC_DATA_DIR": str(data_dir), "DJANGO_SETTINGS_MODULE": "cchc.settings"}
    other = subprocess.run(
        [sys.executable, "-c", READ_IN_ANOTHER_PROCESS], env=env, capture_output=True, text=True
    )
    assert other.returncode == 0, other.stderr  # 3: the other process computed it again
    assert other.stdout.strip() == "[5, 3, 9]" == str(first.tolist())
    assert calls == [1] and _entries(settings)


def test_a_new_version_makes_new_entries_and_old_ones_are_culled(settings: Any) -> None:
    small = {**settings.CACHES["default"], "OPTIONS": {"MAX_ENTRIES": 6, "CULL_FREQUENCY": 2}}
    settings.CACHES = {**settings.CACHES, "default": small}
    version_1, version_2 = data_cache.version_of("stamp-1"), data_cache.version_of("stamp-2")
    data_cache.cached("html", version_1, ("p",), lambda: "<p>1</p>")
    assert data_cache.cached("html", version_2, ("p",), lambda: "<p>2</p>") == "<p>2</p>"
    _another_worker()
    assert data_cache.cached("html", version_2, ("p",), lambda: "fresh") == "<p>2</p>"
    for n in range(3, 30):  # many data versions later, the folder stays bounded
        data_cache.cached("html", data_cache.version_of(f"stamp-{n}"), ("p",), lambda: "<p>n</p>")
    assert len(_entries(settings)) <= 6


def test_a_damaged_file_is_computed_again(settings: Any) -> None:
    data_cache.cached("late", 1, "k", lambda: np.array([1, 2], dtype=np.int64))
    for path in _entries(settings):
        path.write_bytes(b"not an array")
    _another_worker()
    again = data_cache.cached("late", 1, "k", lambda: np.array([7], dtype=np.int64))
    assert again.tolist() == [7]
    _another_worker()
    assert data_cache.cached("late", 1, "k", lambda: np.array([8], dtype=np.int64)).tolist() == [7]


def test_an_import_renews_the_late_ranking_in_every_worker(world: World, tmp_path: Path) -> None:
    period, today = parse_period("2024-H2"), dt.date(2024, 7, 31)
    filt = LateFilter(unit_codes={"X011"})
    _rows, total = late_page(period, filt, limit=5, as_of=today)
    _another_worker()
    assert late_page(period, filt, limit=5, as_of=today)[1] == total  # read from the cache

    path = write_import_csv(tmp_path / "open.csv", 30)  # 30 dossiers still open on 31/07
    path.write_text(path.read_text(encoding="utf-8").replace(",05/07/2024 10:00,", ",,"))
    import_dossiers(path)
    _another_worker()
    rows, new_total = late_page(period, filt, limit=5, as_of=today)
    assert new_total == total + 30
    assert (rows, new_total) == late_dossiers(period, filt, limit=5, as_of=today)


def _without_tokens(page: str) -> str:
    return re.sub(r'value="[A-Za-z0-9]{64}"', "", page)  # each response masks its CSRF token


def _dossiers_shown(page: str) -> int:
    """The first KPI figure of the overview (dossiers in the period)."""
    found = re.search(r'class="value">(?:<a [^>]*>)?([\d.]+)<', page)
    assert found, "no KPI on the page"
    return int(found.group(1).replace(".", ""))


def test_an_import_and_store_refresh_change_the_cached_overview(
    world: World, client_for: ClientFor, settings: Any, tmp_path: Path
) -> None:
    settings.ANALYTICS_DIR = tmp_path / "analytics"
    rebuild()
    officer = client_for("officer")
    before = officer.get("/?period=2024-H2").content.decode()
    _another_worker()
    again = officer.get("/?period=2024-H2").content.decode()
    assert _without_tokens(again) == _without_tokens(before)  # the shared fragment

    result = import_dossiers(write_import_csv(tmp_path / "july.csv", 12))
    refresh_after_import(result.batch_id)
    _another_worker()
    after = officer.get("/?period=2024-H2").content.decode()
    assert _dossiers_shown(after) == _dossiers_shown(before) + 12


def test_the_overview_without_a_store_is_shared_and_renewed_by_an_import(
    world: World, client_for: ClientFor, settings: Any, tmp_path: Path
) -> None:
    settings.ANALYTICS_DIR = tmp_path / "none"
    officer = client_for("officer")
    before = officer.get("/?period=2024-H2").content.decode()
    _another_worker()
    again = officer.get("/?period=2024-H2").content.decode()
    assert _without_tokens(again) == _without_tokens(before)  # the shared fragment

    import_dossiers(write_import_csv(tmp_path / "july.csv", 12))
    _another_worker()
    after = officer.get("/?period=2024-H2").content.decode()
    assert _dossiers_shown(after) == _dossiers_shown(before) + 12

    settings.ANALYTICS_DIR = tmp_path / "analytics"
    rebuild()  # the store's figures equal the database's
    from_store = officer.get("/?period=2024-H2").content.decode()
    assert current_source().from_store
    assert _dossiers_shown(from_store) == _dossiers_shown(after)


def test_concurrent_misses_compute_once(settings: Any) -> None:
    """Threads of one worker missing the same entry wait for one computation (single flight)."""
    release = threading.Event()
    calls: list[int] = []

    def compute() -> str:
        calls.append(1)
        release.wait(10)
        return "<p>figures</p>"

    answers: list[str] = []
    threads = [
        threading.Thread(
            target=lambda: answers.append(data_cache.cached("html", 11, ("p",), compute))
        )
        for _ in range(8)
    ]
    for t in threads:
        t.start()
    name = f"html:{data_cache.digest(('p',))}"
    for _ in range(1000):  # until all 8 hold or wait for the one computation
        entry = data_cache._flights.get((name, 11))
        if entry is not None and entry[1] == 8:
            break
        threading.Event().wait(0.01)
    release.set()
    for t in threads:
        t.join()
    assert calls == [1]
    assert answers == ["<p>figures</p>"] * 8
    assert not data_cache._flights  # nothing left behind


def test_the_overview_fragment_is_per_scope(
    world: World, client_for: ClientFor, settings: Any, tmp_path: Path
) -> None:
    settings.ANALYTICS_DIR = tmp_path / "analytics"
    rebuild()
    whole = client_for("officer").get("/?period=2024").content.decode()
    _another_worker()
    commune = client_for("chair_x011").get("/?period=2024").content.decode()
    assert _dossiers_shown(commune) < _dossiers_shown(whole)
    assert "Xã Hai Một" not in commune  # another commune's row is not served from the cache


def test_a_calendar_override_renews_rankings_and_store_figures(
    world: World, settings: Any, tmp_path: Path
) -> None:
    """Working days late and "due soon" follow the calendar: an override is a new data version."""
    settings.ANALYTICS_DIR = tmp_path / "analytics"
    rebuild()
    stamp = current_source().stamp
    assert stamp is not None
    ranked, figures = data_cache.database_version(), data_cache.store_version(stamp)
    CalendarOverride.objects.create(date=dt.date(2024, 7, 18), kind="off")  # a Thursday
    assert data_cache.database_version() != ranked
    assert data_cache.store_version(stamp) != figures
