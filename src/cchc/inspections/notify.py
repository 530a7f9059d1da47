"""Who hears about a corrective action, and telling them through cchc.notices.

notify() keeps its former call (users, subject, body, action): the notice links to the action on
its inspection's page and is tagged with it (about_action), so the action's notices can be found.
"""

from __future__ import annotations

from collections.abc import Iterable

from django.contrib.auth.models import User

from cchc.core.models import Profile, Role, Unit
from cchc.inspections.models import CorrectiveAction, Inspection
from cchc.notices.delivery import Delivery
from cchc.notices.delivery import notify as deliver


def about_action(action: CorrectiveAction | int) -> str:
    pk = action if isinstance(action, int) else action.pk
    return f"inspections.action:{pk}"


def action_link(action: CorrectiveAction) -> str:
    return f"/kiem-tra/{action.finding.inspection_id}/#kp-{action.pk}"


def notify(
    users: Iterable[User],
    subject: str,
    body: str,
    action: CorrectiveAction | None = None,
    *,
    key: str = "",
    audience: str = "",
) -> Delivery:
    """In-app to each distinct active user, by e-mail when configured (cchc.notices.notify)."""
    return deliver(
        users,
        subject,
        body,
        link=action_link(action) if action is not None else "",
        about=about_action(action) if action is not None else "",
        key=key,
        audience=audience or (action.owner_unit.name if action is not None else ""),
    )


def users_with_role(role: str, unit: Unit | None = None) -> list[User]:
    """The active users of `role` (of `unit`, when given)."""
    profiles = Profile.objects.filter(role=role)
    if unit is not None:
        profiles = profiles.filter(unit=unit)
    ids = profiles.values_list("user_id", flat=True)
    return list(User.objects.filter(pk__in=list(ids), is_active=True))


def unit_heads(unit: Unit) -> list[User]:
    return users_with_role(Role.UNIT_HEAD, unit)


def steering_members() -> list[User]:
    return users_with_role(Role.STEERING)


def team_of(inspection: Inspection) -> list[User]:
    return list(inspection.team.filter(is_active=True))
