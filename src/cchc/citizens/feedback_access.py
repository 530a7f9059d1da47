"""Who may see and act on a feedback item (docs/citizens.md, feedback).

- read: every role within its scope (a unit head: own unit and the units under it; the reform
  officer, inspectors and the steering committee: every unit);
- take in: the reform officer and the administrator for any unit, a unit head for his units;
- assign, close, choose the category: the same people;
- answer: those, and the item's assignee;
- the citizen's name, phone and ID number: only the staff handling the item — its assignee, the
  heads of its unit and the person who took it in (Decree 13/2023/NĐ-CP, personal data).
"""

from __future__ import annotations

from django.contrib.auth.models import AbstractBaseUser, AnonymousUser

from cchc.citizens.models_feedback import Feedback
from cchc.core.models import Profile, Role
from cchc.web.scope import Scope

_TAKE_IN_ANYWHERE = frozenset({Role.ADMIN, Role.OFFICER})


def can_see(scope: Scope, item: Feedback) -> bool:
    return scope.can_see_unit(item.unit.code)


def can_take_in(scope: Scope, unit_code: str) -> bool:
    if scope.role in _TAKE_IN_ANYWHERE:
        return True
    return scope.role == Role.UNIT_HEAD and scope.can_see_unit(unit_code)


def can_manage(scope: Scope, item: Feedback) -> bool:
    """Assign, close with the citizen's rating, choose the category."""
    return can_take_in(scope, item.unit.code)


def can_answer(user: AbstractBaseUser | AnonymousUser, scope: Scope, item: Feedback) -> bool:
    if not user.is_authenticated:
        return False
    return can_manage(scope, item) or (item.assignee_id is not None and item.assignee_id == user.pk)


def can_see_contact(user: AbstractBaseUser | AnonymousUser, item: Feedback) -> bool:
    if not user.is_authenticated:
        return False
    if user.pk in {item.assignee_id, item.received_by_id}:
        return True
    return Profile.objects.filter(
        user_id=user.pk, role=Role.UNIT_HEAD, unit_id=item.unit_id
    ).exists()
