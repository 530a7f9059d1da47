"""The inspections' rule of the web platform's access scope (web/scope.py): an inspector sees the
dossiers of the units of the inspections they are on the team of or lead, with their subtrees."""

from __future__ import annotations

import datetime as dt

from django.contrib.auth.models import AbstractBaseUser, AnonymousUser
from django.db.models import Q

from cchc.core.units import UnknownUnit, descendants_codes
from cchc.inspections.models import Inspection


def inspected_units(user: AbstractBaseUser | AnonymousUser, day: dt.date) -> frozenset[str]:
    """Units of the inspections the user is on the team of or leads, with their subtrees."""
    inspected = (
        Inspection.objects.filter(Q(team=user.pk) | Q(leader=user.pk))
        .values_list("unit__code", flat=True)
        .distinct()
    )
    codes: set[str] = set()
    for code in inspected:
        try:
            codes.update(descendants_codes(code, day))
        except UnknownUnit:
            codes.add(code)
    return frozenset(codes)
