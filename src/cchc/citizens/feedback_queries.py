"""Which feedback items a user sees, the list's filters, and what waits for the user."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.contrib.auth.models import User
from django.db.models import Q, QuerySet

from cchc.citizens.categories import FeedbackCategory
from cchc.citizens.models_feedback import OPEN_STATES, Feedback, FeedbackState
from cchc.core.models import Role
from cchc.web.scope import Scope


def items_for(scope: Scope) -> QuerySet[Feedback]:
    qs = Feedback.objects.select_related("unit", "assignee")
    if scope.role is None:
        return qs.none()
    if scope.unit_codes is None:
        return qs
    return qs.filter(unit__code__in=scope.unit_codes)


@dataclass(frozen=True)
class ListFilters:
    state: str = ""
    unit: str = ""
    category: str = ""
    overdue: bool = False


def filter_items(qs: QuerySet[Feedback], f: ListFilters, today: dt.date) -> QuerySet[Feedback]:
    """Raises ValueError (Vietnamese message) on an unknown state or category."""
    if f.state:
        if f.state not in FeedbackState.values:
            raise ValueError(f"Trạng thái không hợp lệ: {f.state!r}.")
        qs = qs.filter(state=f.state)
    if f.category:
        if f.category == "none":
            qs = qs.filter(category="")
        elif f.category not in FeedbackCategory.values:
            raise ValueError(f"Phân loại không hợp lệ: {f.category!r}.")
        else:
            qs = qs.filter(category=f.category)
    if f.unit:
        qs = qs.filter(unit__code=f.unit)
    if f.overdue:
        qs = qs.filter(state__in=OPEN_STATES, due_on__lt=today)
    return qs


def needs_action(user: User, scope: Scope) -> QuerySet[Feedback]:
    """Items waiting for this user: assigned to him and unanswered; for a unit head every open
    item of his units; for the reform officer and the administrator items not yet assigned."""
    mine = Q(assignee_id=user.pk, state__in=OPEN_STATES)
    if scope.role == Role.UNIT_HEAD and scope.unit_codes:
        mine |= Q(unit__code__in=scope.unit_codes, state__in=OPEN_STATES)
    elif scope.role in (Role.OFFICER, Role.ADMIN):
        mine |= Q(state=FeedbackState.RECEIVED)
    return Feedback.objects.filter(mine).select_related("unit").order_by("due_on", "id")
