"""Today's date, in one place, so that a test can fix the day the figure pages are seen on."""

from __future__ import annotations

import datetime as dt


def today() -> dt.date:
    return dt.date.today()
