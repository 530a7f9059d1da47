"""A small province for inspection tests, and the people in it.

Units: PROV (province) with agency SXD (Construction) and communes X1, X2, X3 under it.
People (why each exists):
- officer: reform officer of Home Affairs — plans, creates inspections, may do everything here;
- alice: inspector on the team of the inspection — records findings, verifies;
- bob: inspector NOT on that team — must be refused;
- head_x1: head of commune X1 — reports corrections of X1 only;
- head_x2: head of commune X2 — must be refused on X1's actions;
- steering: Steering Committee member — reads, receives escalations, changes nothing.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from django.contrib.auth.models import User

from cchc.core.models import Profile, Role, Unit, UnitKind
from cchc.dossiers.models import Dossier


@dataclass
class World:
    prov: Unit
    sxd: Unit
    x1: Unit
    x2: Unit
    x3: Unit
    officer: User
    alice: User
    bob: User
    head_x1: User
    head_x2: User
    steering: User


def _user(name: str, role: str, unit: Unit | None = None) -> User:
    user = User.objects.create_user(name, email=f"{name}@example.gov.vn", password="x" * 12)
    Profile.objects.create(user=user, role=role, unit=unit)
    return user


def build_world() -> World:
    prov = Unit.objects.create(code="PROV", name="Tỉnh Mẫu", kind=UnitKind.PROVINCE)
    sxd = Unit.objects.create(code="SXD", name="Sở Xây dựng", kind=UnitKind.AGENCY, parent=prov)
    x1 = Unit.objects.create(code="X1", name="Xã Long Sơn", kind=UnitKind.COMMUNE, parent=prov)
    x2 = Unit.objects.create(code="X2", name="Phường Rạch Dừa", kind=UnitKind.COMMUNE, parent=prov)
    x3 = Unit.objects.create(code="X3", name="Xã Tân Hải", kind=UnitKind.COMMUNE, parent=prov)
    return World(
        prov=prov,
        sxd=sxd,
        x1=x1,
        x2=x2,
        x3=x3,
        officer=_user("officer", Role.OFFICER),
        alice=_user("alice", Role.INSPECTOR),
        bob=_user("bob", Role.INSPECTOR),
        head_x1=_user("head_x1", Role.UNIT_HEAD, x1),
        head_x2=_user("head_x2", Role.UNIT_HEAD, x2),
        steering=_user("steering", Role.STEERING),
    )


_seq = {"n": 0}


def dossier(
    unit: str,
    received: dt.date,
    deadline: dt.date | None,
    finished: dt.date | None,
    *,
    sector: str = "Hộ tịch",
    **extra: Any,
) -> Dossier:
    """One dossier; the outcome follows from finished vs deadline (late when after)."""
    _seq["n"] += 1
    outcome = None
    if finished is not None and deadline is not None:
        outcome = 3 if finished > deadline else 2
    return Dossier.objects.create(
        code=f"HS{_seq['n']:06d}",
        procedure_code="P1",
        unit_code=unit,
        sector=sector,
        channel="online",
        received_at=dt.datetime.combine(received, dt.time(9), dt.UTC),
        received_on=received,
        deadline_on=deadline,
        statutory_due_on=deadline,
        finished_on=finished,
        finish_outcome=outcome,
        row_hash="h",
        **extra,
    )


def bulk_dossiers(unit: str, start: dt.date, n: int, late: int, **extra: Any) -> None:
    """n dossiers received from `start`, one a day; the first `late` finish after the deadline."""
    for i in range(n):
        received = start + dt.timedelta(days=i % 200)
        deadline = received + dt.timedelta(days=10)
        finished = deadline + dt.timedelta(days=3 if i < late else -2)
        dossier(unit, received, deadline, finished, **extra)
