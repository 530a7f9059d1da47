"""A small province for plan-against-actual tests, worked by hand (today 15/08/2025).

PROV "Tỉnh Mẫu" has agency A "Sở Tư pháp" and commune B "Xã Long Hải". Every dossier is of
procedure P1 (online level "full", with a fee), online, digitised, paid online, ended 3 days
after it was received; a late one had a deadline 1 day after receipt, the others 5 days.

  2025-H1 (received from 03/02): A 10 dossiers, 2 late; B 10 dossiers, 0 late.
      on-time rate (766.2a): A 8/10 = 80 %, B 10/10 = 100 %, province 18/20 = 90 %.
  2025-H2 to 15/08 (received from 01/07): A 5 dossiers, 2 late; B 5 dossiers, 1 late.
      766.2a: A 3/5 = 60 %, B 4/5 = 80 %, province 7/10 = 70 %.

Decision 766 total points of such a unit (tests/indicators/ranking_world.py worked it: with
`e_result` never stated 3a has no data; 3b, 4a, 4b, 4d, 4e are full; 4c is full at ≥ 50 %
online): 2a 20 × on-time rate + 3b 8 + 4a 4 + 4b 4 + 4c 6 + 4d 4 + 4e 4 = 50 − 20 × late / n.
  2025-H2 to 15/08: A 50 − 20 × 2/5 = 42; B 50 − 20 × 1/5 = 46.

The plan (2025): target T1 "766.2a ≥ 98 %" over the province, baseline 80 on 31/12/2024, by
31/12/2025; T2 the same on unit A alone; T3 "766.total ≥ 48"; T4 PAPI D5 ≥ 7 (external).
"""

from __future__ import annotations

import datetime as dt

from django.contrib.auth.models import User
from django.utils import timezone

from cchc.core.models import Procedure, Profile, Role, Unit, UnitKind
from cchc.dossiers.models import Dossier
from cchc.plans import changes
from cchc.plans.models_plans import Plan, Target, TargetKind, Task, TaskStatus

D = dt.date
TODAY = D(2025, 8, 15)
NAMES = {"PROV": "Tỉnh Mẫu", "A": "Sở Tư pháp", "B": "Xã Long Hải"}


def _dossiers(unit: str, first: dt.date, n: int, late: int) -> list[Dossier]:
    rows = []
    for i in range(n):
        received = first + dt.timedelta(days=i)
        finished = received + dt.timedelta(days=3)
        is_late = i < late
        code = f"{unit}-{first:%m}-{i:02d}"
        rows.append(
            Dossier(
                code=code,
                unit_code=unit,
                procedure_code="P1",
                channel="online",
                received_at=timezone.make_aware(dt.datetime.combine(received, dt.time(9))),
                received_on=received,
                deadline_on=received + dt.timedelta(days=1 if is_late else 5),
                finished_at=timezone.make_aware(dt.datetime.combine(finished, dt.time(10))),
                finished_on=finished,
                finish_outcome=3 if is_late else 1,
                digitised=True,
                paid_online=True,
                row_hash=code,
            )
        )
    return rows


def build_units() -> dict[str, Unit]:
    prov = Unit.objects.create(code="PROV", name=NAMES["PROV"], kind=UnitKind.PROVINCE)
    a = Unit.objects.create(code="A", name=NAMES["A"], kind=UnitKind.AGENCY, parent=prov)
    b = Unit.objects.create(code="B", name=NAMES["B"], kind=UnitKind.COMMUNE, parent=prov)
    return {"PROV": prov, "A": a, "B": b}


def build_dossiers() -> None:
    Procedure.objects.create(code="P1", name="Thủ tục một", online_level="full", has_fee=True)
    rows = [
        *_dossiers("A", D(2025, 2, 3), 10, 2),
        *_dossiers("B", D(2025, 2, 3), 10, 0),
        *_dossiers("A", D(2025, 7, 1), 5, 2),
        *_dossiers("B", D(2025, 7, 1), 5, 1),
    ]
    Dossier.objects.bulk_create(rows)


def build_plan(units: dict[str, Unit]) -> Plan:
    plan = Plan(
        name="Kế hoạch nâng cao chỉ số 2025",
        decision_number="1732/QĐ-UBND",
        period_start=D(2025, 1, 1),
        period_end=D(2025, 12, 31),
        owner_unit=units["PROV"],
    )
    changes.create(None, plan)
    common = {
        "plan": plan,
        "direction": "up",
        "baseline_date": D(2024, 12, 31),
        "target_date": D(2025, 12, 31),
    }
    targets = [
        Target(code="T1", name="Hồ sơ đúng hạn toàn tỉnh", kind=TargetKind.INDICATOR,
               indicator_code="766.2a", baseline_value=80, target_value=98, order=1, **common),
        Target(code="T2", name="Hồ sơ đúng hạn của Sở Tư pháp", kind=TargetKind.INDICATOR,
               indicator_code="766.2a", unit=units["A"], baseline_value=80, target_value=98,
               order=2, **common),
        Target(code="T3", name="Tổng điểm Bộ chỉ số 766", kind=TargetKind.INDICATOR,
               indicator_code="766.total", baseline_value=40, target_value=48, order=3,
               **common),
        Target(code="T4", name="Điểm PAPI nội dung 5", kind=TargetKind.EXTERNAL,
               index_name="PAPI", index_code="D5", baseline_value=6.5, target_value=7.0,
               order=4, **{**common, "baseline_date": D(2022, 12, 31)}),
    ]  # fmt: skip
    for target in targets:
        changes.create(None, target)
    t1 = targets[0]
    tasks = [
        Task(plan=plan, target=t1, code="1", name="Rà soát hồ sơ trễ hạn", lead_unit=units["A"],
             deadline=D(2025, 6, 30), progress=40, status=TaskStatus.IN_PROGRESS, order=1),
        Task(plan=plan, target=t1, code="2", name="Số hóa kết quả giải quyết",
             lead_unit=units["B"], deadline=D(2025, 9, 30), progress=100,
             status=TaskStatus.DONE, done_on=D(2025, 7, 20), order=2),
        Task(plan=plan, target=targets[3], code="3", name="Tuyên truyền PAPI",
             lead_unit=units["PROV"], deadline=D(2025, 10, 31), order=3),
    ]  # fmt: skip
    for task in tasks:
        changes.create(None, task)
    return plan


def build_people(units: dict[str, Unit], password: str = "x") -> dict[str, User]:
    """officer edits; steering reads all; head_b heads commune B and sees only B's rows among
    the units holding back; norole has no role and reads nothing."""
    people = {}
    for name, role, unit in (
        ("officer", Role.OFFICER, None),
        ("steering", Role.STEERING, None),
        ("head_b", Role.UNIT_HEAD, units["B"]),
        ("norole", None, None),
    ):
        user = User.objects.create_user(name, password=password)
        if role:
            Profile.objects.create(user=user, role=role, unit=unit)
        people[name] = user
    return people


def build_world(password: str = "x") -> tuple[Plan, dict[str, User]]:
    units = build_units()
    build_dossiers()
    return build_plan(units), build_people(units, password)
