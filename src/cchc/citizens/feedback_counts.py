"""Feedback figures per unit for a period, for the index (group 5), the risk model and the public
page: aggregates only, never a person.

For a period [start, end] (local days, both included):
- received: items whose deemed receipt day falls in the period;
- due: items whose due date falls in the period;
- answered_on_time: of those due in the period, the ones answered on or before their due date;
- rated: items closed in the period with the citizen's rating (satisfied or not, not "none");
- rated_satisfied: of those, the ones rated satisfied;
- harassment: items received in the period that staff filed as harassment (nhũng nhiễu).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.db.models import Count, F, Q, QuerySet

from cchc.citizens.categories import FeedbackCategory
from cchc.citizens.models_feedback import OPEN_STATES, Feedback, FeedbackRating


@dataclass(frozen=True)
class FeedbackCounts:
    received: int = 0
    due: int = 0
    answered_on_time: int = 0
    rated: int = 0
    rated_satisfied: int = 0
    harassment: int = 0


def _by_unit(queryset: QuerySet[Feedback], **counts: Count) -> dict[str, dict[str, int]]:
    rows = queryset.values("unit__code").annotate(**counts)
    return {r["unit__code"]: {k: int(r[k]) for k in counts} for r in rows}


def received_counts(start: dt.date, end: dt.date) -> dict[str, dict[str, int]]:
    """Unit code → {"received", "harassment"} for the period, in one query (the risk model)."""
    return _by_unit(
        Feedback.objects.filter(deemed_receipt_on__range=(start, end)),
        received=Count("id"),
        harassment=Count("id", filter=Q(category=FeedbackCategory.HARASSMENT)),
    )


def feedback_counts(start: dt.date, end: dt.date) -> dict[str, FeedbackCounts]:
    """Unit code → its figures for the period; units with nothing in the period are left out."""
    received = received_counts(start, end)
    due = _by_unit(
        Feedback.objects.filter(due_on__range=(start, end)),
        due=Count("id"),
        answered_on_time=Count(
            "id", filter=Q(answered_on__isnull=False, answered_on__lte=F("due_on"))
        ),
    )
    rated = _by_unit(
        Feedback.objects.filter(
            closed_on__range=(start, end),
            rating__in=[FeedbackRating.SATISFIED, FeedbackRating.NOT_SATISFIED],
        ),
        rated=Count("id"),
        rated_satisfied=Count("id", filter=Q(rating=FeedbackRating.SATISFIED)),
    )
    out: dict[str, FeedbackCounts] = {}
    for code in sorted(received.keys() | due.keys() | rated.keys()):
        figures = {**received.get(code, {}), **due.get(code, {}), **rated.get(code, {})}
        out[code] = FeedbackCounts(**figures)
    return out


def overdue_open_counts(today: dt.date) -> dict[str, int]:
    """Unit code → its items still unanswered after their due date, as of `today` (quá hạn)."""
    rows = (
        Feedback.objects.filter(state__in=OPEN_STATES, due_on__lt=today)
        .values("unit__code")
        .annotate(n=Count("id"))
    )
    return {r["unit__code"]: int(r["n"]) for r in rows}
