"""The inspections' rule of the web platform's access scope (web/scope.py): an inspector sees the
dossiers of the units of the inspections they are on the team of (leader included), with their
subtrees and their predecessors' history (web/lineage_access.py: an inspection of a ward reads the
communes it came from, for last year's figures)."""

from __future__ import annotations

import datetime as dt

from django.contrib.auth.models import AbstractBaseUser, AnonymousUser

from cchc.inspections.models import Inspection
from cchc.web.lineage_access import visible_for_units


def inspected_units(user: AbstractBaseUser | AnonymousUser, day: dt.date) -> frozenset[str]:
    """Units of the inspections the user is on the team of, with their subtrees and the
    history of their predecessors on `day`."""
    inspected = (
        Inspection.objects.filter(team=user.pk).values_list("unit__code", flat=True).distinct()
    )
    return visible_for_units(inspected, day)
