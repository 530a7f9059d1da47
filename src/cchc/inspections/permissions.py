"""Who may do what with inspections, by role (cchc.core.models.Role; docs/inspections.md).

`user=None` is the command line run by the system operator, who already holds the database and
may do everything; every web request passes its user.
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, Any

from django.contrib.auth.models import AbstractBaseUser, AnonymousUser
from django.core.exceptions import PermissionDenied
from django.db.models import Q

from cchc.core.models import Role
from cchc.web.scope import load_profile

if TYPE_CHECKING:
    from cchc.inspections.models import CorrectiveAction, Inspection

User = AbstractBaseUser | AnonymousUser | None

# The officer proposes the plan, inspectors plan their visits (docs/inspections.md).
PLANNERS = frozenset({Role.ADMIN, Role.OFFICER, Role.INSPECTOR})
INSPECTION_MANAGERS = frozenset({Role.ADMIN, Role.OFFICER})


def _uid(user: AbstractBaseUser | AnonymousUser) -> Any:
    return user.pk


def role_of(user: User) -> str | None:
    if user is None or not user.is_authenticated:
        return None
    profile = load_profile(user)
    if profile is not None:
        return str(profile.role)
    return Role.ADMIN if getattr(user, "is_superuser", False) else None


def _deny(what: str) -> PermissionDenied:
    return PermissionDenied(f"Không có quyền {what} (not allowed to {what_en(what)})")


def what_en(what: str) -> str:
    return {
        "lập kế hoạch kiểm tra": "plan inspections",
        "tạo cuộc kiểm tra": "create inspections",
        "ghi nhận kết quả kiểm tra": "record inspection results",
        "báo cáo khắc phục": "report corrections",
        "điều hành cuộc kiểm tra": "run the inspection (status, team)",
    }.get(what, what)


def require_planner(user: User) -> None:
    if user is not None and role_of(user) not in PLANNERS:
        raise _deny("lập kế hoạch kiểm tra")


def require_can_create_inspection(user: User) -> None:
    if user is not None and role_of(user) not in INSPECTION_MANAGERS | {Role.INSPECTOR}:
        raise _deny("tạo cuộc kiểm tra")


def _on_team(user: User, inspection: Inspection, leader_only: bool) -> bool:
    """Officers and admins always; an inspector when on the team (as its leader, if asked)."""
    if user is None:
        return True
    role = role_of(user)
    if role in INSPECTION_MANAGERS:
        return True
    if role != Role.INSPECTOR:
        return False
    members = inspection.members.filter(user_id=_uid(user))
    return (members.filter(role="leader") if leader_only else members).exists()


def can_record(user: User, inspection: Inspection) -> bool:
    """Findings, actions, verification: officers and admins, or a member of the team."""
    return _on_team(user, inspection, leader_only=False)


def recordable(user: User, prefix: str = "") -> Q | None:
    """`can_record` as a query condition on inspections (`prefix` leads from another model to
    one, e.g. "finding__inspection__"): every inspection for officers and admins, an inspector's
    team's; None when the user may record on none."""
    role = None if user is None else role_of(user)
    if user is None or role in INSPECTION_MANAGERS:
        return Q()
    if role == Role.INSPECTOR:
        return Q(**{f"{prefix}members__user_id": _uid(user)})
    return None


def can_lead(user: User, inspection: Inspection) -> bool:
    """Status steps and the team's members: officers and admins, or the team leader."""
    return _on_team(user, inspection, leader_only=True)


def require_can_lead(user: User, inspection: Inspection) -> None:
    if not can_lead(user, inspection):
        raise _deny("điều hành cuộc kiểm tra")


def require_can_record(user: User, inspection: Inspection) -> None:
    if not can_record(user, inspection):
        raise _deny("ghi nhận kết quả kiểm tra")


def can_report(user: User, action: CorrectiveAction, day: dt.date | None = None) -> bool:
    """Reporting a correction done: the head of the owner unit (or a unit above it), officers.

    A unit head also sees the actions of his unit's predecessors (cchc.web.lineage_access), but
    reads only what they were: an action from an inspection dated before his unit took the
    predecessor's work over is not his to change. The head of a unit that has ended reads his
    unit's past and changes nothing (docs/web.md).
    """
    if user is None:
        return True
    role = role_of(user)
    if role in INSPECTION_MANAGERS:
        return True
    if role != Role.UNIT_HEAD:
        return False
    profile = load_profile(user)
    if profile is None or profile.unit is None:
        return False
    on = day or dt.date.today()
    if profile.unit.valid_to is not None and profile.unit.valid_to < on:
        return False
    if profile.unit_id == action.owner_unit_id:
        return True
    from cchc.core.lineage import predecessors
    from cchc.core.units import UnknownUnit, descendants_codes

    owner = action.owner_unit.code
    taken_over = predecessors(profile.unit.code).get(owner)
    if taken_over is not None:
        return action.finding.inspection.date >= taken_over
    try:
        below = descendants_codes(profile.unit.code, on)
    except UnknownUnit:
        return False
    return owner in below


def require_can_report(user: User, action: CorrectiveAction) -> None:
    if not can_report(user, action):
        raise _deny("báo cáo khắc phục")
