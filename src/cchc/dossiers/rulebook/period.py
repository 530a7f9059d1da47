"""Which dossiers a reporting period covers, and the date open dossiers are judged on. Pure.

Period rules (docs/timing.md), after the national portal's reporting rules ("A dossier without an
outcome is judged at the end of the reporting period"; late rate counts finished-late and
still-open-overdue dossiers):
- in scope = dossiers whose processing ended in the period (start ≤ finished_on ≤ end), plus
  those received by its end (received_on ≤ end) and still open then (finished_on null or > end);
- carried over (kỳ trước chuyển qua) = in scope and received before the period's start;
- open dossiers are judged on the reference date min(period end, today);
- late rate = (ended late + open overdue) / in scope; on-time rate = 1 − late rate.
"""

from __future__ import annotations

import datetime as dt

import numpy as np

from cchc.core.calendar import DayArray, IntArray, WorkingCalendar
from cchc.dossiers.rulebook.timing import days_late

DUE_SOON_WORKING_DAYS = 1  # sắp đến hạn: ≤ 1 working day left (practice; docs/timing.md)


def reference_date(period_end: dt.date, today: dt.date) -> dt.date:
    """The day open dossiers are judged on: the period's end, or today while it is running."""
    return min(period_end, today)


def due_soon_cutoff(reference: dt.date, cal: WorkingCalendar) -> dt.date:
    """The last deadline that leaves ≤ 1 working day on `reference`.

    Working days left = working days in (reference, deadline]; it is ≤ 1 exactly when the
    deadline comes before the second working day after `reference`, so an open dossier with
    reference ≤ deadline ≤ cut-off is due soon (timing.open_outcome gives the same answer).
    """
    second = cal.add_working_days(reference, DUE_SOON_WORKING_DAYS + 1)
    return second - dt.timedelta(days=1)


def rate(numerator: int, denominator: int) -> float | None:
    """A fraction 0–1, or None when there is nothing to divide by."""
    return numerator / denominator if denominator else None


def period_params(
    start: dt.date, end: dt.date, today: dt.date, cal: WorkingCalendar
) -> dict[str, dt.date]:
    """The parameters of the rules (rules.py) for a period judged on `today`: its start and
    end, the reference day and the due-soon cut-off."""
    ref = reference_date(end, today)
    return {"start": start, "end": end, "ref": ref, "soon": due_soon_cutoff(ref, cal)}


def finished_by(finished_on: DayArray, end: dt.date) -> DayArray:
    """Finish days as the period sees them: a dossier finished after its end was open then."""
    out = finished_on.astype("datetime64[D]").copy()
    out[out > np.datetime64(end, "D")] = np.datetime64("NaT")
    return out


def days_late_in_period(
    deadline_on: DayArray, finished_on: DayArray, end: dt.date, ref: dt.date, cal: WorkingCalendar
) -> IntArray:
    """Working days late of dossiers in a period: at their finish if they ended in it, at the
    reference day if they were open at its end (timing.days_late)."""
    return days_late(deadline_on, finished_by(finished_on, end), np.datetime64(ref, "D"), cal)
