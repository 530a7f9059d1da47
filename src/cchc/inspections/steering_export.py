"""The steering committee's workbook (issue #12, "a home page per role … with an export"): the
overview's period and unit view, in four sheets a secretary can paste into the review report.

- "Tổng quan": the province's figures now and in the same period last year (the overview's
  comparison: while the period runs, only its elapsed part), the inspections dated in the period
  against last year's, and the corrective actions waiting today and overdue.
- "Đơn vị": every unit's figures in the view, the lowest on-time rate first.
- "Kiểm tra": the inspections dated in the period (up to today), with their findings and actions.
- "Khắc phục": the corrective actions not yet closed, the most overdue first.

Figures come from the overview's own functions (web.figures.period_figures), so the workbook and
the page cannot disagree.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator, Sequence
from pathlib import Path

from django.db.models import Count
from django.utils import timezone

from cchc.analytics.freshness import Source
from cchc.core.unit_views import UnitFrame
from cchc.core.units import names_on
from cchc.core.vn_format import vn_date, vn_datetime
from cchc.dossiers.periods import Period
from cchc.dossiers.summary import SummaryRow
from cchc.inspections.models import ActionState, CorrectiveAction, Inspection
from cchc.inspections.steering_overview import inspection_summary
from cchc.inspections.workflow import OPEN_STATES
from cchc.web.figures import PeriodFigures, as_of_context, period_figures
from cchc.web.xlsx_sheet import SheetColumn, Value, add_sheet, new_book, save_temporary

SUMMARY_COLUMNS = [
    SheetColumn("Chỉ tiêu", 44),
    SheetColumn("Kỳ này", 14, "number"),
    SheetColumn("Cùng kỳ năm trước", 18, "number"),
    SheetColumn("Thay đổi", 12, "number"),
]
UNIT_COLUMNS = [
    SheetColumn("Mã đơn vị", 14),
    SheetColumn("Tên đơn vị", 44),
    SheetColumn("Hồ sơ", 10, "number"),
    SheetColumn("Đã giải quyết", 12, "number"),
    SheetColumn("Quá hạn đã xử lý", 12, "number"),
    SheetColumn("Đang quá hạn", 12, "number"),
    SheetColumn("Tỷ lệ đúng hạn", 12, "percent"),
    SheetColumn("Tỷ lệ nộp trực tuyến", 12, "percent"),
]
INSPECTION_COLUMNS = [
    SheetColumn("Ngày kiểm tra", 12),
    SheetColumn("Mã đơn vị", 14),
    SheetColumn("Đơn vị được kiểm tra", 40),
    SheetColumn("Hình thức", 14),
    SheetColumn("Trạng thái", 22),
    SheetColumn("Số quyết định", 16),
    SheetColumn("Tồn tại, hạn chế", 10, "number"),
    SheetColumn("Yêu cầu khắc phục", 10, "number"),
]
ACTION_COLUMNS = [
    SheetColumn("Mã đơn vị", 14),
    SheetColumn("Đơn vị thực hiện", 40),
    SheetColumn("Yêu cầu khắc phục", 60),
    SheetColumn("Hạn khắc phục", 12),
    SheetColumn("Trạng thái", 22),
    SheetColumn("Số ngày quá hạn", 10, "number"),
    SheetColumn("Cuộc kiểm tra", 40),
]


def _figure_rows(figures: PeriodFigures) -> Iterator[Sequence[Value]]:
    for c in figures.compare:
        label = f"{c.label} (%)" if c.is_rate else c.label
        yield [label, *(_shown(v, c.is_rate) for v in (c.now, c.before, c.change))]


def _shown(value: float | int | None, is_rate: bool) -> Value:
    """A rate as a percentage with one decimal (96.6), a count as it is."""
    if value is None:
        return None
    return round(value * 100, 1) if is_rate else value


def _inspection_rows(period: Period, previous: Period, today: dt.date) -> list[Sequence[Value]]:
    s = inspection_summary(today, period, previous)
    now, before, on = s.inspections_now, s.inspections_last, vn_date(today)
    return [
        ["Cuộc kiểm tra", now, before, now - before],
        [f"Yêu cầu khắc phục đang chờ báo cáo ({on})", s.actions_open, None, None],
        [f"— trong đó quá hạn ({on})", s.actions_overdue, None, None],
    ]


def _unit_rows(units: list[SummaryRow]) -> list[Sequence[Value]]:
    ordered = sorted(units, key=lambda r: (r.on_time_rate is None, r.on_time_rate or 0.0))
    return [
        [
            r.group_code,
            r.group_name,
            r.dossiers,
            r.ended,
            r.late,
            r.open_overdue,
            r.on_time_rate,
            r.online_share,
        ]
        for r in ordered
    ]


def _inspections(period: Period, today: dt.date) -> Iterator[Sequence[Value]]:
    until = min(period.end, today)
    found = (
        Inspection.objects.filter(date__gte=period.start, date__lte=until)
        .select_related("unit")
        .annotate(n_findings=Count("findings", distinct=True))
        .annotate(n_actions=Count("findings__actions", distinct=True))
        .order_by("date", "id")
    )
    for i in found:
        name = names_on(i.date).get(i.unit.code, i.unit.name)
        yield [
            i.date,
            i.unit.code,
            name,
            i.get_kind_display(),
            i.get_status_display(),
            i.decision_number,
            i.n_findings,
            i.n_actions,
        ]


def _actions(today: dt.date) -> Iterator[Sequence[Value]]:
    waiting = (
        CorrectiveAction.objects.exclude(state=ActionState.CLOSED)
        .select_related("owner_unit", "finding__inspection__unit")
        .order_by("deadline", "id")
    )
    for a in waiting:
        inspection = a.finding.inspection
        overdue = (today - a.deadline).days if a.state in OPEN_STATES else 0
        yield [
            a.owner_unit.code,
            a.owner_unit.name,
            a.description,
            a.deadline,
            a.get_state_display(),
            max(overdue, 0),
            f"{inspection.get_kind_display()} {inspection.unit.name} {vn_date(inspection.date)}",
        ]


def steering_workbook(period: Period, frame: UnitFrame, source: Source, today: dt.date) -> Path:
    """A temporary XLSX file; the caller deletes it."""
    figures = period_figures(period, None, today=today, source=source, frame=frame)
    previous = figures.previous
    as_of = as_of_context(source)["data_as_of"]
    as_of = timezone.localtime(as_of) if as_of and timezone.is_aware(as_of) else as_of
    running = f" (đến ngày {vn_date(figures.running_to)})" if figures.running_to else ""
    title = [
        "Tổng quan cải cách hành chính — báo cáo Ban Chỉ đạo",
        f"Kỳ: {period.display}{running}, từ {vn_date(period.start)} đến {vn_date(period.end)}",
        f"So với cùng kỳ năm trước: từ {vn_date(previous.start)} đến {vn_date(previous.end)}",
        f"Đơn vị: {frame.view.label}, cơ cấu ngày {vn_date(frame.day)}",
        f"Dữ liệu đến: {vn_datetime(as_of) if as_of else 'chưa có'} · lập ngày {vn_date(today)}",
    ]
    book = new_book()
    summary = [*_figure_rows(figures), *_inspection_rows(period, previous, today)]
    note = "Tỷ lệ tính bằng %; thay đổi của tỷ lệ tính bằng điểm phần trăm."
    add_sheet(book, "Tổng quan", [*title, note], SUMMARY_COLUMNS, summary)
    units = _unit_rows(figures.units)
    add_sheet(book, "Đơn vị", title, UNIT_COLUMNS, units)
    add_sheet(book, "Kiểm tra", title, INSPECTION_COLUMNS, _inspections(period, today))
    waiting_title = [*title[:1], f"Yêu cầu khắc phục chưa kết thúc, ngày {vn_date(today)}"]
    add_sheet(book, "Khắc phục", waiting_title, ACTION_COLUMNS, _actions(today))
    return save_temporary(book, "cchc-steering-")
