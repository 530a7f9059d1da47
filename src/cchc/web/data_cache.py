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
from collections.abc import Callable
from typing import Any, TypeVar, cast

import numpy as np
from django.core.cache import caches

from cchc.analytics.store import StoreStamp
from cchc.core.calendar import FIRST_YEAR, LAST_YEAR, WorkingCalendar
from cchc.core.calendar_db import get_calendar
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
    """Values read from the system database: the latest finished import and the calendar."""
    return version_of(("db", latest_batch(), calendar_fingerprint(get_calendar())))


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


def cached(kind: str, version: int, key: Any, compute: Callable[[], T]) -> T:
    """The value stored for (kind, key) at this data version, else `compute()` stored for all.

    Looked up in this process's memory first (the LOCAL cache), then in the SHARED one.
    """
    name = f"{kind}:{digest(key)}"
    local = caches[LOCAL]
    found = local.get(name, _MISSING, version=version)
    if found is not _MISSING:
        return cast(T, found)
    found = _shared_get(name, version)
    if found is _MISSING:
        found = compute()
        try:
            caches[SHARED].set(name, found, version=version)
        except OSError:  # a read-only or full disk: this request still gets its value
            logger.warning("web cache: cannot store %s", name, exc_info=True)
    local.set(name, found, version=version)
    return cast(T, found)
