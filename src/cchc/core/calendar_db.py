"""The calendar in force: shipped notices plus the administrator's overrides from the database."""

from __future__ import annotations

import threading
from pathlib import Path
from typing import Any

from django.conf import settings
from django.db.models.signals import post_delete, post_save

from cchc.core.calendar import NOTICES_FILE, WorkingCalendar, build_calendar, load_notices
from cchc.core.models import CalendarOverride

_lock = threading.Lock()
_cached: WorkingCalendar | None = None


def notices_file() -> Path:
    custom = getattr(settings, "CALENDAR_NOTICES_FILE", "")
    return Path(custom) if custom else NOTICES_FILE


def get_calendar() -> WorkingCalendar:
    """The working calendar, built once per process and rebuilt when an override changes."""
    global _cached
    with _lock:
        if _cached is None:
            overrides = list(CalendarOverride.objects.values_list("date", "kind"))
            off = [d for d, k in overrides if k == CalendarOverride.Kind.DAY_OFF]
            work = [d for d, k in overrides if k == CalendarOverride.Kind.WORKING_DAY]
            _cached = build_calendar(load_notices(notices_file()), off, work)
        return _cached


def invalidate_calendar(*_args: Any, **_kwargs: Any) -> None:
    global _cached
    with _lock:
        _cached = None


post_save.connect(invalidate_calendar, sender=CalendarOverride)
post_delete.connect(invalidate_calendar, sender=CalendarOverride)
