"""The inspection team's members and their roles (trưởng đoàn, thành viên, thư ký), changed by
the leader or an officer and written to the audit log."""

from __future__ import annotations

from django.contrib.auth.models import User as UserModel
from django.db import transaction

from cchc.core.audit import record_change
from cchc.core.models import Profile, Role
from cchc.inspections.models import Inspection, TeamMember, TeamRole
from cchc.inspections.permissions import User, require_can_lead

TEAM_AUDIT = "team_change"


def _row(member: TeamMember) -> dict[str, object]:
    """Who and in what role, as one value: the audit log keeps only values that changed."""
    return {"team_member": [member.user_id, member.role]}


def candidates() -> list[UserModel]:
    """People who may sit on a team: inspectors and officers, active."""
    ids = Profile.objects.filter(role__in=[Role.INSPECTOR, Role.OFFICER]).values("user_id")
    return list(UserModel.objects.filter(pk__in=ids, is_active=True).order_by("username"))


@transaction.atomic
def set_member(user: User, inspection: Inspection, person: UserModel, role: str) -> TeamMember:
    """Add `person` with `role`, or change their role; a new leader replaces the old one."""
    require_can_lead(user, inspection)
    if role not in TeamRole.values:
        raise ValueError(f"Vai trò không hợp lệ: {role!r} (invalid role)")
    if role == TeamRole.LEADER:
        for old in inspection.members.filter(role=TeamRole.LEADER).exclude(user=person):
            before = _row(old)
            old.role = TeamRole.MEMBER
            old.save(update_fields=["role"])
            record_change(user, TEAM_AUDIT, inspection, before, _row(old))
    existing = inspection.members.filter(user=person).first()
    was = _row(existing) if existing else None
    member, _ = TeamMember.objects.update_or_create(
        inspection=inspection, user=person, defaults={"role": role}
    )
    record_change(user, TEAM_AUDIT, inspection, was, _row(member))
    return member


@transaction.atomic
def remove_member(user: User, inspection: Inspection, person: UserModel) -> None:
    require_can_lead(user, inspection)
    member = inspection.members.filter(user=person).first()
    if member is None:
        raise ValueError(f"{person.username} không thuộc đoàn kiểm tra (not on the team)")
    record_change(user, TEAM_AUDIT, inspection, _row(member), None)
    member.delete()
