"""Who may see and change what: the one place every view and API endpoint asks.

A user's role comes from `cchc.core.models.Profile`. A superuser without a profile counts as
administrator. Unit heads see their own unit and the units under it as of the day being viewed
(a unit's subtree changes across reorganisations, so the day matters), and the history of the
units whose work passed to them (lineage_access.py), read-only. Inspectors see every
indicator, but dossier-level views (late list, exports) only for the units of the inspections
whose team they are on or lead, and the units under those (docs/web.md, roles). Applicant
pseudonyms are shown only to users of the unit that handled the dossier.
"""

from __future__ import annotations

import copy
import datetime as dt
from collections.abc import Callable, Collection
from dataclasses import dataclass, replace
from typing import Literal

from django.contrib.auth.models import AbstractBaseUser, AnonymousUser

from cchc.core.change_stamp import remember
from cchc.core.models import Profile, Role
from cchc.core.request_memo import memo
from cchc.core.units import UnknownUnit
from cchc.web.lineage_access import visible_unit_codes

WriteKind = Literal["import", "reference", "users"]

# What each role may change. Steering committee and unit heads read only (docs/web.md, roles).
_WRITE_RULES: dict[str, frozenset[str]] = {
    "import": frozenset({Role.ADMIN, Role.OFFICER}),
    "reference": frozenset({Role.ADMIN}),
    "users": frozenset({Role.ADMIN}),
}

# Roles that see every unit; unit heads are limited to their subtree.
_SEE_ALL = frozenset({Role.ADMIN, Role.OFFICER, Role.INSPECTOR, Role.STEERING})


@dataclass(frozen=True)
class Scope:
    """What one user may see and do, as of one day."""

    role: str | None
    unit_code: str | None
    unit_codes: frozenset[str] | None  # None = every unit
    day: dt.date
    # Dossier-level views (late list, exports, applicant data), when narrower than unit_codes.
    dossier_unit_codes: frozenset[str] | None = None
    dossiers_narrowed: bool = False

    @classmethod
    def for_user(
        cls,
        user: AbstractBaseUser | AnonymousUser,
        day: dt.date,
        profile: Profile | Literal["load"] | None = "load",
    ) -> Scope:
        """`profile`: the user's Profile when the caller has read it already (None: has none)."""
        if not user.is_authenticated:
            return cls(role=None, unit_code=None, unit_codes=frozenset(), day=day)
        if profile == "load":
            profile = load_profile(user)
        role: str | None = profile.role if profile else None
        if role is None and getattr(user, "is_superuser", False):
            role = Role.ADMIN
        if role is None:
            return cls(role=None, unit_code=None, unit_codes=frozenset(), day=day)
        if role in _SEE_ALL:
            unit_code = profile.unit.code if profile and profile.unit else None
            if role == Role.INSPECTOR:
                return cls(
                    role=role,
                    unit_code=unit_code,
                    unit_codes=None,
                    day=day,
                    dossier_unit_codes=_dossier_units(user, role, day),
                    dossiers_narrowed=True,
                )
            return cls(role=role, unit_code=unit_code, unit_codes=None, day=day)
        # Unit head: own unit, what lies below it on `day` and its predecessors' history; nothing
        # if no unit is set.
        if profile is None or profile.unit is None:
            return cls(role=role, unit_code=None, unit_codes=frozenset(), day=day)
        try:
            codes = visible_unit_codes(profile.unit.code, day)
        except UnknownUnit:
            codes = frozenset({profile.unit.code})
        return cls(role=role, unit_code=profile.unit.code, unit_codes=codes, day=day)

    def for_dossiers(self) -> Scope:
        """The scope of dossier-level views: an inspector's inspected units; others unchanged."""
        if not self.dossiers_narrowed:
            return self
        return replace(self, unit_codes=self.dossier_unit_codes, dossiers_narrowed=False)

    @property
    def has_role(self) -> bool:
        return self.role is not None

    @property
    def sees_everything(self) -> bool:
        return self.role is not None and self.unit_codes is None

    def can_see_unit(self, unit_code: str) -> bool:
        if self.role is None:
            return False
        return self.unit_codes is None or unit_code in self.unit_codes

    def restrict(self, wanted: Collection[str] | None) -> frozenset[str] | None:
        """The units to query: the wanted ones cut to the scope (None = everything allowed)."""
        if wanted is None:
            return self.unit_codes
        wanted_set = frozenset(wanted)
        return wanted_set if self.unit_codes is None else wanted_set & self.unit_codes

    def can_write(self, kind: WriteKind) -> bool:
        return self.role is not None and self.role in _WRITE_RULES[kind]

    def can_see_applicant(self, dossier_unit_code: str) -> bool:
        """Only users of the handling unit see who applied (as a pseudonym): not the unit above
        it, nor a successor reading a predecessor's dossiers (docs/web.md)."""
        return self.role is not None and self.unit_code == dossier_unit_code

    @property
    def role_label(self) -> str:
        return Role(self.role).label if self.role else ""


def load_profile(user: AbstractBaseUser | AnonymousUser) -> Profile | None:
    """The user's profile (with its unit), once per request (cchc.core.request_memo): a copy of
    the one remembered under the change stamp (profiles and units are in the watched core app)."""
    if not user.is_authenticated:
        return None
    pk = user.pk
    return memo(
        ("profile", pk), lambda: copy.deepcopy(remember(("profile", pk), lambda: _read_profile(pk)))
    )


def _read_profile(user_id: int) -> Profile | None:
    return Profile.objects.select_related("unit").filter(user_id=user_id).first()


# role → the units whose dossiers a user of that role may see (narrower than every unit). A
# feature app that knows the rule registers it (inspections: the units of the user's inspections),
# so this platform module imports no feature app. A role without a registered rule sees none.
DossierUnits = Callable[[AbstractBaseUser | AnonymousUser, dt.date], frozenset[str]]
_DOSSIER_UNITS: dict[str, DossierUnits] = {}


def register_dossier_units(role: str, rule: DossierUnits) -> None:
    _DOSSIER_UNITS[role] = rule


def _dossier_units(
    user: AbstractBaseUser | AnonymousUser, role: str, day: dt.date
) -> frozenset[str]:
    rule = _DOSSIER_UNITS.get(role)
    return rule(user, day) if rule else frozenset()
