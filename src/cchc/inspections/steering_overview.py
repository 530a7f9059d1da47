"""The steering committee's "Tổng quan kiểm tra" on the overview page (issue #12): inspections in
this half-year so far against the same days of the same half-year last year (like with like, as
every "cùng kỳ năm trước": Period.previous_year_to), and the corrective actions open and
overdue today across the province. Registered in InspectionsConfig.ready (cchc.web.home_sections);
the full review with its year-earlier comparison is /kiem-tra/thong-ke/ (stats.py)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.contrib.auth.models import User

from cchc.core.models import Role
from cchc.dossiers.periods import Period, parse_period
from cchc.inspections.models import CorrectiveAction, Inspection
from cchc.inspections.workflow import OPEN_STATES
from cchc.web.home_sections import HomeSection, Viewer
from cchc.web.scope import load_profile


def half_of(day: dt.date) -> Period:
    return parse_period(f"{day.year}-H{1 if day.month <= 6 else 2}")


@dataclass(frozen=True)
class InspectionSummary:
    this_half: Period
    last_half: Period  # the same half-year a year earlier, cut at the day matching today
    inspections_now: int  # dated from the start of this half-year to today
    inspections_last: int  # in `last_half`
    actions_open: int
    actions_overdue: int  # open with a deadline before today


def inspection_summary(
    today: dt.date, period: Period | None = None, previous: Period | None = None
) -> InspectionSummary:
    """The counts for `period` (default: this half-year) up to today, against `previous`
    (default: the same days a year earlier); the steering workbook passes the overview's."""
    this_half = period or half_of(today)
    last_half = previous or this_half.previous_year_to(today)
    dated = Inspection.objects.filter
    waiting = CorrectiveAction.objects.filter(state__in=OPEN_STATES)
    return InspectionSummary(
        this_half=this_half,
        last_half=last_half,
        inspections_now=dated(
            date__gte=this_half.start, date__lte=min(this_half.end, today)
        ).count(),
        inspections_last=dated(date__gte=last_half.start, date__lte=last_half.end).count(),
        actions_open=waiting.count(),
        actions_overdue=waiting.filter(deadline__lt=today).count(),
    )


def steering_section(user: Viewer, today: dt.date) -> HomeSection | None:
    if not isinstance(user, User):
        return None
    profile = load_profile(user)
    if profile is None or profile.role != Role.STEERING:
        return None
    return HomeSection(
        "inspections/_steering_overview.html",
        {"summary": inspection_summary(today), "today": today},
    )
