"""The running half-year's inspections in the demo province, dated around today, so that each
persona's home page has work on the first click (issue #12, a home page per role).

The 2022–2024 history (demo/inspections.py) follows the planner; these few visits are written
directly through the same services and status steps, on days counted back from today:

- the demo commune (`chutichxa`'s unit): a surprise visit 40 days ago, concluded with two
  corrective actions still open — one overdue by 5 days, one due in 13 days — and findings that
  cite its own late dossiers;
- the demo land office (`truongphong`'s unit): a visit 30 days ago, one action open (due in 6
  days) and one reported done 4 days ago, waiting for the team's verification;
- three provincial agencies visited 60–20 days ago, concluded and closed (nothing found, or
  corrected and verified);
- two visits coming up (in 5 and 12 days; the first already notified), on the team's to-do list;
- two visits in the same days of last year, so the steering committee's comparison has a base.

The reform officer (`chuyenvien`) runs the steps; the inspector (`thanhtra`) leads every team.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.contrib.auth.models import User
from django.core.files.base import ContentFile
from django.db.models import Q

from cchc.core.models import Profile, Role, Unit, UnitKind
from cchc.demo.inspections import backdate, date_latest_step, date_steps
from cchc.dossiers import selection
from cchc.dossiers.models import Dossier
from cchc.dossiers.rulebook import rules
from cchc.inspections import services, visit_steps
from cchc.inspections.models import Inspection


@dataclass(frozen=True)
class NowSummary:
    inspections: int
    actions_open: int
    coming: int


def _weekday_before(day: dt.date) -> dt.date:
    """The day itself, or the Friday before a weekend day."""
    while day.weekday() >= 5:
        day -= dt.timedelta(days=1)
    return day


def _head_unit(username: str) -> Unit | None:
    profile = Profile.objects.filter(user__username=username, role=Role.UNIT_HEAD).first()
    return profile.unit if profile is not None else None


def _late_codes(unit: Unit, until: dt.date, n: int = 3) -> list[str]:
    """The unit's latest dossiers ended late before `until` (the rulebook's ended-late test)."""
    params = {"start": until - dt.timedelta(days=365), "end": until, "ref": until}
    late = selection.condition(rules.LATE_STATES["ended"], params)
    found = Dossier.objects.filter(late, unit_code=unit.code).order_by("-finished_on", "code")
    return list(found.values_list("code", flat=True)[:n])


def _agencies(today: dt.date, n: int) -> list[Unit]:
    valid = Q(valid_from__isnull=True) | Q(valid_from__lte=today - dt.timedelta(days=90))
    valid &= Q(valid_to__isnull=True) | Q(valid_to__gte=today)
    return list(Unit.objects.filter(valid, kind=UnitKind.AGENCY).order_by("code")[:n])


class NowStory:
    def __init__(self, today: dt.date) -> None:
        self.today = today
        self.officer = User.objects.get(username="chuyenvien")
        self.inspector = User.objects.get(username="thanhtra")
        self.count = 0
        self.open = 0

    def day(self, offset: int) -> dt.date:
        return _weekday_before(self.today + dt.timedelta(days=offset))

    def visit(self, unit: Unit, offset: int, kind: str = "periodic") -> Inspection:
        self.count += 1
        inspection = services.create_inspection(
            self.officer,
            kind=kind,
            unit=unit,
            date=self.day(offset),
            team=[self.inspector],
            leader=self.inspector,
            decision_number=f"{self.count}/QĐ-ĐKT-{self.today.year}",
        )
        if offset < 0:
            visit_steps.take_step(self.officer, inspection, "notify")
            visit_steps.take_step(self.officer, inspection, "start")
            for item in inspection.content_items:  # the team's checklist, item by item
                services.answer_item(self.inspector, inspection, item, "compliant", "")
        return inspection

    def conclude(self, inspection: Inspection, found: list[tuple[str, str, str, int, str]]) -> None:
        """`found`: (category, severity, text, deadline offset, follow-up: open|reported|closed)."""
        recorded = [
            (
                services.record_finding(
                    self.inspector,
                    inspection,
                    category=category,
                    severity=severity,
                    description=text,
                    dossier_codes=_late_codes(inspection.unit, inspection.date)
                    if category == "sensitive_dossiers"
                    else [],
                ),
                text,
                due,
                follow,
            )
            for category, severity, text, due, follow in found
        ]
        visit_steps.take_step(self.officer, inspection, "conclude")
        all_closed = True
        for finding, text, due, follow in recorded:
            action = services.raise_action(
                self.inspector,
                finding,
                description=f"Khắc phục: {text[0].lower()}{text[1:]}",
                deadline=self.day(due),
            )
            if follow == "open":
                self.open += 1
                all_closed = False
                continue
            head = Profile.objects.filter(role=Role.UNIT_HEAD, unit=inspection.unit).first()
            reporter = head.user if head is not None else self.officer
            proof = ContentFile(b"Bao cao ket qua khac phuc\n", f"khac-phuc-{action.pk}.txt")
            services.report_done(reporter, action, "Đã khắc phục, kèm minh chứng", [proof])
            date_latest_step(action, "report", self.day(-4))
            if follow == "reported":
                all_closed = False
                continue
            services.verify(self.inspector, action, "Đã kiểm tra lại, đạt yêu cầu")
        issued = inspection.date + dt.timedelta(days=7)
        if all_closed:
            visit_steps.take_step(self.officer, inspection, "close")
        backdate(inspection, issued)
        date_steps(inspection, issued, issued + dt.timedelta(days=7))


def build_current_inspections(today: dt.date) -> NowSummary:
    """Add the running half-year's visits (call after the history; it wipes none)."""
    story = NowStory(today)
    commune, land = _head_unit("chutichxa"), _head_unit("truongphong")
    agencies = _agencies(today, 5)
    if commune is not None:
        story.conclude(
            story.visit(commune, -40, "surprise"),
            [
                (
                    "sensitive_dossiers",
                    "correction",
                    "Hồ sơ đất đai trễ hạn chưa có văn bản xin lỗi người dân",
                    -5,
                    "open",
                ),
                (
                    "discipline",
                    "reminder",
                    "Yêu cầu bổ sung hồ sơ nhiều lần, không hướng dẫn một lần đầy đủ",
                    13,
                    "open",
                ),
            ],
        )
    if land is not None:
        story.conclude(
            story.visit(land, -30, "surprise"),
            [
                (
                    "sensitive_dossiers",
                    "serious",
                    "Hồ sơ đăng ký đất đai giải quyết trễ hạn tăng so với cùng kỳ",
                    6,
                    "open",
                ),
                (
                    "publicity",
                    "reminder",
                    "Niêm yết thủ tục hành chính tại Bộ phận một cửa chưa cập nhật",
                    -2,
                    "reported",
                ),
            ],
        )
    for i, agency in enumerate(agencies[:3]):
        found = (
            [] if i else [("directives", "reminder", "Báo cáo CCHC quý gửi chậm", -10, "closed")]
        )
        story.conclude(story.visit(agency, -60 + 20 * i), found)
    coming = 0
    for agency, offset in zip(agencies[3:5], (5, 12), strict=False):
        inspection = story.visit(agency, offset)
        if offset == 5:
            visit_steps.take_step(story.officer, inspection, "notify")
        coming += 1
    for agency in agencies[:2]:  # the same days of last year
        last = story.visit(agency, -365 - 30)
        story.conclude(last, [])
    return NowSummary(story.count, story.open, coming)
