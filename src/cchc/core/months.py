"""Calendar months and years added to a date (python-dateutil's relativedelta, typed here once).

A day that the target month lacks becomes that month's last day: 31/08 + 6 months → 28/02
(29/02 in a leap year); 29/02 + 1 year → 28/02.
"""

from __future__ import annotations

import datetime as dt

from dateutil.relativedelta import relativedelta


def add_months(day: dt.date, months: int) -> dt.date:
    shifted: dt.date = day + relativedelta(months=months)
    return shifted


def add_years(day: dt.date, years: int) -> dt.date:
    shifted: dt.date = day + relativedelta(years=years)
    return shifted


def month_end(day: dt.date) -> dt.date:
    """The last day of the day's month."""
    end: dt.date = day + relativedelta(day=31)
    return end
