"""The calendar in force: shipped notices plus the administrator's overrides from the database."""

from __future__ import annotations

import datetime as dt
import threading
from pathlib import Path
from typing import Any

from django.conf import settings
from django.db import connection

from cchc.core.calendar import NOTICES_FILE, WorkingCalendar, build_calendar, load_notices
from cchc.core.models import CalendarOverride

_lock = threading.Lock()
_cached: tuple[tuple[tuple[dt.date, str], ...], WorkingCalendar] | None = None


def notices_file() -> Path:
    custom = getattr(settings, "CALENDAR_NOTICES_FILE", "")
    return Path(custom) if custom else NOTICES_FILE


def get_calendar() -> WorkingCalendar:
    """The working calendar in force, rebuilt when the administrator's overrides change.

    The overrides (a few rows) are read on every call and compared with those the cached calendar
    was built from: another process (a web worker, the CLI) may have changed them, and a due date
    computed with yesterday's calendar would be wrong.
    """
    global _cached
    with connection.cursor() as cursor:  # every web request asks: plain SQL, not the ORM
        cursor.execute(f"SELECT date, kind FROM {CalendarOverride._meta.db_table} ORDER BY date")
        overrides = tuple((day, str(kind)) for day, kind in cursor.fetchall())
    with _lock:
        if _cached is None or _cached[0] != overrides:
            off = [d for d, k in overrides if k == CalendarOverride.Kind.DAY_OFF]
            work = [d for d, k in overrides if k == CalendarOverride.Kind.WORKING_DAY]
            _cached = (overrides, build_calendar(load_notices(notices_file()), off, work))
        return _cached[1]


def invalidate_calendar(*_args: Any, **_kwargs: Any) -> None:
    """Forget the cached calendar (e.g. after the notices file changed)."""
    global _cached
    with _lock:
        _cached = None
