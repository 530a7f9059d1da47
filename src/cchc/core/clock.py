"""Today's date and the current moment, in one place, so that a test can fix the day the figure
pages are seen on and the minute the reminder worker wakes at."""

from __future__ import annotations

import datetime as dt


def today() -> dt.date:
    return dt.date.today()


def now() -> dt.datetime:
    """The current moment, time-zone aware (UTC)."""
    return dt.datetime.now(dt.UTC)
