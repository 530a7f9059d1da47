"""Values computed from the data, kept in Django's cache under the version of the data they show.

`cchc serve --workers N` runs N processes. Django's cache (settings.CACHES: files under
CCHC_DATA_DIR/cache/django) is shared by them: the first worker to compute a late-list ranking
or a page's figures stores it and the others read it, instead of each paying the 0.3–0.6 s
ranking at a million dossiers. Every entry is stored under Django's `version`, derived from the
data-as-of state it was computed from (the latest finished import, the analytics store's stamp,
the calendar in force), and every reader derives the version from the current state: an import,
a store refresh or a calendar override makes the older entries unreachable in every worker at
once. They then expire (TIMEOUT) or are culled (MAX_ENTRIES), so the folder stays bounded.
A value that cannot be read back (a damaged file) is a miss; one that cannot be stored (a full
disk) is still returned.

Single flight: concurrent requests in one worker that miss the same entry wait for the first
one's computation instead of each computing it (20 clients opening the overview on the database
fallback queued behind 20 copies of the same multi-second scans). Across worker processes each
computes at most once (`cchc serve` runs at most two by default).

Two of Django's backends, measured at 1,000,000 dossiers (a ranking of 500–30,000 ids):
- shared: files (FileBasedCache) rather than the database cache. Reads cost the same (28–674 µs
  against 37–549 µs), but a database cache write waits for SQLite's single writer: 3.2 s while
  another process held the write lock (an import holds it while it writes), where a file is
  written in 2–21 ms whatever the database does.
- in front of it, this process's memory (LocMemCache): a file read unzips the whole ranking
  (0.4–0.7 ms for 30,000 ids) on every page; from memory the late API used 2.2–2.3 ms of CPU per
  request instead of 2.4–2.7 ms (files only), as the hand-written LRU it replaces did (2.3–2.5).
"""

from __future__ import annotations

import datetime as dt
import hashlib
import logging
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any, TypeVar, cast

import numpy as np
from django.core.cache import caches

from cchc.analytics.store import StoreStamp
from cchc.core.calendar import FIRST_YEAR, LAST_YEAR, WorkingCalendar
from cchc.core.calendar_db import get_calendar
from cchc.core.change_stamp import remember
from cchc.dossiers.data_as_of import latest_batch

T = TypeVar("T")
logger = logging.getLogger(__name__)
_MISSING = object()
SHARED, LOCAL = "default", "local"  # settings.CACHES: files for all workers; this process's memory


def stable(value: Any) -> Any:
    """A form of a key whose repr is the same in every process (sets sorted)."""
    if isinstance(value, frozenset | set):
        return ("set", tuple(sorted(stable(v) for v in value)))
    if isinstance(value, tuple | list):
        return tuple(stable(v) for v in value)
    if isinstance(value, dt.date | dt.datetime | str | int | float | bool) or value is None:
        return value
    raise TypeError(f"unsupported cache key part {type(value).__name__}")


def digest(value: Any) -> str:
    return hashlib.sha256(repr(stable(value)).encode()).hexdigest()[:32]


def version_of(state: Any) -> int:
    """Django's cache version (an integer) for a data-as-of state: the same in every process."""
    return int(digest(state)[:15], 16)


_fingerprint: tuple[WorkingCalendar, str] | None = None


def calendar_fingerprint(calendar: WorkingCalendar) -> str:
    """The same text in every process for the same working days (part of a data version)."""
    global _fingerprint
    held = _fingerprint
    if held is not None and held[0] is calendar:
        return held[1]
    days = np.arange(
        np.datetime64(f"{FIRST_YEAR}-01-01"),
        np.datetime64(f"{LAST_YEAR + 1}-01-01"),
        dtype="datetime64[D]",
    )
    text = hashlib.sha256(np.packbits(calendar.is_working_day_array(days)).tobytes()).hexdigest()
    _fingerprint = (calendar, text)
    return text


def database_version() -> int:
    """Values read from the system database: the latest finished import and the calendar. The
    latest import is remembered under the change stamp (every save of an import batch raises it)."""
    batch = remember("latest_batch", latest_batch)
    return version_of(("db", batch, calendar_fingerprint(get_calendar())))


def store_version(stamp: StoreStamp) -> int:
    """Values read from the analytics store: its last build or refresh, and the calendar (the
    figures judge open dossiers "due soon" by it)."""
    state = (stamp.built_at, stamp.latest_batch_id, stamp.latest_import_at)
    return version_of(("store", state, calendar_fingerprint(get_calendar())))


def _shared_get(name: str, version: int) -> Any:
    try:
        return caches[SHARED].get(name, _MISSING, version=version)
    except Exception:  # a damaged or foreign entry: computed again and overwritten
        logger.warning("web cache: unreadable entry %s", name, exc_info=True)
        return _MISSING


# (name, version) -> [the lock of its one computation, how many threads hold or wait for it]
_flights: dict[tuple[str, int], list[Any]] = {}
_flights_guard = threading.Lock()


@contextmanager
def single_flight(name: str, version: int) -> Iterator[None]:
    """Held by one thread of this process at a time per (name, version)."""
    entry_key = (name, version)
    with _flights_guard:
        entry = _flights.setdefault(entry_key, [threading.Lock(), 0])
        entry[1] += 1
    try:
        with entry[0]:
            yield
    finally:
        with _flights_guard:
            entry[1] -= 1
            if entry[1] == 0:
                del _flights[entry_key]


def _lookup(name: str, version: int) -> Any:
    local = caches[LOCAL]
    found = local.get(name, _MISSING, version=version)
    if found is _MISSING:
        found = _shared_get(name, version)
        if found is not _MISSING:
            local.set(name, found, version=version)
    return found


def cached(kind: str, version: int, key: Any, compute: Callable[[], T]) -> T:
    """The value stored for (kind, key) at this data version, else `compute()` stored for all.

    Looked up in this process's memory first (the LOCAL cache), then in the SHARED one; on a
    miss, computed once in this process however many threads ask (single_flight).
    """
    name = f"{kind}:{digest(key)}"
    found = _lookup(name, version)
    if found is not _MISSING:
        return cast(T, found)
    with single_flight(name, version):
        found = _lookup(name, version)  # computed by the thread this one waited for
        if found is _MISSING:
            found = compute()
            try:
                caches[SHARED].set(name, found, version=version)
            except OSError:  # a read-only or full disk: this request still gets its value
                logger.warning("web cache: cannot store %s", name, exc_info=True)
            caches[LOCAL].set(name, found, version=version)
    return cast(T, found)
