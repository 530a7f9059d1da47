"""`cchc dossiers summary`: the period summary through the analytics gateway (the store when it
holds the latest import, else the system database), so the command gives the pages' figures.

`--view as-was` (default) shows each dossier under the unit that handled it, named as on the
period's last day; `--view as-is` rolls old units up onto today's (core/unit_views.py)."""

from __future__ import annotations

import argparse
import sys
from dataclasses import replace

from cchc.analytics.gateway import Analytics
from cchc.cli import Commands
from cchc.core.unit_views import unit_frame
from cchc.dossiers.cli_views import (
    GROUP_HELP,
    attr,
    heading,
    iso,
    members,
    period_and_today,
    period_arguments,
    short,
    view_argument,
    view_of,
)
from cchc.dossiers.output import Column, records, render_csv, render_json, render_table
from cchc.dossiers.rulebook.period import reference_date
from cchc.dossiers.summary import GROUPINGS, SummaryRow, regroup, total_of

# grouping → (code column, Vietnamese header, name column or None)
GROUP_COLUMNS: dict[str | None, tuple[str, str, str | None]] = {
    None: ("period", "Kỳ", None),
    "unit": ("unit_code", "Mã đơn vị", "unit_name"),
    "sector": ("sector", "Lĩnh vực", None),
    "procedure": ("procedure_code", "Mã thủ tục", "procedure_name"),
    "month": ("month", "Tháng", None),
    "channel": ("channel", "Kênh", "channel_name"),
}

SUMMARY_COLUMNS = [
    Column("dossiers", "Số hồ sơ", attr("dossiers"), "int"),
    Column("ended", "Đã giải quyết", attr("ended"), "int"),
    Column("early", "Trước hạn", attr("early"), "int"),
    Column("on_time", "Đúng hạn", attr("on_time"), "int"),
    Column("late", "Quá hạn", attr("late"), "int"),
    Column("open_in_time", "Còn hạn", attr("open_in_time"), "int"),
    Column("open_due_soon", "Sắp đến hạn", attr("open_due_soon"), "int"),
    Column("open_overdue", "Đang quá hạn", attr("open_overdue"), "int"),
    Column("late_rate", "Tỷ lệ trễ hạn", attr("late_rate"), "rate"),
    Column("on_time_rate", "Tỷ lệ đúng hạn", attr("on_time_rate"), "rate"),
    Column("online_share", "Tỷ lệ trực tuyến", attr("online_share"), "rate"),
]
# Counted apart (rulebook/status.py): received in the period, out of every column above.
APART_COLUMNS = [
    Column("withdrawn", "Rút hồ sơ", attr("withdrawn"), "int"),
    Column("returned_unprocessed", "Trả lại, dừng xử lý", attr("returned_unprocessed"), "int"),
    Column("refused_at_intake", "Không được tiếp nhận", attr("refused_at_intake"), "int"),
    Column("not_received", "Chưa tiếp nhận", attr("not_received"), "int"),
]
SUMMARY_COLUMNS += APART_COLUMNS
# The official report's columns (Circular 01/2018/TT-VPCP, Circular 03/2025/TT-VPCP reporting form)
REPORT_COLUMNS = [
    Column("received_total", "Tổng số nhận", attr("received_total"), "int"),
    Column("received_online", "Nhận trực tuyến", attr("received_online"), "int"),
    Column("received_in_person", "Nhận trực tiếp", attr("received_in_person"), "int"),
    Column("received_postal", "Nhận qua bưu chính", attr("received_postal"), "int"),
    Column("carried_over", "Kỳ trước chuyển qua", attr("carried_over"), "int"),
    Column("solved_total", "Đã giải quyết", attr("ended"), "int"),
    Column("solved_early", "Trước hạn", attr("early"), "int"),
    Column("solved_on_time", "Đúng hạn", attr("on_time"), "int"),
    Column("solved_late", "Quá hạn", attr("late"), "int"),
    Column("in_process_total", "Đang giải quyết", attr("in_process"), "int"),
    Column("in_process_not_yet_due", "Chưa đến hạn", attr("not_yet_due"), "int"),
    Column("in_process_overdue", "Đang quá hạn", attr("open_overdue"), "int"),
    *APART_COLUMNS,
]


def register(commands: Commands) -> None:
    p = commands.subcommand(
        "dossiers",
        "summary",
        "Tổng hợp kết quả giải quyết hồ sơ theo kỳ (summary of outcomes for a period)",
        summary_command,
        group_help=GROUP_HELP,
    )
    period_arguments(p)
    view_argument(p)
    p.add_argument("--by", choices=list(GROUPINGS), help="nhóm theo (group by)")
    p.add_argument(
        "--layout",
        choices=["default", "report"],
        default="default",
        help="report: các cột của mẫu báo cáo (the official report's columns)",
    )


def summary_command(args: argparse.Namespace) -> int:
    view = view_of(args.view)
    period, today = period_and_today(args)
    frame = unit_frame(view, period.end, today)
    units = members(args.unit, frame)
    rows = Analytics.current().summarise(period, args.by, units, today)
    if args.by == "unit":
        rows = regroup(rows, frame)
    code, header, name = GROUP_COLUMNS[args.by]
    total: SummaryRow | None = replace(total_of(rows), group_code="Tổng cộng", group_name="")
    if args.by is None:
        rows = [replace(rows[0], group_code=period.label)]
        total = None
    first = [Column(code, header, attr("group_code"))]
    if name is not None:
        first.append(Column(name, "Tên", lambda r: r.group_name))
    values = REPORT_COLUMNS if args.layout == "report" else SUMMARY_COLUMNS
    reference = reference_date(period.end, today)
    in_view = Column("units", "Cách xem đơn vị", lambda _r: view.slug)
    if args.format == "csv":
        sys.stdout.write(render_csv([*first, in_view, *values], rows))
    elif args.format == "json":
        document = {
            "period": {"label": period.label, "start": period.start, "end": period.end},
            "reference_date": reference,
            "units": view.slug,
            "units_day": frame.day,
            "unit": args.unit,
            "by": args.by,
            "rows": records([*first, *values], rows),
            "total": records(values, [total])[0] if total else None,
        }
        sys.stdout.write(render_json(iso(document)))
    else:
        shown = [*first]
        if name is not None:
            shown[1] = Column(name, "Tên", lambda r: short(r.group_name))
        title = "Tình hình giải quyết hồ sơ TTHC"
        sys.stdout.write(heading(title, period, reference, args.unit, frame))
        sys.stdout.write(render_table([*shown, *values], rows, footer=total))
    return 0
