"""Bà Rịa – Vũng Tàu's real units with their 2023–2025 history (load_vn_province), a handful of
dossiers at known units, and the people who read them across the reorganisations.

The units' story, as loaded:
  Xã An Nhứt (vn63-26671), Xã Tam Phước (vn63-26668-2024) — under Huyện Long Điền (vn63-752) —
  until 31/12/2024 → Xã Tam An (vn63-26668), 01/01/2025–30/06/2025 → Xã Long Điền (vn34-26659),
  a commune of Hồ Chí Minh City from 01/07/2025, which also took Thị trấn Long Điền (vn63-26659).
  Huyện Long Điền → Huyện Long Đất (vn63-753) on 01/01/2025 → split among four communes.
  Xã Phước Hưng (vn63-26677), also under Huyện Long Điền, went to Xã Long Hải (vn34-26662).
  Phường 1 (vn63-26506) went to Phường Vũng Tàu (vn34-26506), far from all of this.
Added here: the district's land office (vn63-752-VPDK), ended with the district, no successor.

Dossiers (all finished; the counts below are what the tests expect, worked by hand):
  2023-H1: An Nhứt 3 (1 late), Huyện Long Điền 2, land office 3 (1 late), Phước Hưng 2, Phường 1 2
  2024-H1: An Nhứt 4 (1 late), Tam Phước 2
  2025-H1: Tam An 5 (2 late), Thị trấn Long Điền 2
  2025-H2: Xã Long Điền 3
  2026-H1: Xã Long Điền 6 (1 late)
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.contrib.auth.models import User

from cchc.core.models import Profile, Role, Unit, UnitKind
from cchc.core.units_vn import load_vn_province
from tests.inspections.world import dossier
from tests.web.world import PASSWORD

AN_NHUT, TAM_PHUOC, TAM_AN = "vn63-26671", "vn63-26668-2024", "vn63-26668"
TOWN_LONG_DIEN, PHUOC_HUNG, PHUONG_1 = "vn63-26659", "vn63-26677", "vn63-26506"
DISTRICT, LAND_OFFICE = "vn63-752", "vn63-752-VPDK"
WARD, WARD_LONG_HAI, WARD_VUNG_TAU = "vn34-26659", "vn34-26662", "vn34-26506"

# (unit, first day received, how many, how many late): one dossier a day from that day
DOSSIERS = [
    (AN_NHUT, dt.date(2023, 2, 1), 3, 1),
    (DISTRICT, dt.date(2023, 2, 1), 2, 0),
    (LAND_OFFICE, dt.date(2023, 3, 1), 3, 1),
    (PHUOC_HUNG, dt.date(2023, 3, 1), 2, 0),
    (PHUONG_1, dt.date(2023, 4, 1), 2, 0),
    (AN_NHUT, dt.date(2024, 3, 1), 4, 1),
    (TAM_PHUOC, dt.date(2024, 3, 1), 2, 0),
    (TAM_AN, dt.date(2025, 3, 1), 5, 2),
    (TOWN_LONG_DIEN, dt.date(2025, 3, 1), 2, 0),
    (WARD, dt.date(2025, 9, 1), 3, 0),
    (WARD, dt.date(2026, 3, 2), 6, 1),
]


@dataclass
class LineageWorld:
    users: dict[str, User]


def _head(username: str, unit_code: str | None, role: str = Role.UNIT_HEAD) -> User:
    user = User.objects.create_user(username, password=PASSWORD)
    unit = Unit.objects.get(code=unit_code) if unit_code else None
    Profile.objects.create(user=user, role=role, unit=unit)
    return user


def build_lineage_world() -> LineageWorld:
    load_vn_province("brvt")
    Unit.objects.create(
        code=LAND_OFFICE,
        name="Chi nhánh Văn phòng đăng ký đất đai Huyện Long Điền",
        kind=UnitKind.DIVISION,
        parent=Unit.objects.get(code=DISTRICT),
        valid_to=dt.date(2024, 12, 31),
    )
    for unit, first, count, late in DOSSIERS:
        for i in range(count):
            received = first + dt.timedelta(days=i)
            deadline = received + dt.timedelta(days=10)
            finished = deadline + dt.timedelta(days=3 if i < late else -2)
            dossier(unit, received, deadline, finished, applicant_pseudonym=f"ps-{unit}")
    users = {
        # Reform officer: sees every unit, in either view.
        "officer": _head("officer", None, Role.OFFICER),
        # Chairman of the post-2025 commune: its history (An Nhứt, Tam An, …), read-only.
        "ward_head": _head("ward_head", WARD),
        # Head of the district that ended on 31/12/2024: keeps his own past.
        "district_head": _head("district_head", DISTRICT),
        # Head of the district's land office, ended with it, no successor: keeps his own past.
        "office_head": _head("office_head", LAND_OFFICE),
        # Chairman of a commune with its own, unrelated history: sees none of the above.
        "vung_tau_head": _head("vung_tau_head", WARD_VUNG_TAU),
    }
    return LineageWorld(users)
