"""The inspection test world (tests/inspections/web_world.py) plus what explanations need.

- a late dossier of commune X011 (its chairman `chair_x011` explains it; the land office's head
  `office_head` and district 2's units are other units), and one of commune X021;
- commune X013 took commune X012's work over on 01/01/2025 (a merge): its chairman `chair_x013`
  explains X012's dossiers as their successor;
- the X011 inspection's finding (about X011, the unit that explains it).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.contrib.auth.models import User
from django.core.files.uploadedfile import SimpleUploadedFile

from cchc.core.models import Profile, Role, Unit, UnitKind, UnitLineage
from cchc.dossiers.models import Dossier
from cchc.dossiers.rulebook.timing import Outcome
from cchc.inspections.models import Finding
from tests.inspections.web_world import InspectionWorld, build_inspection_world
from tests.web.world import PASSWORD


@dataclass
class ExplanationWorld:
    base: InspectionWorld
    late_x011: Dossier
    late_x012: Dossier
    late_x021: Dossier
    finding: Finding
    users: dict[str, User]


def letter(
    name: str = "cong-van-giai-trinh.pdf", body: bytes = b"%PDF-1.4 giai trinh"
) -> SimpleUploadedFile:
    return SimpleUploadedFile(name, body, content_type="application/pdf")


def _late(unit: str) -> Dossier:
    found = Dossier.objects.filter(unit_code=unit, finish_outcome=Outcome.LATE).order_by("code")
    return found.first() or Dossier.objects.get(pk=-1)


def build_explanation_world() -> ExplanationWorld:
    base = build_inspection_world()
    world = base.world
    x013 = Unit.objects.create(
        code="X013",
        name="Xã Một Ba",
        kind=UnitKind.COMMUNE,
        parent=world.district1,
        valid_from=dt.date(2025, 1, 1),
    )
    world.commune12.valid_to = dt.date(2024, 12, 31)
    world.commune12.save()
    UnitLineage.objects.create(
        predecessor=world.commune12, successor=x013, date=dt.date(2025, 1, 1), kind="merge"
    )
    chair_x013 = User.objects.create_user("chair_x013", password=PASSWORD)
    Profile.objects.create(user=chair_x013, role=Role.UNIT_HEAD, unit=x013)
    return ExplanationWorld(
        base=base,
        late_x011=_late("X011"),
        late_x012=_late("X012"),
        late_x021=_late("X021"),
        finding=base.x011.findings.get(),
        users={**world.users, "chair_x013": chair_x013},
    )
