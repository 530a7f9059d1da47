"""Who may do what with improvement plans (docs/plans.md).

- read: every role (plans are the province's, and their progress is reported to all);
- create and edit plans, targets and tasks, import and export them: the reform officer and the
  administrator;
- update a task's status, progress, evidence and comments: those, and the head of the task's lead
  unit (or of a unit above it);
- the steering committee and inspectors read only.
"""

from __future__ import annotations

from django.core.exceptions import PermissionDenied

from cchc.core.models import Role
from cchc.plans.models_plans import Task
from cchc.web.scope import Scope

PLAN_EDITORS = frozenset({Role.ADMIN, Role.OFFICER})


def can_read_plans(scope: Scope) -> bool:
    return scope.role is not None


def can_edit_plans(scope: Scope | None) -> bool:
    """`None` is the command line run by the system operator."""
    return scope is None or scope.role in PLAN_EDITORS


def can_update_task(scope: Scope | None, task: Task) -> bool:
    if can_edit_plans(scope):
        return True
    assert scope is not None
    return scope.role == Role.UNIT_HEAD and scope.can_see_unit(task.lead_unit.code)


def require_edit(scope: Scope | None) -> None:
    if not can_edit_plans(scope):
        raise PermissionDenied("Không có quyền sửa kế hoạch (not allowed to edit plans)")


def require_update_task(scope: Scope | None, task: Task) -> None:
    if not can_update_task(scope, task):
        raise PermissionDenied(
            "Không có quyền cập nhật nhiệm vụ của đơn vị khác (not allowed to update this task)"
        )
