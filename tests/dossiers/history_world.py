"""Bà Rịa – Vũng Tàu's real units (`load-vn brvt`, with its 2023–2025 history) and a few
hand-written dossiers along one line of succession (docs/units.md, "two views"):

    xã An Nhứt (vn63-26671, until 31/12/2024, under Huyện Long Điền)
      → xã Tam An (vn63-26668, 01/01–30/06/2025, under Huyện Long Đất)
        → Xã Long Điền (vn34-26659, Hồ Chí Minh City, from 01/07/2025)

Every dossier is due 10 days after receipt and ends 2 days early or 3 days late:

| code | unit | received | outcome |
| --- | --- | --- | --- |
| H01 | An Nhứt | 01/03/2023 | on time |
| H02 | An Nhứt | 01/09/2023 | late |
| H03 | An Nhứt | 01/02/2024 | late |
| H04 | An Nhứt | 02/05/2024 | on time |
| H05 | An Nhứt | 01/10/2024 | late |
| H06 | Tam An | 03/02/2025 | late |
| H07 | Tam An | 01/04/2025 | on time |
| H08 | Xã Long Điền (ward) | 02/09/2025 | on time |
| H09–H12 | Xã Long Điền (ward) | 05/01, 02/02, 02/03, 01/04/2026 | on time |
| H13 | thị trấn Long Hải (vn63-26662 → Xã Long Hải vn34-26662, another ward) | 03/06/2024 | late |

So, counted by hand:
- 2024-01-01 … 2026-06-30, the ward as is: H03–H05 (An Nhứt 2024) + H06–H07 (Tam An 2025-H1) +
  H08–H12 (its own) = 10 dossiers, 3 late (H03, H05, H06); as was: its own 5, none late.
- 2023, Huyện Long Điền as was: An Nhứt 2 dossiers (H01, H02), 1 late.
- 2025, the ward as is: ended 3 (H06, H07, H08), late 1 (H06); as was: ended 1 (H08), late 0.
- 2024 rolled onto the ward (like with like for 2025): ended 3, late 2 (H03, H05).
"""

from __future__ import annotations

import datetime as dt

from cchc.core.units_vn import load_vn_province
from cchc.dossiers.models import Dossier

D = dt.date
AN_NHUT, TAM_AN, WARD = "vn63-26671", "vn63-26668", "vn34-26659"
LONG_DIEN, LONG_DAT = "vn63-752", "vn63-753"
LONG_HAI, LONG_HAI_WARD = "vn63-26662", "vn34-26662"
TODAY = D(2026, 7, 15)
ROWS: list[tuple[str, str, dt.date, bool]] = [  # code, unit, received, late
    ("H01", AN_NHUT, D(2023, 3, 1), False),
    ("H02", AN_NHUT, D(2023, 9, 1), True),
    ("H03", AN_NHUT, D(2024, 2, 1), True),
    ("H04", AN_NHUT, D(2024, 5, 2), False),
    ("H05", AN_NHUT, D(2024, 10, 1), True),
    ("H06", TAM_AN, D(2025, 2, 3), True),
    ("H07", TAM_AN, D(2025, 4, 1), False),
    ("H08", WARD, D(2025, 9, 2), False),
    ("H09", WARD, D(2026, 1, 5), False),
    ("H10", WARD, D(2026, 2, 2), False),
    ("H11", WARD, D(2026, 3, 2), False),
    ("H12", WARD, D(2026, 4, 1), False),
    ("H13", LONG_HAI, D(2024, 6, 3), True),
]
LATE, ON_TIME = 3, 2  # finish outcomes (cchc.dossiers.rulebook.timing.Outcome)


def build_history_world() -> None:
    load_vn_province("brvt")
    rows = []
    for code, unit, received, late in ROWS:
        deadline = received + dt.timedelta(days=10)
        finished = deadline + dt.timedelta(days=3 if late else -2)
        rows.append(
            Dossier(
                code=code,
                procedure_code="P1",
                unit_code=unit,
                sector="Hộ tịch",
                channel="online",
                received_at=dt.datetime.combine(received, dt.time(9), dt.UTC),
                received_on=received,
                deadline_on=deadline,
                statutory_due_on=deadline,
                finished_on=finished,
                finished_at=dt.datetime.combine(finished, dt.time(10), dt.UTC),
                finish_outcome=LATE if late else ON_TIME,
                apology_issued=late,
                applicant_pseudonym=f"p-{code}",
                row_hash=code,
            )
        )
    Dossier.objects.bulk_create(rows)
