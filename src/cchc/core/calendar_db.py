"""The calendar in force: shipped notices plus the administrator's overrides from the database."""

from __future__ import annotations

import datetime as dt
import threading
from pathlib import Path
from time import monotonic
from typing import Any

from django.conf import settings
from django.db import connection
from django.db.models.signals import post_delete, post_save

from cchc.core.calendar import NOTICES_FILE, WorkingCalendar, build_calendar, load_notices
from cchc.core.models import CalendarOverride

# Another process (a web worker, the CLI) may change the overrides: this process looks again at
# most this often. A query on every call cost the late-list API ~1 ms of server CPU per request
# and doubled its p95 under load (bench/web_bench.py); imports ask with fresh=True.
RECHECK_SECONDS = 5.0

_lock = threading.Lock()
_cached: tuple[tuple[tuple[dt.date, str], ...], WorkingCalendar] | None = None
_checked_at = float("-inf")  # monotonic() at the last look at the overrides


def notices_file() -> Path:
    custom = getattr(settings, "CALENDAR_NOTICES_FILE", "")
    return Path(custom) if custom else NOTICES_FILE


def _overrides() -> tuple[tuple[dt.date, str], ...]:
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT date, kind FROM {CalendarOverride._meta.db_table} ORDER BY date")
        return tuple((day, str(kind)) for day, kind in cursor.fetchall())


def get_calendar(fresh: bool = False) -> WorkingCalendar:
    """The working calendar in force, rebuilt when the administrator's overrides change.

    The overrides in the database are compared with those the cached calendar was built from at
    most every RECHECK_SECONDS, or now with `fresh` (an import: a due date computed with the
    calendar of a moment ago would be stored). A change saved in this process applies at once.
    """
    global _cached, _checked_at
    now = monotonic()
    cached = _cached
    if not fresh and cached is not None and now - _checked_at < RECHECK_SECONDS:
        return cached[1]
    overrides = _overrides()
    with _lock:
        _checked_at = now
        if _cached is None or _cached[0] != overrides:
            off = [d for d, k in overrides if k == CalendarOverride.Kind.DAY_OFF]
            work = [d for d, k in overrides if k == CalendarOverride.Kind.WORKING_DAY]
            _cached = (overrides, build_calendar(load_notices(notices_file()), off, work))
        return _cached[1]


def invalidate_calendar(*_args: Any, **_kwargs: Any) -> None:
    """Forget the cached calendar (an override saved here, or the notices file changed)."""
    global _cached
    with _lock:
        _cached = None


post_save.connect(invalidate_calendar, sender=CalendarOverride)
post_delete.connect(invalidate_calendar, sender=CalendarOverride)
