"""Demo logins, one per role. Called by `cchc demo` only — never at a production start."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.contrib.auth.models import User
from django.db import transaction
from django.db.models import Count, QuerySet

from cchc.core.models import Profile, Role, Unit, UnitKind
from cchc.dossiers.models import Dossier

DEMO_PASSWORD = "cchc-demo"


@dataclass(frozen=True)
class DemoUser:
    username: str
    password: str
    role: str
    role_label: str
    unit_code: str | None


def _busiest(units: list[Unit]) -> Unit | None:
    """The unit with the most dossiers (the demo is more telling there), else the first."""
    if not units:
        return None
    counts = dict(
        Dossier.objects.filter(unit_code__in=[u.code for u in units])
        .values_list("unit_code")
        .annotate(n=Count("id"))
        .values_list("unit_code", "n")
    )
    return max(units, key=lambda u: (counts.get(u.code, 0), -units.index(u)))


def _current(units: QuerySet[Unit]) -> list[Unit]:
    today = dt.date.today()
    return [u for u in units.order_by("code") if u.is_valid_on(today)]


def _land_office() -> Unit | None:
    """A land-registry office in force today (the busiest); one under a district is created
    when there is none."""
    offices = _current(
        Unit.objects.filter(kind=UnitKind.DIVISION, name__icontains="đăng ký đất đai")
    )
    found = _busiest(offices)
    if found is not None:
        return found
    district = Unit.objects.filter(kind=UnitKind.DISTRICT).order_by("code").first()
    if district is None:
        return None
    office, _ = Unit.objects.get_or_create(
        code=f"{district.code}-VPDK",
        defaults={
            "name": f"Chi nhánh Văn phòng đăng ký đất đai {district.name}",
            "kind": UnitKind.DIVISION,
            "parent": district,
            "valid_from": district.valid_from,
            "valid_to": district.valid_to,
            "source": "cchc demo users",
        },
    )
    return office


def _commune() -> Unit | None:
    return _busiest(_current(Unit.objects.filter(kind=UnitKind.COMMUNE)))


def _put(username: str, role: str, unit: Unit | None, superuser: bool = False) -> DemoUser:
    user, _ = User.objects.get_or_create(username=username)
    user.set_password(DEMO_PASSWORD)
    user.is_staff = user.is_superuser = superuser
    user.is_active = True
    user.save()
    Profile.objects.update_or_create(user=user, defaults={"role": role, "unit": unit})
    return DemoUser(
        username, DEMO_PASSWORD, role, str(Role(role).label), unit.code if unit else None
    )


@transaction.atomic
def create_demo_users(land_office: str | None = None, commune: str | None = None) -> list[DemoUser]:
    """Create or reset the six demo logins (password `cchc-demo`); returns them for printing.

    The two unit heads answer for `land_office` and `commune` when given (codes), else for the
    busiest land office and commune in force today: a head of today's unit sees his
    predecessors' history too (web/lineage_access.py)."""
    chosen = {u.code: u for u in Unit.objects.filter(code__in=[land_office, commune])}
    return [
        _put("quantri", Role.ADMIN, None, superuser=True),
        _put("chuyenvien", Role.OFFICER, None),
        _put("thanhtra", Role.INSPECTOR, None),
        _put("bancd", Role.STEERING, None),
        _put("truongphong", Role.UNIT_HEAD, chosen.get(land_office or "") or _land_office()),
        _put("chutichxa", Role.UNIT_HEAD, chosen.get(commune or "") or _commune()),
    ]
