"""A small province for feedback tests, and the people in it.

Units: PROV (province) with communes X1 and X2 under it.
People (why each exists):
- officer: reform officer — takes in feedback for any unit, assigns, closes;
- officer2: another reform officer — sees every item but not the contact of one he did not take in;
- head_x1, deputy_x1: heads of X1 — answer X1's items, see their citizens' contact;
- head_prov: head of the province — sees and answers X1's items (a unit under his), not the contact;
- head_x2: head of X2 — must get 404 on X1's items;
- steering: Steering Committee — reads, changes nothing, sees no contact.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.contrib.auth.models import User
from django.utils import timezone

from cchc.citizens.feedback_intake import ContactData, take_in
from cchc.citizens.models_feedback import Feedback
from cchc.core.models import Profile, Role, Unit, UnitKind
from cchc.dossiers.models import Dossier

NOW = timezone.make_aware(dt.datetime(2026, 12, 5, 9, 0))


@dataclass
class World:
    prov: Unit
    x1: Unit
    x2: Unit
    officer: User
    officer2: User
    head_x1: User
    deputy_x1: User
    head_prov: User
    head_x2: User
    steering: User


def _user(name: str, role: str, unit: Unit | None = None) -> User:
    user = User.objects.create_user(name, email=f"{name}@example.gov.vn", password="x" * 12)
    Profile.objects.create(user=user, role=role, unit=unit)
    return user


def build_world() -> World:
    prov = Unit.objects.create(code="PROV", name="Tỉnh Mẫu", kind=UnitKind.PROVINCE)
    x1 = Unit.objects.create(code="X1", name="Xã Long Sơn", kind=UnitKind.COMMUNE, parent=prov)
    x2 = Unit.objects.create(code="X2", name="Phường Rạch Dừa", kind=UnitKind.COMMUNE, parent=prov)
    return World(
        prov=prov,
        x1=x1,
        x2=x2,
        officer=_user("officer", Role.OFFICER),
        officer2=_user("officer2", Role.OFFICER),
        head_x1=_user("head_x1", Role.UNIT_HEAD, x1),
        deputy_x1=_user("deputy_x1", Role.UNIT_HEAD, x1),
        head_prov=_user("head_prov", Role.UNIT_HEAD, prov),
        head_x2=_user("head_x2", Role.UNIT_HEAD, x2),
        steering=_user("steering", Role.STEERING),
    )


def feedback(
    w: World,
    unit: Unit | None = None,
    received_at: dt.datetime | None = None,
    text: str = "Cán bộ hẹn lại nhiều lần, không nói lý do.",
    **extra: object,
) -> Feedback:
    """One item taken in by the officer, from Nguyễn Văn A (phone 0901 234 567)."""
    return take_in(
        w.officer,
        unit=unit or w.x1,
        channel="phone",
        text=text,
        received_at=received_at or timezone.make_aware(dt.datetime(2026, 11, 2, 9, 30)),
        contact=ContactData("Nguyễn Văn A", "0901 234 567", "079012345678"),
        now=NOW,
        **extra,  # type: ignore[arg-type]
    )


def dossier(code: str, unit_code: str) -> Dossier:
    """A dossier of `unit_code` received on 1 Oct 2026 (only its code and unit matter here)."""
    return Dossier.objects.create(
        code=code,
        procedure_code="P1",
        unit_code=unit_code,
        channel="online",
        received_at=dt.datetime(2026, 10, 1, 2, 0, tzinfo=dt.UTC),
        received_on=dt.date(2026, 10, 1),
        row_hash="h",
    )
