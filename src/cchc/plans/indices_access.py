"""Who reads the external indices page: the steering committee, the reform officer and admins,
and unit heads (read only, like everyone: the figures are published). Inspectors work from the
inspection pages; the page is not theirs (docs/plans.md)."""

from __future__ import annotations

from cchc.core.models import Role
from cchc.web.scope import Scope

INDEX_READERS = frozenset({Role.ADMIN, Role.OFFICER, Role.STEERING, Role.UNIT_HEAD})


def can_read_indices(scope: Scope) -> bool:
    return scope.role in INDEX_READERS
