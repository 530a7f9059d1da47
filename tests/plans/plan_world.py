"""A small plan world for the reminder and finding-link tests: a province, the agency that owns
the plan, a commune leading tasks, and one person per role.

- `head`: chairman of Xã Một, the lead unit of the tasks (reminded, escalated to);
- `steering`, `officer`: hear of escalations only;
- `admin`: may edit plans; `inspector`: reads plans, may not edit them;
- Xã Hai has no account at all (its reminders reach nobody).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.contrib.auth.models import User

from cchc.core.models import Profile, Role, Unit, UnitKind
from cchc.plans import changes
from cchc.plans.models_plans import Plan, Task


@dataclass
class PlanWorld:
    plan: Plan
    agency: Unit
    commune: Unit
    lonely: Unit
    users: dict[str, User]

    def task(
        self, code: str, deadline: dt.date, unit: Unit | None = None, **fields: object
    ) -> Task:
        task = Task(
            plan=self.plan,
            code=code,
            name=f"Nhiệm vụ {code}",
            lead_unit=unit or self.commune,
            deadline=deadline,
            **fields,
        )
        changes.create(None, task)
        return task


def build_plan_world(start: dt.date, end: dt.date) -> PlanWorld:
    province = Unit.objects.create(code="P77", name="Tỉnh Mẫu", kind=UnitKind.PROVINCE)
    agency = Unit.objects.create(
        code="P77.SNV", name="Sở Nội vụ", kind=UnitKind.AGENCY, parent=province
    )
    commune = Unit.objects.create(
        code="X001", name="Xã Một", kind=UnitKind.COMMUNE, parent=province
    )
    lonely = Unit.objects.create(code="X002", name="Xã Hai", kind=UnitKind.COMMUNE, parent=province)
    users: dict[str, User] = {}
    for name, role, unit in (
        ("head", Role.UNIT_HEAD, commune),
        ("steering", Role.STEERING, None),
        ("officer", Role.OFFICER, agency),
        ("admin", Role.ADMIN, None),
        ("inspector", Role.INSPECTOR, None),
    ):
        user = User.objects.create_user(name, password="x")
        Profile.objects.create(user=user, role=role, unit=unit)
        users[name] = user
    plan = Plan(
        name="Kế hoạch thử",
        period_start=start,
        period_end=end,
        owner_unit=agency,
    )
    changes.create(None, plan)
    return PlanWorld(plan, agency, commune, lonely, users)
