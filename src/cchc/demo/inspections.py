"""The demo province's inspection history, 2022–2024, through the real planner and services.

Each half-year the reform officer (`chuyenvien`) runs the planner on the data known at the
planning day (risk as of that day), the inspector (`thanhtra`) leads every visit, records the
checklist, findings and corrective actions, the units report their corrections with an evidence
file and the team verifies them. 2023-H1 echoes the article of 14/08/2023: 5 provincial agencies
(periodic), 7 communes (surprise, by risk) and 2 land registry branches (surprise, by risk) —
14 inspections, 2.8× the 5 of 2022-H1. The planted units (docs/demo.md) are visited on the days
cchc.demo.patterns names; their surprise draws use the first seed (from 1) whose weighted draw
includes them — a demo device, stated in docs/demo.md. Timestamps are set to the story's days.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

import numpy as np
from django.contrib.auth.models import User
from django.core.files.base import ContentFile
from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from cchc.core.models import AuditEntry, Profile, Role, Unit, UnitKind
from cchc.demo import patterns
from cchc.demo.inputs import choose_planted, demo_units
from cchc.dossiers.periods import Period, parse_period
from cchc.inspections import services, visit_steps
from cchc.inspections.models import (
    ActionReport,
    CorrectiveAction,
    Finding,
    Inspection,
    PlanRun,
    ReminderSent,
)
from cchc.inspections.notify import about_action
from cchc.inspections.planning import make_plan
from cchc.inspections.plans import plan_request, run_plan
from cchc.notices.models import JobRun, Notice, Undelivered

STEP_DAYS = 6  # days between two visits of one half-year


@dataclass(frozen=True)
class Round:
    """One planner run: its period, the day it is made, and what it asks for."""

    period: str
    planned_on: dt.date
    candidates: str  # agencies | communes | land | all
    periodic: int = 0
    surprise: int = 0
    rotation: int = 0
    must_draw: str | None = None  # a planted unit the surprise draw must include


ROUNDS = (
    Round("2022-H1", dt.date(2022, 3, 31), "all", periodic=3, rotation=2),
    Round("2022-H2", dt.date(2022, 7, 15), "all", periodic=2, rotation=2),
    Round("2023-H1", dt.date(2023, 4, 14), "agencies", periodic=5),
    Round("2023-H1", dt.date(2023, 4, 14), "communes", surprise=7, must_draw="supplement"),
    Round("2023-H1", dt.date(2023, 4, 14), "land", surprise=2, must_draw="land"),
    Round("2023-H2", dt.date(2023, 7, 14), "all", periodic=3, surprise=3, rotation=2),
    Round("2024-H1", dt.date(2024, 1, 15), "all", periodic=4, surprise=4, rotation=3),
    Round("2024-H2", dt.date(2024, 7, 15), "all", periodic=3, surprise=4, rotation=3),
)

# Findings of ordinary visits: (category, severity, text, checklist item)
ORDINARY = (
    (
        "publicity",
        "reminder",
        "Niêm yết thủ tục hành chính tại Bộ phận một cửa chưa cập nhật",
        "publicity.procedures",
    ),
    (
        "online_services",
        "reminder",
        "Tỷ lệ hồ sơ trực tuyến toàn trình còn thấp",
        "online.services",
    ),
    (
        "index_plan",
        "correction",
        "Chưa ban hành kế hoạch cải thiện chỉ số PAR INDEX, SIPAS",
        "index_plan.papi_par",
    ),
    ("directives", "reminder", "Báo cáo CCHC quý gửi chậm so với yêu cầu", "directives.plan"),
)


@dataclass(frozen=True)
class HistorySummary:
    plans: int
    inspections: int
    findings: int
    actions: int
    closed: int


def _aware(day: dt.date, hour: int = 9) -> dt.datetime:
    return timezone.make_aware(dt.datetime(day.year, day.month, day.day, hour))


def _weekday(day: dt.date) -> dt.date:
    while day.weekday() >= 5:
        day += dt.timedelta(days=1)
    return day


def wipe_history() -> None:
    """Remove every inspection record and its audit entries (the demo rebuilds them)."""
    Notice.objects.all().delete()
    Undelivered.objects.all().delete()
    JobRun.objects.filter(job="inspections.reminders").delete()  # the worker reminds anew
    ReminderSent.objects.all().delete()
    Inspection.objects.all().delete()
    PlanRun.objects.all().delete()
    AuditEntry.objects.filter(object_type__startswith="inspections.").delete()


def _candidates(kind: str, period: Period) -> list[str]:
    """Units in force on every day of the period, so each is valid on its visit's day (xã An
    Nhứt until 2024-H2, never xã Tam An, which began on 01/01/2025)."""
    valid = Q(valid_from__isnull=True) | Q(valid_from__lte=period.start)
    valid &= Q(valid_to__isnull=True) | Q(valid_to__gte=period.end)
    units = Unit.objects.filter(valid)
    agencies = units.filter(kind=UnitKind.AGENCY, code__startswith="77.")
    communes = units.filter(kind=UnitKind.COMMUNE, code__startswith="vn63-")
    land = units.filter(kind=UnitKind.DIVISION, code__startswith="77.VPDK.")
    sets = {"agencies": agencies, "communes": communes, "land": land}
    names = ["agencies", "communes", "land"] if kind == "all" else kind.split("+")
    return sorted(code for name in names for code in sets[name].values_list("code", flat=True))


def _periodic(count: int, period: Period, first: list[str]) -> list[str]:
    agencies = _candidates("agencies", period)
    rest = [c for c in agencies if c not in first]
    turn = int(period.start.year * 2 + period.start.month // 7)  # rotate through the agencies
    rest = rest[turn % len(rest) :] + rest[: turn % len(rest)] if rest else []
    return ([c for c in first if c in agencies] + rest)[:count]


def _seed_drawing(
    round_: Round, period: Period, codes: list[str], periodic: list[str], target: str | None
) -> int:
    """The first seed whose plan includes `target` (1 when there is no target)."""
    if target is None or target not in codes:
        return 1
    request, _ = plan_request(
        period,
        periodic=periodic,
        surprise_k=round_.surprise,
        rotation_k=round_.rotation,
        seed=1,
        unit_codes=codes,
        as_of=round_.planned_on,
    )
    for seed in range(1, 5000):
        plan = make_plan(request.__class__(**{**request.__dict__, "seed": seed}))
        if target in plan.of_kind("surprise"):
            return seed
    return 1


def backdate(inspection: Inspection, issued: dt.date) -> None:
    findings = Finding.objects.filter(inspection=inspection)
    findings.update(created_at=_aware(inspection.date, 16))
    actions = CorrectiveAction.objects.filter(finding__inspection=inspection)
    actions.update(created_at=_aware(issued, 10))
    about = [about_action(pk) for pk in actions.values_list("pk", flat=True)]
    Notice.objects.filter(about__in=about).update(created_at=_aware(issued, 10))
    ids = {
        "inspections.inspection": [str(inspection.pk)],
        "inspections.checklistanswer": [
            str(i) for i in inspection.answers.values_list("id", flat=True)
        ],
        "inspections.finding": [str(i) for i in findings.values_list("id", flat=True)],
    }
    for object_type, values in ids.items():
        AuditEntry.objects.filter(object_type=object_type, object_id__in=values).update(
            at=_aware(inspection.date, 17)
        )
    AuditEntry.objects.filter(
        object_type="inspections.correctiveaction",
        object_id__in=[str(i) for i in actions.values_list("id", flat=True)],
        action="action_create",
    ).update(at=_aware(issued, 10))


def date_steps(inspection: Inspection, issued: dt.date, closed: dt.date) -> None:
    """Date the status steps as a real visit runs: the unit told a week before the visit, the
    visit on its day, the conclusion when the actions are issued, the end after the last
    verification."""
    days = {
        "notified": _weekday(inspection.date - dt.timedelta(days=7)),
        "visiting": inspection.date,
        "concluded": issued,
        "closed": closed,
    }
    entries = AuditEntry.objects.filter(
        object_type="inspections.inspection",
        object_id=str(inspection.pk),
        action=visit_steps.STATUS_AUDIT,
    )
    for entry in entries:
        day = days.get(str((entry.after or {}).get("status")))
        if day is not None:
            AuditEntry.objects.filter(pk=entry.pk).update(at=_aware(day, 8))


def date_latest_step(action: CorrectiveAction, kind: str, day: dt.date) -> None:
    """Date the latest report of `kind` and its audit entry on `day`."""
    report = ActionReport.objects.filter(action=action, kind=kind).order_by("-id").first()
    if report is not None:
        ActionReport.objects.filter(pk=report.pk).update(at=_aware(day, 15))
    entry = (
        AuditEntry.objects.filter(
            object_type="inspections.correctiveaction",
            object_id=str(action.pk),
            action=f"action_{kind}",
        )
        .order_by("-id")
        .first()
    )
    if entry is not None:
        AuditEntry.objects.filter(pk=entry.pk).update(at=_aware(day, 15))
    if kind == "verify":
        CorrectiveAction.objects.filter(pk=action.pk).update(closed_on=day)
        # the team and the unit read what they were told about the action by the time it closed
        Notice.objects.filter(about=about_action(action.pk), read_at__isnull=True).update(
            read_at=_aware(day, 15)
        )


class Story:
    """Builds the history; holds the people and the planted units."""

    def __init__(self, end_date: dt.date) -> None:
        self.end_date = end_date
        self.rng = np.random.default_rng(2023)
        self.inspector = User.objects.filter(username="thanhtra").first()
        self.officer = User.objects.filter(username="chuyenvien").first()
        planted = choose_planted(demo_units())
        self.targets = {
            "land": planted.land_office,
            # Xã Bàu Chinh (vn63-…), not its 2025 successor Xã Kim Long (vn34-…)
            "supplement": next(
                (c for c in planted.supplement_units if c.startswith("vn63-")), None
            ),
            "appointment": next(iter(planted.appointment_units), None),
        }
        self.days = {
            planted.land_office: patterns.LAND_OFFICE_INSPECTED,
            self.targets["supplement"]: patterns.SUPPLEMENT_INSPECTED,
            self.targets["appointment"]: patterns.APPOINTMENT_INSPECTED,
        }
        self.counts = {"plans": 0, "inspections": 0, "findings": 0, "actions": 0, "closed": 0}

    def head_of(self, unit: Unit) -> User | None:
        ids = Profile.objects.filter(role=Role.UNIT_HEAD, unit=unit).values_list("user_id")
        return User.objects.filter(pk__in=ids).first()

    def run_round(self, round_: Round) -> None:
        period = parse_period(round_.period)
        codes = _candidates(round_.candidates, period)
        first = [self.targets["appointment"]] if round_.period == "2023-H1" else []
        periodic = _periodic(round_.periodic, period, [c for c in first if c])
        target = self.targets.get(round_.must_draw or "")
        seed = _seed_drawing(round_, period, codes, periodic, target)
        run, _ = run_plan(
            period,
            user=self.officer,
            periodic=periodic,
            surprise_k=round_.surprise,
            rotation_k=round_.rotation,
            seed=seed,
            unit_codes=codes,
            as_of=round_.planned_on,
        )
        PlanRun.objects.filter(pk=run.pk).update(created_at=_aware(round_.planned_on, 14))
        self.counts["plans"] += 1
        day = round_.planned_on + dt.timedelta(days=10)
        for pick in run.picks.all():
            unit = Unit.objects.get(code=pick.unit_code)
            when = self.days.get(unit.code) if round_.period == "2023-H1" else None
            self.visit(pick, unit, when or _weekday(min(day, period.end - dt.timedelta(days=3))))
            day += dt.timedelta(days=STEP_DAYS)

    def visit(self, pick: Any, unit: Unit, day: dt.date) -> None:
        team = [self.inspector] if self.inspector else []
        n = self.counts["inspections"] + 1
        inspection = services.create_inspection(
            self.officer,
            kind=pick.kind,
            unit=unit,
            date=day,
            team=team,
            leader=self.inspector,
            plan_pick=pick,
            decision_number=f"{n}/QĐ-ĐKT",
        )
        self.counts["inspections"] += 1
        visit_steps.take_step(self.officer, inspection, "notify")
        visit_steps.take_step(self.officer, inspection, "start")
        found = self.findings_for(unit, pick)
        failing = {item for _c, _s, _t, item, _codes in found}
        for item in inspection.content_items:
            answer = "not_compliant" if item in failing else "compliant"
            note = "Xem tồn tại, hạn chế" if item in failing else ""
            services.answer_item(self.inspector, inspection, item, answer, note)
        issued = _weekday(day + dt.timedelta(days=7))
        findings = [
            (
                services.record_finding(
                    self.inspector,
                    inspection,
                    category=category,
                    severity=severity,
                    description=text,
                    dossier_codes=codes,
                ),
                text,
            )
            for category, severity, text, _item, codes in found
        ]
        inspection.record_number = f"{n}/BB-ĐKT"
        inspection.conclusion_number = f"{n}/TB-ĐKT"
        inspection.save(update_fields=["record_number", "conclusion_number"])
        visit_steps.take_step(self.officer, inspection, "conclude")
        closed_on: list[dt.date | None] = []
        for finding, text in findings:
            action = services.raise_action(
                self.inspector,
                finding,
                description=f"Khắc phục: {text.lower()}",
                issued_on=issued,
            )
            self.counts["findings"] += 1
            self.counts["actions"] += 1
            closed_on.append(self.follow_up(action, unit))
        backdate(inspection, issued)
        if all(closed_on):
            visit_steps.take_step(self.officer, inspection, "close")
        date_steps(inspection, issued, max([d for d in closed_on if d], default=issued))

    def findings_for(self, unit: Unit, pick: Any) -> list[tuple[str, str, str, str, list[str]]]:
        sample = pick.sample
        late = [s["code"] for s in sample if s["reason"] == "late"][:10]
        flagged = [s["code"] for s in sample if s["reason"] == "flagged"][:5]
        if unit.code == self.targets["land"]:
            return [
                (
                    "sensitive_dossiers",
                    "serious",
                    f"Hồ sơ đất đai giải quyết trễ hạn tăng liên tục; {len(late)} hồ sơ trễ hạn "
                    "trong mẫu kiểm tra, nhiều hồ sơ chưa có văn bản xin lỗi",
                    "sensitive.land",
                    late,
                )
            ]
        if unit.code == self.targets["supplement"]:
            return [
                (
                    "discipline",
                    "correction",
                    "Yêu cầu bổ sung hồ sơ nhiều lần, không hướng dẫn một lần đầy đủ",
                    "discipline.conduct",
                    flagged,
                )
            ]
        if unit.code == self.targets["appointment"]:
            return [
                (
                    "sensitive_dossiers",
                    "correction",
                    "Phiếu hẹn trả kết quả ghi ngày vượt thời hạn giải quyết theo quy định",
                    "sensitive.construction",
                    flagged,
                )
            ]
        if self.rng.random() < 0.4:
            return []
        category, severity, text, item = ORDINARY[int(self.rng.integers(len(ORDINARY)))]
        return [(category, severity, text, item, [])]

    def follow_up(self, action: CorrectiveAction, unit: Unit) -> dt.date | None:
        """Report with evidence a few days before the deadline, verify a week later. Every
        action of the history is closed by now: the follow-up still under way is that of the
        visits around today (cchc.demo.inspections_now)."""
        reported_on = _weekday(action.deadline - dt.timedelta(days=5))
        verified_on = _weekday(action.deadline + dt.timedelta(days=7))
        self.rng.random()  # one draw per action, so the seeded story's later findings stay as told
        if verified_on > self.end_date:
            return None  # still open (a history reaching into the demo's last weeks)
        head = self.head_of(unit)
        name = f"bao-cao-khac-phuc-{unit.code}-{action.pk}.txt"
        proof = ContentFile(f"Báo cáo kết quả khắc phục: {action.description}\n".encode(), name)
        services.report_done(head, action, "Đã khắc phục, gửi báo cáo kèm minh chứng", [proof])
        date_latest_step(action, "report", reported_on)
        services.verify(self.inspector, action, "Đã kiểm tra lại, đạt yêu cầu")
        date_latest_step(action, "verify", verified_on)
        self.counts["closed"] += 1
        return verified_on


@transaction.atomic
def build_inspection_history(end_date: dt.date) -> HistorySummary:
    """Replace the inspection records with the demo's history (2022 – 2024)."""
    wipe_history()
    story = Story(end_date)
    for round_ in ROUNDS:
        story.run_round(round_)
    return HistorySummary(**story.counts)
