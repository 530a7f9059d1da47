"""A unit head's "Phản ánh cần trả lời" on the overview, and the count beside "Phản ánh" on the
navigation bar (registered in CitizensConfig.ready through cchc.web.home_sections)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.contrib.auth.models import User

from cchc.citizens.feedback_deadline import working_days_left
from cchc.citizens.feedback_queries import needs_action
from cchc.citizens.feedback_rules import load_feedback_rules
from cchc.citizens.models_feedback import Feedback
from cchc.core.calendar_db import get_calendar
from cchc.core.models import Role
from cchc.web.home_sections import HomeSection, Viewer
from cchc.web.scope import Scope

SECTION_SIZE = 10


@dataclass(frozen=True)
class Badge:
    level: str  # overdue | soon | ok
    text: str


def badge(item: Feedback, today: dt.date) -> Badge | None:
    """Quá hạn (red) or sắp đến hạn (amber) for an open item; None otherwise."""
    if not item.is_open:
        return None
    if today > item.due_on:
        return Badge("overdue", f"Quá hạn {(today - item.due_on).days} ngày")
    left = working_days_left(today, item.due_on, get_calendar())
    if left <= load_feedback_rules().due_soon_working_days:
        return Badge("soon", "Hạn hôm nay" if left == 0 else f"Còn {left} ngày làm việc")
    return None


def _waiting(user: Viewer, today: dt.date) -> tuple[Scope, list[Feedback]] | None:
    if not isinstance(user, User):
        return None
    scope = Scope.for_user(user, today)
    if not scope.has_role:
        return None
    return scope, list(needs_action(user, scope))


def feedback_section(user: Viewer, today: dt.date) -> HomeSection | None:
    found = _waiting(user, today)
    if found is None or found[0].role != Role.UNIT_HEAD:
        return None
    items = found[1]
    rows = [(i, badge(i, today)) for i in items[:SECTION_SIZE]]
    return HomeSection(
        "citizens/feedback/_home.html", {"rows": rows, "total": len(items), "today": today}
    )


def feedback_count(user: Viewer, today: dt.date) -> int:
    found = _waiting(user, today)
    return len(found[1]) if found else 0
