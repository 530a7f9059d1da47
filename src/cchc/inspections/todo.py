"""A unit head's "Việc cần làm": his unit's corrective actions still waiting for his report.

Registered into the web platform's overview page and navigation bar (cchc.web.home_sections) in
InspectionsConfig.ready. An action waits for the head while it is open or reopened (reported and
verified ones wait for the team, not for him) and while he may report it (permissions.can_report:
his unit, a unit below it, or a predecessor's action dated after his unit took the work over; the
head of a unit that has ended has nothing to do). Ordered by deadline, the nearest first.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.contrib.auth.models import User

from cchc.core.models import Role
from cchc.core.request_memo import memo
from cchc.core.units import UnknownUnit
from cchc.inspections.models import CorrectiveAction, Inspection
from cchc.inspections.permissions import can_report
from cchc.inspections.workflow import OPEN_STATES
from cchc.web.home_sections import HomeSection, Viewer
from cchc.web.lineage_access import visible_unit_codes
from cchc.web.scope import load_profile

SOON_DAYS = 7  # an action due within this many days is flagged amber; overdue is red


@dataclass(frozen=True)
class Todo:
    action: CorrectiveAction
    inspection: Inspection
    days_left: int  # negative: overdue by that many days

    @property
    def badge(self) -> str:
        if self.days_left < 0:
            return f"quá hạn {-self.days_left} ngày"
        if self.days_left == 0:
            return "hạn hôm nay"
        return f"còn {self.days_left} ngày"

    @property
    def level(self) -> str:
        """overdue (red), soon (amber, ≤ 7 days) or ok."""
        if self.days_left < 0:
            return "overdue"
        return "soon" if self.days_left <= SOON_DAYS else "ok"

    @property
    def url(self) -> str:
        """Where the head reports the correction: the action's card on its inspection's page."""
        return f"/kiem-tra/{self.inspection.pk}/#kp-{self.action.pk}"


def unit_head_todos(user: Viewer, today: dt.date) -> list[Todo]:
    """Asked by the home section and the navigation's count: read once per request."""
    if not isinstance(user, User):
        return []
    return memo(("unit_head_todos", user.pk, today), lambda: _unit_head_todos(user, today))


def _unit_head_todos(user: User, today: dt.date) -> list[Todo]:
    profile = load_profile(user)
    if profile is None or profile.role != Role.UNIT_HEAD or profile.unit is None:
        return []
    try:
        codes = visible_unit_codes(profile.unit.code, today)
    except UnknownUnit:
        return []
    candidates = (
        CorrectiveAction.objects.filter(state__in=OPEN_STATES, owner_unit__code__in=codes)
        .select_related("owner_unit", "finding__inspection__unit")
        .order_by("deadline", "id")
    )
    return [
        Todo(a, a.finding.inspection, (a.deadline - today).days)
        for a in candidates
        if can_report(user, a, today)
    ]


def todo_section(user: Viewer, today: dt.date) -> HomeSection | None:
    todos = unit_head_todos(user, today)
    if not todos and not _is_unit_head(user):
        return None
    return HomeSection("inspections/_todo.html", {"todos": todos, "today": today})


def todo_count(user: Viewer, today: dt.date) -> int:
    return len(unit_head_todos(user, today))


def _is_unit_head(user: Viewer) -> bool:
    if not isinstance(user, User):
        return False
    profile = load_profile(user)
    return profile is not None and profile.role == Role.UNIT_HEAD
