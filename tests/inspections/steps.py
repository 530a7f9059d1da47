"""Walk a test inspection through its status steps (by the command line, user None)."""

from __future__ import annotations

from cchc.inspections import visit_steps
from cchc.inspections.models import Inspection

TO_VISIT = ("notify", "start")


def walk(inspection: Inspection, *events: str) -> Inspection:
    """Take `events` in order (default: notify, start — the team at the unit)."""
    for event in events or TO_VISIT:
        visit_steps.take_step(None, inspection, event)
    return inspection


def conclude(inspection: Inspection) -> Inspection:
    """From wherever it is before the conclusion, to concluded."""
    order = ["notify", "start", "conclude"]
    done = {"planned": 0, "notified": 1, "visiting": 2}[inspection.status]
    return walk(inspection, *order[done:])
