"""The inspection team's "Việc cần làm" on the overview (issue #12, a home page per role): for the
reform officer (every inspection) and an inspector (the inspections he may record on:
permissions.can_record, his team's), the corrective actions a unit has reported done and that wait
for the team's verification, the longest-waiting first, and the inspections coming up in the next
30 days that have not started. Registered in InspectionsConfig.ready
(cchc.web.home_sections); its count joins the unit head's on the navigation bar.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.contrib.auth.models import User
from django.db.models import Max, QuerySet
from django.utils import timezone

from cchc.core.models import Role
from cchc.core.request_memo import memo
from cchc.inspections.models import ActionState, CorrectiveAction, Inspection
from cchc.inspections.permissions import recordable, role_of
from cchc.inspections.todo import todo_count
from cchc.web.home_sections import HomeSection, Viewer

TEAM_ROLES = frozenset({Role.ADMIN, Role.OFFICER, Role.INSPECTOR})
COMING_DAYS = 30  # inspections dated within this many days are listed as coming up
SHOWN = 15  # the block lists at most this many of each; the count says how many in all
NOT_STARTED = (Inspection.Status.PLANNED, Inspection.Status.NOTIFIED)


@dataclass(frozen=True)
class ToVerify:
    action: CorrectiveAction
    reported_on: dt.date | None  # the unit's latest report
    waiting_days: int

    @property
    def url(self) -> str:
        return f"/kiem-tra/{self.action.finding.inspection_id}/#kp-{self.action.pk}"


def _team_member(user: Viewer) -> User | None:
    if not isinstance(user, User) or role_of(user) not in TEAM_ROLES:
        return None
    return user


def _reported(user: Viewer) -> QuerySet[CorrectiveAction] | None:
    """Reported actions the user may verify (can_record on their inspection), in one query."""
    member = _team_member(user)
    allowed = None if member is None else recordable(member, "finding__inspection__")
    if allowed is None:
        return None
    return CorrectiveAction.objects.filter(allowed, state=ActionState.REPORTED).distinct()


def to_verify(user: Viewer, today: dt.date, limit: int | None = None) -> list[ToVerify]:
    """Reported actions the user may verify, the longest-waiting first (the first `limit`)."""
    reported = _reported(user)
    if reported is None:
        return []
    rows = (
        reported.select_related("owner_unit", "finding__inspection__unit")
        .annotate(reported_at=Max("reports__at"))
        .order_by("reported_at", "id")
    )
    out = []
    for action in rows if limit is None else rows[:limit]:
        moment = getattr(action, "reported_at", None)
        day = timezone.localdate(moment) if moment is not None else None
        out.append(ToVerify(action, day, (today - day).days if day else 0))
    return out


def coming_up(user: Viewer, today: dt.date) -> QuerySet[Inspection]:
    """Inspections dated from today to COMING_DAYS ahead that have not started, the user's."""
    member = _team_member(user)
    allowed = None if member is None else recordable(member)
    if allowed is None:
        return Inspection.objects.none()
    return (
        Inspection.objects.filter(
            allowed,
            date__gte=today,
            date__lte=today + dt.timedelta(days=COMING_DAYS),
            status__in=NOT_STARTED,
        )
        .distinct()
        .select_related("unit")
        .order_by("date", "id")
    )


def team_section(user: Viewer, today: dt.date) -> HomeSection | None:
    if _team_member(user) is None:
        return None
    coming = coming_up(user, today)
    context = {
        "verify": to_verify(user, today, SHOWN),
        "verify_total": team_count(user, today),
        "coming": list(coming[:SHOWN]),
        "coming_total": coming.count(),
        "coming_days": COMING_DAYS,
    }
    return HomeSection("inspections/_team_todo.html", context)


def team_count(user: Viewer, today: dt.date) -> int:
    """Asked by the home section and the navigation's count: counted once per request."""
    reported = _reported(user)
    if reported is None:
        return 0
    key = ("team_count", getattr(user, "pk", None))
    return memo(key, reported.count)


def work_count(user: Viewer, today: dt.date) -> int:
    """The navigation's "Kiểm tra (n)": a unit head's actions to report, or the team's reports to
    verify (a user has one role, so one of the two is 0)."""
    return todo_count(user, today) + team_count(user, today)
