"""`cchc demo`'s improvement plans: the province's 2023 PAPI plan (Decision 1732/QĐ-UBND) with
targets on the eight real PAPI dimensions and their real 2022 baselines, and this year's plan
with work for the two demo unit heads around today. Built on the real units, agencies, demo
logins and shipped PAPI results, without dossiers (the plans do not read them)."""

from __future__ import annotations

import datetime as dt
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from django.contrib.auth.models import User

from cchc.core.models import AuditEntry, Profile, Unit
from cchc.core.units_vn import load_vn_province
from cchc.demo import patterns
from cchc.demo.agencies import ensure_agencies
from cchc.demo.inputs import demo_heads
from cchc.demo.plans_step import PlansSummary, build_demo_plans
from cchc.inspections.models import Finding, Inspection
from cchc.plans.access import can_update_task
from cchc.plans.indices_shipped import load_shipped_indices
from cchc.plans.models_plans import Plan, Target, Task, TaskEvidence, TaskStatus
from cchc.plans.progress import plan_progress
from cchc.plans.reminders import send_task_reminders
from cchc.web.demo_users import create_demo_users
from cchc.web.scope import Scope

TODAY = dt.date(2026, 11, 26)  # a Thursday
# Bà Rịa – Vũng Tàu's PAPI 2022 as printed by nhandan.vn (papi-brvt-history.csv)
PAPI_2022 = {"D1": 4.3235, "D2": 5.1835, "D3": 4.2505, "D4": 6.9530, "D5": 7.0796,
             "D6": 7.8579, "D7": 3.1973, "D8": 3.1477, "TOTAL": 41.9929}  # fmt: skip


def _unit_of(username: str) -> Unit:
    unit = Profile.objects.get(user__username=username).unit
    assert unit is not None
    return unit


@dataclass(frozen=True)
class Built:
    summary: PlansSummary
    seconds: float
    recent: Finding  # the demo commune's visit 40 days ago: repeated supplement requests


@pytest.fixture
def demo(db: None, settings: Any, tmp_path: Path) -> Built:
    settings.MEDIA_ROOT = tmp_path / "media"
    load_vn_province("Bà Rịa - Vũng Tàu")  # the real units and the demo agencies
    ensure_agencies()
    create_demo_users(*demo_heads())
    load_shipped_indices()
    commune = Unit.objects.get(code="vn63-26574")  # Xã Bàu Chinh, inspected on 10/05/2023
    old = Inspection.objects.create(
        kind="surprise", unit=commune, date=patterns.SUPPLEMENT_INSPECTED, status="closed"
    )
    Finding.objects.create(
        inspection=old, category="sensitive_dossiers", severity="correction",
        description="Yêu cầu bổ sung hồ sơ nhiều lần",
    )  # fmt: skip
    head_unit = _unit_of("chutichxa")
    now = Inspection.objects.create(
        kind="surprise", unit=head_unit, date=TODAY - dt.timedelta(days=40), status="concluded"
    )
    Finding.objects.create(
        inspection=now, category="sensitive_dossiers", severity="correction",
        description="Hồ sơ đất đai trễ hạn chưa có văn bản xin lỗi",
    )  # fmt: skip
    recent = Finding.objects.create(
        inspection=now, category="discipline", severity="reminder", description="Bổ sung nhiều lần"
    )
    started = time.perf_counter()
    summary = build_demo_plans(TODAY)
    return Built(summary, time.perf_counter() - started, recent)


def test_the_2023_plan_has_targets_on_the_real_papi_dimensions(demo: Built) -> None:
    plan = Plan.objects.get(name="Kế hoạch nâng cao Chỉ số PAPI năm 2023")
    assert plan.decision_number == "1732/QĐ-UBND"
    assert plan.owner_unit.code == "77.SNV"
    papi = {t.index_code: t for t in Target.objects.filter(plan=plan, index_name="PAPI")}
    assert set(papi) == set(PAPI_2022)
    for code, value in PAPI_2022.items():
        assert papi[code].baseline_value == pytest.approx(value), code
        assert papi[code].baseline_date == dt.date(2022, 12, 31)
        assert papi[code].target_date == dt.date(2024, 12, 31)
    # the published 2023 value of D8 (E-governance) kept at the review
    assert papi["D8"].reviews.get(review_date=dt.date(2023, 12, 31)).value == pytest.approx(3.6563)
    indicators = set(
        Target.objects.filter(plan=plan, kind="indicator").values_list("indicator_code", flat=True)
    )
    assert indicators == {"766.total", "766.2a", "766.4c"}


