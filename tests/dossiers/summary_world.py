"""A small, hand-counted province for the period views: first quarter 2024 (1 Jan – 31 Mar).

Units: PROV (province) with agencies A and B below it, division A1 below A, and OLD below PROV
which ended on 31 Dec 2023 (so it is not under PROV as of 31 Mar 2024).

| code | unit | channel | received | deadline | finished | outcome | Q1 2024 category |
| D01 | A | online | 2024-01-10 | 2024-01-15 | 2024-01-12 | early | ended early |
| D02 | A | in_person | 2024-02-01 | 2024-02-05 | 2024-02-05 | on time | ended on time |
| D03 | A1 | postal | 2024-02-20 | 2024-02-22 | 2024-02-27 | late | ended late, 3 wd |
| D04 | B | online | 2023-12-20 | 2024-01-05 | 2024-01-10 | late | carried over, late, 3 wd |
| D05 | B | in_person | 2024-03-01 | 2024-04-15 | – | – | open in time |
| D06 | A | online | 2024-03-25 | 2024-04-01 | – | – | open due soon |
| D07 | A1 | in_person | 2024-03-01 | 2024-03-20 | 2024-04-10 | late | open at end, overdue 7 wd |
| D08 | B | online | 2023-11-01 | 2023-11-10 | – | – | carried over, overdue 94 |
| D09 | A | online | 2023-12-01 | 2023-12-05 | 2023-12-20 | late | out (ended before) |
| D10 | A | online | 2024-04-02 | 2024-04-05 | – | – | out (received after) |
| D11 | OLD | in_person | 2023-12-28 | 2024-01-03 | 2024-01-03 | on time | carried over, on time |
| D12 | A | online | 2024-03-28 | – | – | – | open, no deadline: in time |
| D13 | B | postal | 2024-03-04 | – | 2024-03-06 | – | ended, no outcome: on time |

On 31 Mar 2024 (a Sunday) one working day is left until Mon 1 Apr: D06 is due soon.
Working days late (Tết 8–14 Feb 2024 off): D03 23, 26, 27 Feb = 3; D04 8–10 Jan = 3;
D07 21, 22, 25–29 Mar = 7; D08 Nov 14 + Dec 21 + Jan 22 + Feb 16 + Mar 21 = 94.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from cchc.core.models import Procedure, Unit, UnitKind
from cchc.dossiers.models import Dossier
from cchc.dossiers.periods import parse_period

Q1 = parse_period("2024-Q1")
D = dt.date.fromisoformat
ROWS: list[tuple[str, str, str, str, str | None, str | None, int | None, str]] = [
    ("D01", "A", "online", "2024-01-10", "2024-01-15", "2024-01-12", 1, "P1"),
    ("D02", "A", "in_person", "2024-02-01", "2024-02-05", "2024-02-05", 2, "P1"),
    ("D03", "A1", "postal", "2024-02-20", "2024-02-22", "2024-02-27", 3, "P1"),
    ("D04", "B", "online", "2023-12-20", "2024-01-05", "2024-01-10", 3, "P2"),
    ("D05", "B", "in_person", "2024-03-01", "2024-04-15", None, None, "P2"),
    ("D06", "A", "online", "2024-03-25", "2024-04-01", None, None, "P1"),
    ("D07", "A1", "in_person", "2024-03-01", "2024-03-20", "2024-04-10", 3, "P1"),
    ("D08", "B", "online", "2023-11-01", "2023-11-10", None, None, "P2"),
    ("D09", "A", "online", "2023-12-01", "2023-12-05", "2023-12-20", 3, "P1"),
    ("D10", "A", "online", "2024-04-02", "2024-04-05", None, None, "P1"),
    ("D11", "OLD", "in_person", "2023-12-28", "2024-01-03", "2024-01-03", 2, "P3"),
    ("D12", "A", "online", "2024-03-28", None, None, None, "P1"),
    ("D13", "B", "postal", "2024-03-04", None, "2024-03-06", None, "P2"),
]
SECTORS = {"A": "Tư pháp", "A1": "Tư pháp", "B": "Đất đai", "OLD": ""}
FLAGS: dict[str, dict[str, bool]] = {
    "D03": {"flag_late_no_apology": True},
    "D04": {"flag_beyond_statutory": True},
    "D08": {"flag_repeated_supplements": True},
}


def build_units() -> None:
    prov = Unit.objects.create(code="PROV", name="Tỉnh Mẫu", kind=UnitKind.PROVINCE)
    a = Unit.objects.create(code="A", name="Sở Tư pháp", kind=UnitKind.AGENCY, parent=prov)
    Unit.objects.create(code="A1", name="Phòng Hộ tịch", kind=UnitKind.DIVISION, parent=a)
    Unit.objects.create(code="B", name="Sở Nông nghiệp", kind=UnitKind.AGENCY, parent=prov)
    Unit.objects.create(
        code="OLD", name="Huyện Cũ", kind=UnitKind.DISTRICT, parent=prov, valid_to=D("2023-12-31")
    )
    for code, name in [("P1", "Chứng thực bản sao"), ("P2", "Giao đất"), ("P3", "Khai sinh")]:
        Procedure.objects.create(code=code, name=name)


def make_dossier(
    code: str,
    unit: str,
    channel: str,
    received: str,
    deadline: str | None,
    finished: str | None,
    outcome: int | None,
    procedure: str = "P1",
    **extra: Any,
) -> Dossier:
    received_on = D(received)
    return Dossier.objects.create(
        code=code,
        procedure_code=procedure,
        unit_code=unit,
        sector=SECTORS.get(unit, ""),
        channel=channel,
        received_at=dt.datetime.combine(received_on, dt.time(9), dt.UTC),
        received_on=received_on,
        deadline_on=D(deadline) if deadline else None,
        statutory_due_on=D(deadline) if deadline else None,
        finished_on=D(finished) if finished else None,
        finish_outcome=outcome,
        applicant_pseudonym=f"p-{code}",
        row_hash=code,
        **extra,
    )


def build_world() -> None:
    build_units()
    for code, unit, channel, received, deadline, finished, outcome, proc in ROWS:
        make_dossier(
            code, unit, channel, received, deadline, finished, outcome, proc, **FLAGS.get(code, {})
        )
