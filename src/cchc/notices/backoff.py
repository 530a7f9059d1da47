"""When to try a refused e-mail again: soon at first, then once a day, then give up."""

from __future__ import annotations

import datetime as dt

# cchc's own schedule (no legal source): a server down for a minute, an hour or a weekend.
SHORT_DELAYS = (
    dt.timedelta(minutes=1),
    dt.timedelta(minutes=5),
    dt.timedelta(minutes=30),
    dt.timedelta(hours=2),
)
DAILY = dt.timedelta(days=1)


def retry_delay(failed_attempts: int, max_attempts: int) -> dt.timedelta | None:
    """The wait after the `failed_attempts`-th failure; None when no attempt is left."""
    if failed_attempts >= max_attempts:
        return None
    if failed_attempts <= len(SHORT_DELAYS):
        return SHORT_DELAYS[failed_attempts - 1]
    return DAILY