def test_the_2023_plan_has_done_late_recurring_and_finding_tasks(demo: Built) -> None:
    plan = Plan.objects.get(name="Kế hoạch nâng cao Chỉ số PAPI năm 2023")
    progress = plan_progress(plan, TODAY)
    assert 8 <= len(progress.lines) <= 15
    done = [line.task for line in progress.lines if line.task.status == TaskStatus.DONE]
    assert len(done) >= 6
    assert TaskEvidence.objects.filter(task__in=done).count() >= 6
    assert TaskEvidence.objects.filter(task__plan=plan).exclude(file="").count() >= 2
    assert len(progress.overdue) >= 3
    assert any(line.has_subtasks for line in progress.lines)
    quarterly = Task.objects.get(plan=plan, recurrence="quarterly")
    standing = progress.line(quarterly.pk).standing
    # 29/09/2023 to 30/12/2024: six quarters, the last report missing
    assert (standing.done_count, standing.total_count, standing.overdue) == (5, 6, True)
    cites = Task.objects.get(plan=plan, finding__isnull=False)
    assert cites.lead_unit.code == "vn63-26574"
    assert cites.finding is not None
    assert cites.finding.inspection.date == patterns.SUPPLEMENT_INSPECTED
    assert 0 < (progress.progress or 0) < 100


def test_each_unit_head_has_own_tasks_some_overdue(demo: Built) -> None:
    for username in ("chutichxa", "truongphong"):
        user = User.objects.get(username=username)
        scope = Scope.for_user(user, TODAY)
        unit = _unit_of(username)
        tasks = list(Task.objects.filter(lead_unit=unit))
        assert tasks and all(can_update_task(scope, t) for t in tasks), username
        lines = [
            line
            for plan in Plan.objects.all()
            for line in plan_progress(plan, TODAY).lines
            if line.task.lead_unit_id == unit.pk
        ]
        assert any(line.overdue for line in lines), username
    recent = demo.recent
    assert Task.objects.filter(finding=recent, lead_unit=recent.inspection.unit).exists()


def test_every_record_is_audited_on_the_story_days(demo: Built) -> None:
    plan = Plan.objects.get(name="Kế hoạch nâng cao Chỉ số PAPI năm 2023")
    task = Task.objects.get(plan=plan, code="4")
    entries = AuditEntry.objects.filter(object_type="plans.task", object_id=str(task.pk))
    created = entries.get(action="create")
    finished = entries.get(action="update")
    assert created.at.date() == dt.date(2023, 8, 1)
    assert created.user is not None and created.user.username == "chuyenvien"
    assert finished.at.date() == dt.date(2023, 8, 28)
    assert finished.after is not None and finished.after["status"] == "done"


def test_it_is_fast_and_a_second_run_replaces_the_plans(demo: Built) -> None:
    assert demo.seconds < 10  # a fraction of a second on the shared machine
    first = demo.summary
    entries = AuditEntry.objects.filter(object_type__startswith="plans.").count()
    assert build_demo_plans(TODAY) == first
    assert Plan.objects.count() == 2
    assert AuditEntry.objects.filter(object_type__startswith="plans.").count() == entries


def test_the_daily_reminders_escalate_the_overdue_tasks(demo: Built) -> None:
    result = send_task_reminders(TODAY)
    assert result.escalations >= 3
    assert result.reminders >= 1  # this year's task 2, due in four days
    assert send_task_reminders(TODAY).escalations == 0


def test_a_demo_built_early_in_the_year_records_nothing_after_its_day(demo: Built) -> None:
    """This year's plan completes task 7 on 10 July: built on 2 March, the task is not yet done
    and no completion or evidence is recorded after the day (audit entries)."""
    early = dt.date(2026, 3, 2)
    build_demo_plans(early)
    after = dt.datetime(2026, 3, 3, tzinfo=dt.UTC)
    written = AuditEntry.objects.filter(object_type__startswith="plans.", at__gte=after)
    assert not written.exclude(object_type="plans.indexresult").exists()  # (indices: real time)
    assert not Task.objects.filter(done_on__gt=early).exists()
