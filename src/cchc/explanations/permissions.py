"""Who writes and who reads an explanation (docs/inspections.md, "Giải trình").

Writes: the head of the unit that handled the dossier, or of a unit the finding is about (the
inspected unit, the owner unit of one of its corrective actions), while his unit exists; a unit
that took over another's work (cchc.core.lineage) explains that unit's dossiers and findings from
the day it took them over. Nobody else writes: officers, inspectors and the steering committee read.
Reads: whoever may see the dossier (the late list's rule: `Scope.for_dossiers`) or the inspection
(cchc.inspections.web_queries); anyone else gets 404, with no hint that it exists.
"""

from __future__ import annotations

import datetime as dt

from django.contrib.auth.models import AbstractBaseUser, AnonymousUser
from django.core.exceptions import PermissionDenied

from cchc.core.lineage import predecessors
from cchc.core.models import Role, Unit
from cchc.dossiers.models import Dossier
from cchc.inspections.models import Finding
from cchc.web.scope import Scope, load_profile

User = AbstractBaseUser | AnonymousUser


def writer_unit(user: User, day: dt.date) -> Unit | None:
    """The unit a unit head explains for on `day`; None for other roles or an ended unit."""
    profile = load_profile(user)  # one query: the role and the unit
    if profile is None or profile.role != Role.UNIT_HEAD or profile.unit is None:
        return None
    return profile.unit if profile.unit.is_valid_on(day) else None


def writable_units(user: User, day: dt.date) -> frozenset[str]:
    """The codes of the units whose dossiers and findings `user` may explain on `day`."""
    unit = writer_unit(user, day)
    if unit is None:
        return frozenset()
    taken = {code for code, since in predecessors(unit.code).items() if since <= day}
    return frozenset({unit.code} | taken)


def finding_units(finding: Finding) -> frozenset[str]:
    """The units a finding is about: the inspected unit and its actions' owner units."""
    owners = finding.actions.values_list("owner_unit__code", flat=True)
    return frozenset({finding.inspection.unit.code, *owners})


def can_write_dossier(user: User, dossier: Dossier, day: dt.date) -> bool:
    return dossier.unit_code in writable_units(user, day)


def can_write_finding(user: User, finding: Finding, day: dt.date) -> bool:
    return bool(writable_units(user, day) & finding_units(finding))


def can_read_dossier(scope: Scope, dossier: Dossier) -> bool:
    return scope.for_dossiers().can_see_unit(dossier.unit_code)


def can_read_finding(scope: Scope, finding: Finding) -> bool:
    return any(scope.can_see_unit(code) for code in finding_units(finding))


def deny_write() -> PermissionDenied:
    return PermissionDenied(
        "Chỉ đơn vị giải quyết hồ sơ hoặc đơn vị được kiểm tra được giải trình "
        "(only the unit that handled the dossier or the inspected unit may explain)"
    )
