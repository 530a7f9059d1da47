"""`cchc demo`'s improvement plans (cchc.demo.plans_data), written through the plans app's own
audited writes (cchc.plans.changes): the reform officer (`chuyenvien`) creates each plan, its
targets and tasks on the plan's first day; a task's unit head (else the officer) reports it done
with its evidence on the day it was done; the audit entries carry those days.

Rebuilt on every run (a second or less): the demo's plans are deleted with their audit entries,
reminders and notices, then written again, so that this year's plan follows today.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any

from django.contrib.auth.models import User
from django.core.files.base import ContentFile
from django.db import transaction
from django.db.models import Max, Q, QuerySet
from django.utils import timezone

from cchc.core.models import AuditEntry, Profile, Role, Unit
from cchc.demo import patterns
from cchc.demo.plans_data import (
    COMMUNE_2023,
    NOW_NAME,
    PLAN_2023_NAME,
    PlanSpec,
    TargetSpec,
    TaskSpec,
    plan_2023,
    plan_now,
)
from cchc.inspections.models import Finding
from cchc.notices.models import Notice, Undelivered
from cchc.plans import changes
from cchc.plans.indices_figures import province_key
from cchc.plans.indices_names import PAPI, PAPI_NAMES
from cchc.plans.measure import measured_at
from cchc.plans.measure_indicator import TOTAL
from cchc.plans.models_indices import IndexResult
from cchc.plans.models_plans import (
    Occurrence,
    Plan,
    Target,
    TargetReview,
    Task,
    TaskComment,
    TaskEvidence,
    TaskStatus,
)
from cchc.plans.progress import plan_progress, task_deadlines

PROVINCE = "Bà Rịa – Vũng Tàu"


@dataclass(frozen=True)
class PlansSummary:
    plans: int
    targets: int
    tasks: int
    done: int
    overdue: int
    evidence: int


def _aware(day: dt.date, hour: int) -> dt.datetime:
    return timezone.make_aware(dt.datetime.combine(day, dt.time(hour)))


@contextmanager
def dated(day: dt.date, hour: int) -> Iterator[None]:
    """The audit entries written inside are dated `day` at `hour` (the story's day)."""
    mark = AuditEntry.objects.aggregate(m=Max("id"))["m"] or 0
    yield
    AuditEntry.objects.filter(id__gt=mark).update(at=_aware(day, hour))


def _demo_plans() -> list[Plan]:
    return list(Plan.objects.filter(Q(name=PLAN_2023_NAME) | Q(name__startswith=NOW_NAME)))


def _keys(rows: QuerySet[Any]) -> list[str]:
    """The rows' ids as the audit log stores them."""
    return [str(pk) for pk in rows.values_list("pk", flat=True)]


def wipe_demo_plans() -> None:
    """The demo's plans, everything under them, their audit entries and their notices."""
    plans = _demo_plans()
    if not plans:
        return
    task_ids = list(Task.objects.filter(plan__in=plans).values_list("pk", flat=True))
    ids = {
        "plans.plan": _keys(Plan.objects.filter(pk__in=[p.pk for p in plans])),
        "plans.target": _keys(Target.objects.filter(plan__in=plans)),
        "plans.targetreview": _keys(TargetReview.objects.filter(target__plan__in=plans)),
        "plans.task": _keys(Task.objects.filter(pk__in=task_ids)),
        "plans.taskevidence": _keys(TaskEvidence.objects.filter(task_id__in=task_ids)),
        "plans.taskcomment": _keys(TaskComment.objects.filter(task_id__in=task_ids)),
        "plans.occurrence": _keys(Occurrence.objects.filter(task_id__in=task_ids)),
    }
    for evidence in TaskEvidence.objects.filter(task_id__in=task_ids).exclude(file=""):
        evidence.file.delete(save=False)
    for object_type, values in ids.items():
        AuditEntry.objects.filter(object_type=object_type, object_id__in=values).delete()
    Notice.objects.filter(about__in=[f"plans.task:{i}" for i in task_ids]).delete()
    for i in task_ids:
        Undelivered.objects.filter(key__startswith=f"plans.task:{i}:").delete()
    Plan.objects.filter(pk__in=[p.pk for p in plans]).delete()


def _head_unit(username: str) -> str | None:
    profile = Profile.objects.filter(user__username=username, role=Role.UNIT_HEAD).first()
    unit = profile.unit if profile is not None else None
    return unit.code if unit is not None else None


def _findings() -> dict[str, Finding | None]:
    commune = _head_unit("chutichxa")
    return {
        "supplements-2023": Finding.objects.filter(
            inspection__unit__code=COMMUNE_2023, inspection__date=patterns.SUPPLEMENT_INSPECTED
        )
        .order_by("pk")
        .first(),
        # the visit 40 days ago (cchc.demo.inspections_now): "repeated supplement requests"
        "commune-now": Finding.objects.filter(inspection__unit__code=commune, category="discipline")
        .order_by("-inspection__date", "pk")
        .first()
        if commune
        else None,
    }


def _papi(year: int, code: str) -> IndexResult | None:
    return IndexResult.objects.filter(
        index=PAPI, year=year, code=code, province_key=province_key(PROVINCE), value__isnull=False
    ).first()


class Builder:
    def __init__(self, today: dt.date) -> None:
        self.today = today
        self.officer = User.objects.get(username="chuyenvien")
        self.units = {u.code: u for u in Unit.objects.all()}
        self.aliases = {"@commune": _head_unit("chutichxa"), "@land": _head_unit("truongphong")}
        self.findings = _findings()
        heads = Profile.objects.filter(role=Role.UNIT_HEAD, unit__isnull=False)
        self.heads = {
            code: p.user
            for p in heads.select_related("unit", "user").order_by("pk")
            if (code := p.unit.code if p.unit is not None else None)
        }
        self.evidence = 0

    def unit(self, code: str) -> Unit | None:
        return self.units.get(self.aliases.get(code) or code)

    def plan(self, spec: PlanSpec) -> Plan | None:
        owner = self.unit(spec.owner)
        if owner is None:
            return None
        plan = Plan(
            name=spec.name,
            decision_number=spec.decision_number,
            decision_date=spec.decision_date,
            period_start=spec.period_start,
            period_end=spec.period_end,
            owner_unit=owner,
            description=spec.description,
        )
        first_day = spec.decision_date or spec.period_start + dt.timedelta(days=4)
        tasks: list[tuple[Task, TaskSpec]] = []

        with dated(first_day, 9):
            changes.create(self.officer, plan)
            targets = {t.code: self.target(plan, t, i) for i, t in enumerate(spec.targets)}
            made: dict[str, Task] = {}
            for order, t in enumerate(spec.tasks):
                task = self.task(plan, t, order, targets, made)
                if task is not None:
                    made[t.code] = task
                    tasks.append((task, t))
        for spec_target in spec.targets:
            self.reviews(targets[spec_target.code], spec_target)
        for task, t in tasks:
            self.follow_up(plan, task, t)
        return plan

    def target(self, plan: Plan, spec: TargetSpec, order: int) -> Target:
        baseline = _papi(2022, spec.index_code) if spec.index_code else None
        target = Target(
            plan=plan,
            code=spec.code,
            name=spec.name,
            kind="external" if spec.index_code else "indicator",
            indicator_code=spec.indicator_code,
            index_name=PAPI if spec.index_code else "",
            index_code=spec.index_code,
            baseline_value=float(baseline.value)
            if baseline and baseline.value
            else spec.baseline_value,
            baseline_date=spec.baseline_date,
            target_value=spec.target_value,
            target_date=spec.target_date,
            source=spec.source,
            order=order,
        )
        if spec.indicator_code and spec.baseline_date:
            self.measured_baseline(target, spec)
        changes.create(self.officer, target)
        return target

    def measured_baseline(self, target: Target, spec: TargetSpec) -> None:
        """Baseline from the demo's own dossiers, so that the path starts where they stand; the
        target `gain` above it (a rate at most 100). Kept as written when nothing is measured."""
        assert spec.baseline_date is not None
        point = measured_at(target, spec.baseline_date, self.today)
        if point is None:
            return
        target.baseline_value = round(point.value, 2)
        ceiling = 100.0 if spec.indicator_code != TOTAL else float("inf")
        target.target_value = min(ceiling, round(point.value + spec.gain))

    def reviews(self, target: Target, spec: TargetSpec) -> None:
        """A PAPI target's published values of 2023 and 2024, entered in May after each
        publication (April)."""
        for year in (2023, 2024) if spec.index_code else ():
            found = _papi(year, spec.index_code)
            entered = dt.date(year + 1, 5, 15)
            if found is None or found.value is None or entered > self.today:
                continue
            review = TargetReview(
                target=target,
                review_date=dt.date(year, 12, 31),
                value=float(found.value),
                source=found.source[:300],
                note=f"Kết quả PAPI {year} đã công bố",
            )
            with dated(entered, 9):
                changes.create(self.officer, review)

    def task(
        self,
        plan: Plan,
        spec: TaskSpec,
        order: int,
        targets: dict[str, Target],
        made: dict[str, Task],
    ) -> Task | None:
        lead = self.unit(spec.unit)
        if lead is None or (spec.parent and spec.parent not in made):
            return None
        task = Task(
            plan=plan,
            target=targets.get(spec.target),
            parent=made.get(spec.parent),
            code=spec.code,
            name=spec.name,
            lead_unit=lead,
            deadline=spec.deadline,
            recurrence=spec.recurrence,
            repeat_until=spec.repeat_until,
            weight=spec.weight,
            status=TaskStatus.NOT_STARTED if spec.status == TaskStatus.DONE else spec.status,
            progress=0 if spec.status == TaskStatus.DONE else spec.progress,
            finding=self.findings.get(spec.finding) if spec.finding else None,
            order=order,
        )
        co = [u.pk for code in spec.co_units if (u := self.unit(code)) is not None]
        changes.create(self.officer, task, co)
        return task

    def follow_up(self, plan: Plan, task: Task, spec: TaskSpec) -> None:
        """Done occurrences, completion with evidence, comments — each on its own day."""
        by = self.heads.get(task.lead_unit.code, self.officer)
        if spec.recurrence:
            deadlines = [d for d in task_deadlines(task, plan.period_end) if d < self.today]
            missed = {len(deadlines) + i if i < 0 else i for i in spec.skipped}
            for i, due in enumerate(deadlines):
                if i in missed:
                    continue
                done_on = due - dt.timedelta(days=1)
                with dated(done_on, 15):
                    changes.create(by, Occurrence(task=task, due_on=due, done_on=done_on))
        # a demo built before a task's planned completion day leaves it undone, without evidence
        happened = spec.done_on is None or spec.done_on <= self.today
        if spec.status == TaskStatus.DONE and spec.done_on is not None and happened:
            fields = {"status": TaskStatus.DONE, "progress": 100, "done_on": spec.done_on}
            with dated(spec.done_on, 16):
                changes.update(by, task, fields)
        if spec.evidence and happened:
            evidence = TaskEvidence(task=task, text=spec.evidence, by=by)
            if spec.evidence_file:
                name = f"minh-chung-nhiem-vu-{task.pk}.txt"
                text = f"{spec.evidence}\n{task.code}. {task.name}\n{task.lead_unit.name}\n"
                evidence.file.save(name, ContentFile(text.encode()), save=False)
            day = spec.done_on or self.today
            with dated(day, 16):
                changes.create(by, evidence)
            self.evidence += 1
        if spec.comment:
            comment = TaskComment(task=task, text=spec.comment, by=self.officer)
            day = min(self.today, spec.deadline + dt.timedelta(days=14))
            with dated(day, 10):
                changes.create(self.officer, comment)


def build_demo_plans(today: dt.date) -> PlansSummary:
    with transaction.atomic():
        wipe_demo_plans()
        builder = Builder(today)
        plans = [p for s in (plan_2023(PAPI_NAMES), plan_now(today)) if (p := builder.plan(s))]
        lines = [line for p in plans for line in plan_progress(p, today).lines]
        return PlansSummary(
            plans=len(plans),
            targets=Target.objects.filter(plan__in=plans).count(),
            tasks=len(lines),
            done=sum(1 for line in lines if line.task.status == TaskStatus.DONE),
            overdue=sum(1 for line in lines if line.overdue),
            evidence=builder.evidence,
        )
