"""When a plan's target is reviewed, and over which period an indicator is measured (pure).

Source: reports of state administrative agencies are periodic, six-monthly and annual (Decree
09/2019/NĐ-CP on the reporting regime), so a target is read at the end of each half-year (30/06,
31/12) and, for a cchc indicator, also on the day it is looked at (the half-year to date).
"""

from __future__ import annotations

import datetime as dt


def half_year_ends(start: dt.date, end: dt.date) -> list[dt.date]:
    """Every 30/06 and 31/12 from `start` to `end`, both included."""
    days = []
    for year in range(start.year, end.year + 1):
        for day in (dt.date(year, 6, 30), dt.date(year, 12, 31)):
            if start <= day <= end:
                days.append(day)
    return days


def review_days(start: dt.date, end: dt.date, to_date: bool) -> list[dt.date]:
    """The half-year ends from `start` to `end`, and `end` itself when `to_date` (a measured
    indicator is read up to the day asked); nothing when `end` is before `start`."""
    days = half_year_ends(start, end)
    if to_date and end >= start and end not in days:
        days.append(end)
    return days


def half_year_start(day: dt.date) -> dt.date:
    """The first day of the half-year that holds `day` (01/01 or 01/07)."""
    return dt.date(day.year, 1 if day.month <= 6 else 7, 1)


def half_year_label(day: dt.date) -> str:
    """The period code of the half-year that holds `day`: "2023-H1", "2023-H2"."""
    return f"{day.year}-H{1 if day.month <= 6 else 2}"
