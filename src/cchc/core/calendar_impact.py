"""What a change of calendar days affects beyond the calendar: a registry the apps above fill.

Due dates, deadlines and outcomes computed with the calendar are stored (by the dossier import),
so a day marked off or worked afterwards leaves them as they were until they are recomputed.
Core must not import the apps above it (DESIGN.md, "arrows point down"), yet the admin and
`cchc calendar override` should say what a change affects: an app that stores such values
registers a reporter when it starts (dossiers/apps.py), and they ask every reporter.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Collection

# changed days → a message for the administrator (Vietnamese, English in parentheses), or None
Reporter = Callable[[Collection[dt.date]], str | None]
_reporters: list[Reporter] = []


def register(reporter: Reporter) -> None:
    if reporter not in _reporters:
        _reporters.append(reporter)


def impact_messages(days: Collection[dt.date]) -> list[str]:
    """What every registered app says about a change of `days`."""
    if not days:
        return []
    return [message for reporter in _reporters if (message := reporter(days))]
