"""Three units judged on different maxima, for the ranking tests (June 2025). Worked by hand.

Every unit has 20 dossiers of procedure P1 (online level "full", with a fee), received 2–21 June
and ended 3 days later; all digitised, all paid online. The catalogue's indicators with data
are then 2a (20 points), 3a (8, only where `e_result` is stated), 3b (8), 4a 4b 4c 4d 4e
(4, 4, 6, 4, 4): 58 points at stake, 50 without 3a.

  FULL "Sở Tư pháp": 0 late, 10 online, e_result 20 of 20
      2a 20 + 3a 8 + 3b 8 + 4a 4 + 4b 4 + 4c 6 (0.5 / 0.5) + 4d 4 + 4e 4 = 58 of 58 → 100 %
  DEPT "Sở Xây dựng": 2 late, 5 online, e_result 10 of 20
      2a 18 (0.9) + 3a 5 (0.5 / 0.8 × 8) + 3b 8 + 4a 4 + 4b 4 + 4c 3 (0.25 / 0.5 × 6) + 4d 4
      + 4e 4 = 50 of 58 → 86.2 %
  LAND "Chi nhánh Văn phòng đăng ký đất đai": 2 late, 5 online, e_result never stated (no 3a)
      2a 18 + 3b 8 + 4a 4 + 4b 4 + 4c 3 + 4d 4 + 4e 4 = 45 of 50 → 90 %

By points DEPT (50) would come before LAND (45); by share LAND (90 %) comes before DEPT (86.2 %).
FULL and DEPT are judged on the same set (the common one); LAND is judged without 766.3a.
"""

from __future__ import annotations

import datetime as dt

from django.contrib.auth.models import User
from django.utils import timezone

from cchc.core.models import Procedure, Profile, Role, Unit, UnitKind
from cchc.dossiers.models import Dossier
from tests.web.world import PASSWORD  # the browser tests log in through the form with it

PERIOD = "2025-06"
NAMES = {
    "FULL": "Sở Tư pháp",
    "DEPT": "Sở Xây dựng",
    "LAND": "Chi nhánh Văn phòng đăng ký đất đai",
}


def _dossiers(unit: str, late: int, online: int, e_result: int | None) -> list[Dossier]:
    rows = []
    for i in range(20):
        received = dt.date(2025, 6, 2) + dt.timedelta(days=i)
        finished = received + dt.timedelta(days=3)
        is_late = i < late
        rows.append(
            Dossier(
                code=f"{unit}-{i:02d}",
                unit_code=unit,
                procedure_code="P1",
                channel="online" if i < online else "in_person",
                received_at=timezone.make_aware(dt.datetime.combine(received, dt.time(9))),
                received_on=received,
                deadline_on=received + dt.timedelta(days=1 if is_late else 5),
                finished_at=timezone.make_aware(dt.datetime.combine(finished, dt.time(10))),
                finished_on=finished,
                finish_outcome=3 if is_late else 1,
                e_result=None if e_result is None else i < e_result,
                digitised=True,
                paid_online=True,
                row_hash=f"{unit}-{i}",
            )
        )
    return rows


def build_ranking_world() -> User:
    """The three units and their dossiers; returns a reform officer (sees every unit)."""
    prov = Unit.objects.create(code="PROV", name="Tỉnh Mẫu", kind=UnitKind.PROVINCE)
    Unit.objects.create(code="FULL", name=NAMES["FULL"], kind=UnitKind.AGENCY, parent=prov)
    Unit.objects.create(code="DEPT", name=NAMES["DEPT"], kind=UnitKind.AGENCY, parent=prov)
    Unit.objects.create(code="LAND", name=NAMES["LAND"], kind=UnitKind.DIVISION, parent=prov)
    Procedure.objects.create(code="P1", name="Thủ tục một", online_level="full", has_fee=True)
    Dossier.objects.bulk_create(
        _dossiers("FULL", late=0, online=10, e_result=20)
        + _dossiers("DEPT", late=2, online=5, e_result=10)
        + _dossiers("LAND", late=2, online=5, e_result=None)
    )
    officer = User.objects.create_user("chuyenvien", password=PASSWORD)
    Profile.objects.create(user=officer, role=Role.OFFICER)
    return officer
