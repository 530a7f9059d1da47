"""A small province for web tests, built with the ORM (no importer, no demo generator).

Units (all valid from 2020):
  T01 province
  ├── H01 district 1 ── X011 commune, X012 commune, H01-VPDK district land office (division)
  └── H02 district 2 ── X021 commune
Dossiers: a few hundred per year in 2023 and 2024 across the communes, the land office and the
districts, timing columns set directly; some late, some open and overdue, some flagged.
"""

from __future__ import annotations

import csv
import datetime as dt
import random
from dataclasses import dataclass
from pathlib import Path

from django.contrib.auth.models import User
from django.utils import timezone

from cchc.core.models import ImportBatch, Procedure, Profile, Role, Unit, UnitKind
from cchc.dossiers.models import Channel, Dossier
from cchc.dossiers.rulebook.timing import Outcome

PASSWORD = "mat-khau-kiem-thu-2024"
UNIT_CODES = ["H01", "H01-VPDK", "X011", "X012", "H02", "X021"]
SECTORS = {
    "TT-DD-01": "Đất đai",
    "TT-HT-01": "Hộ tịch",
    "TT-XD-01": "Xây dựng",
    "TT-CT-01": "Chứng thực",
}
APPLICANT_OF_X011 = "ps-x011-applicant"


@dataclass
class World:
    province: Unit
    district1: Unit
    district2: Unit
    commune11: Unit
    commune12: Unit
    commune21: Unit
    land_office: Unit
    users: dict[str, User]


def _unit(code: str, name: str, kind: str, parent: Unit | None) -> Unit:
    return Unit.objects.create(
        code=code, name=name, kind=kind, parent=parent, valid_from=dt.date(2020, 1, 1)
    )


def _user(username: str, role: str | None, unit: Unit | None = None, staff: bool = False) -> User:
    user = User.objects.create_user(username, password=PASSWORD, is_staff=staff, is_superuser=staff)
    if role is not None:
        Profile.objects.create(user=user, role=role, unit=unit)
    return user


def _aware(day: dt.date, hour: int = 9) -> dt.datetime:
    return timezone.make_aware(dt.datetime(day.year, day.month, day.day, hour))


def _dossiers(rng: random.Random) -> list[Dossier]:
    rows: list[Dossier] = []
    start = dt.date(2023, 1, 2)
    for i in range(700):
        unit = UNIT_CODES[i % len(UNIT_CODES)]
        procedure = list(SECTORS)[i % len(SECTORS)]
        received = start + dt.timedelta(days=rng.randrange(0, 720))
        deadline = received + dt.timedelta(days=14)
        finished: dt.date | None = received + dt.timedelta(days=rng.randrange(3, 26))
        if rng.random() < 0.08:
            finished = None  # still open
        outcome = None
        if finished is not None:
            outcome = (
                Outcome.EARLY
                if finished < deadline - dt.timedelta(days=2)
                else Outcome.ON_TIME
                if finished <= deadline
                else Outcome.LATE
            )
        late = outcome == Outcome.LATE
        rows.append(
            Dossier(
                code=f"=HS-{i:05d}" if i == 0 else f"HS-{i:05d}",  # one formula-like code
                procedure_code=procedure,
                unit_code=unit,
                sector=SECTORS[procedure],
                channel=[Channel.ONLINE, Channel.IN_PERSON, Channel.POSTAL][i % 3],
                received_at=_aware(received),
                received_on=received,
                statutory_due_on=deadline,
                deadline_on=deadline,
                finished_at=_aware(finished, 15) if finished else None,
                finished_on=finished,
                finish_outcome=outcome,
                supplement_requests=2 if i % 17 == 0 else 0,
                apology_issued=False if late else None,
                applicant_pseudonym=APPLICANT_OF_X011 if unit == "X011" else f"ps-{i:05d}",
                flag_late_no_apology=late,
                flag_repeated_supplements=i % 17 == 0,
                flag_beyond_statutory=i % 23 == 0,
                row_hash=f"{i:032d}",
            )
        )
    return rows


def build_world() -> World:
    province = _unit("T01", "Tỉnh Thử Nghiệm", UnitKind.PROVINCE, None)
    d1 = _unit("H01", "Huyện Một", UnitKind.DISTRICT, province)
    d2 = _unit("H02", "Huyện Hai", UnitKind.DISTRICT, province)
    c11 = _unit("X011", "Xã Một Một", UnitKind.COMMUNE, d1)
    c12 = _unit("X012", "Xã Một Hai", UnitKind.COMMUNE, d1)
    c21 = _unit("X021", "Xã Hai Một", UnitKind.COMMUNE, d2)
    office = _unit(
        "H01-VPDK", "Chi nhánh Văn phòng đăng ký đất đai Huyện Một", UnitKind.DIVISION, d1
    )
    for code, sector in SECTORS.items():
        Procedure.objects.create(code=code, name=f"Thủ tục {sector}", sector=sector, time_limit=10)
    Dossier.objects.bulk_create(_dossiers(random.Random(20240601)))
    ImportBatch.objects.create(
        file_name="world.csv", file_hash="0" * 64, status=ImportBatch.Status.DONE,
        rows_total=700, inserted=700, finished_at=timezone.now(),
    )  # fmt: skip
    users = {
        # Administrator: sees and changes everything (superuser without a Profile row).
        "admin": _user("admin", None, staff=True),
        # Reform officer: sees everything, imports data.
        "officer": _user("officer", Role.OFFICER),
        # Inspector: sees every indicator, dossiers only of the inspected commune X011.
        "inspector": _user("inspector", Role.INSPECTOR),
        # Steering committee: read-only everywhere.
        "steering": _user("steering", Role.STEERING),
        # Head of district 1: sees H01 and its communes and land office, not district 2.
        "district_head": _user("district_head", Role.UNIT_HEAD, d1),
        # Head of the land office: sees only the office; sees its applicants' pseudonyms.
        "office_head": _user("office_head", Role.UNIT_HEAD, office),
        # Chairman of commune X011: own commune only; the other communes must be hidden.
        "chair_x011": _user("chair_x011", Role.UNIT_HEAD, c11),
        # Logged in but no role assigned: must be refused everywhere except the public page.
        "norole": _user("norole", None),
    }
    from cchc.inspections.models import Inspection, InspectionKind

    # The inspector leads the team inspecting commune X011: that commune's dossiers only.
    visit = Inspection.objects.create(
        kind=InspectionKind.SURPRISE, unit=c11, date=dt.date(2024, 10, 1)
    )
    visit.team.add(users["inspector"], through_defaults={"role": "leader"})
    return World(province, d1, d2, c11, c12, c21, office, users)


def write_import_csv(path: Path, rows: int, unit: str = "X011") -> Path:
    """A valid file in the canonical layout: `rows` civil-status dossiers of `unit`, July 2024."""
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(["dossier_code", "procedure_code", "unit_code", "channel",
                         "received_at", "finished_at", "applicant_id"])  # fmt: skip
        for i in range(rows):
            received, finished = "01/07/2024 08:15", "05/07/2024 10:00"
            applicant = f"0010990{i:05d}"
            writer.writerow(
                [f"NHAP-{i:06d}", "TT-HT-01", unit, "online", received, finished, applicant]
            )
    return path
