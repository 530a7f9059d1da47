"""`cchc dossiers summary` and `cchc dossiers late`: read-only views over imported dossiers."""

from __future__ import annotations

import argparse
import datetime as dt
import sys
from collections.abc import Collection
from dataclasses import replace
from typing import Any

from cchc.cli import CommandError, Commands
from cchc.core.vn_format import vn_date, vn_number
from cchc.dossiers.late import FLAGS, ORDERS, LateFilter, LateRow, late_dossiers
from cchc.dossiers.output import (
    FORMATS,
    Column,
    records,
    render_csv,
    render_json,
    render_table,
)
from cchc.dossiers.periods import Period, parse_date, resolve_period
from cchc.dossiers.rulebook.period import reference_date
from cchc.dossiers.summary import GROUPINGS, SummaryRow, summarise, total_of

GROUP_HELP = "Hồ sơ thủ tục hành chính (dossiers)"
# grouping → (code column, Vietnamese header, name column or None)
GROUP_COLUMNS: dict[str | None, tuple[str, str, str | None]] = {
    None: ("period", "Kỳ", None),
    "unit": ("unit_code", "Mã đơn vị", "unit_name"),
    "sector": ("sector", "Lĩnh vực", None),
    "procedure": ("procedure_code", "Mã thủ tục", "procedure_name"),
    "month": ("month", "Tháng", None),
    "channel": ("channel", "Kênh", "channel_name"),
}
NAME_WIDTH = 40


def _attr(name: str) -> Any:
    return lambda row: getattr(row, name)


SUMMARY_COLUMNS = [
    Column("dossiers", "Số hồ sơ", _attr("dossiers"), "int"),
    Column("ended", "Đã giải quyết", _attr("ended"), "int"),
    Column("early", "Trước hạn", _attr("early"), "int"),
    Column("on_time", "Đúng hạn", _attr("on_time"), "int"),
    Column("late", "Quá hạn", _attr("late"), "int"),
    Column("open_in_time", "Còn hạn", _attr("open_in_time"), "int"),
    Column("open_due_soon", "Sắp đến hạn", _attr("open_due_soon"), "int"),
    Column("open_overdue", "Đang quá hạn", _attr("open_overdue"), "int"),
    Column("late_rate", "Tỷ lệ trễ hạn", _attr("late_rate"), "rate"),
    Column("on_time_rate", "Tỷ lệ đúng hạn", _attr("on_time_rate"), "rate"),
    Column("online_share", "Tỷ lệ trực tuyến", _attr("online_share"), "rate"),
]
# The official report's columns (Circular 01/2018/TT-VPCP, Circular 03/2025/TT-VPCP reporting form)
REPORT_COLUMNS = [
    Column("received_total", "Tổng số nhận", _attr("received_total"), "int"),
    Column("received_online", "Nhận trực tuyến", _attr("received_online"), "int"),
    Column("received_in_person", "Nhận trực tiếp", _attr("received_in_person"), "int"),
    Column("received_postal", "Nhận qua bưu chính", _attr("received_postal"), "int"),
    Column("carried_over", "Kỳ trước chuyển qua", _attr("carried_over"), "int"),
    Column("solved_total", "Đã giải quyết", _attr("ended"), "int"),
    Column("solved_early", "Trước hạn", _attr("early"), "int"),
    Column("solved_on_time", "Đúng hạn", _attr("on_time"), "int"),
    Column("solved_late", "Quá hạn", _attr("late"), "int"),
    Column("in_process_total", "Đang giải quyết", _attr("in_process"), "int"),
    Column("in_process_not_yet_due", "Chưa đến hạn", _attr("not_yet_due"), "int"),
    Column("in_process_overdue", "Đang quá hạn", _attr("open_overdue"), "int"),
]
LATE_COLUMNS = [
    Column("code", "Mã hồ sơ", _attr("code")),
    Column("unit_code", "Mã đơn vị", _attr("unit_code")),
    Column("procedure_code", "Mã thủ tục", _attr("procedure_code")),
    Column("channel", "Kênh", _attr("channel")),
    Column("received_on", "Ngày tiếp nhận", _attr("received_on"), "date"),
    Column("deadline_on", "Hạn trả", _attr("deadline_on"), "date"),
    Column("statutory_due_on", "Hạn theo quy định", _attr("statutory_due_on"), "date"),
    Column("finished_on", "Ngày kết thúc", _attr("finished_on"), "date"),
    Column("days_late", "Số ngày trễ", _attr("days_late"), "int"),
    Column("status", "Tình trạng", _attr("status_label")),
    Column("flags", "Dấu hiệu", _attr("flags"), "list"),
]


def register(commands: Commands) -> None:
    p = commands.subcommand(
        "dossiers",
        "summary",
        "Tổng hợp kết quả giải quyết hồ sơ theo kỳ (summary of outcomes for a period)",
        summary_command,
        group_help=GROUP_HELP,
    )
    _period_arguments(p)
    p.add_argument("--by", choices=list(GROUPINGS), help="nhóm theo (group by)")
    p.add_argument(
        "--layout",
        choices=["default", "report"],
        default="default",
        help="report: các cột của mẫu báo cáo (the official report's columns)",
    )
    p = commands.subcommand(
        "dossiers",
        "late",
        "Danh sách hồ sơ trễ hạn và đang quá hạn (late and overdue dossiers)",
        late_command,
        group_help=GROUP_HELP,
    )
    _period_arguments(p)
    p.add_argument(
        "--limit", type=int, metavar="N", default=100, help="số dòng tối đa (rows, default 100)"
    )
    p.add_argument(
        "--offset", type=int, metavar="N", default=0, help="bỏ qua N dòng đầu (skip N rows)"
    )
    p.add_argument("--order", choices=list(ORDERS), default="-days_late", help="thứ tự (order)")
    p.add_argument("--flag", choices=list(FLAGS), help="chỉ hồ sơ có dấu hiệu này (only this flag)")


def _period_arguments(p: argparse.ArgumentParser) -> None:
    p.add_argument("--period", metavar="P", help="kỳ: 2024, 2024-H1, 2024-Q3, 2024-06")
    p.add_argument("--from", dest="date_from", metavar="D", help="từ ngày (from, YYYY-MM-DD)")
    p.add_argument("--to", dest="date_to", metavar="D", help="đến ngày (to, YYYY-MM-DD)")
    p.add_argument(
        "--unit",
        metavar="CODE",
        help="mã đơn vị, gồm cả đơn vị cấp dưới (unit code, with units below)",
    )
    p.add_argument("--format", choices=FORMATS, default="table", help="table, csv, json")
    p.add_argument(
        "--as-of", metavar="D", help="ngày tham chiếu thay cho hôm nay (reference day, YYYY-MM-DD)"
    )


def _common(args: argparse.Namespace) -> tuple[Period, Collection[str] | None, dt.date]:
    try:
        period = resolve_period(args.period, args.date_from, args.date_to)
        today = parse_date(args.as_of) if args.as_of else dt.date.today()
    except ValueError as exc:
        raise CommandError(str(exc)) from exc
    return period, _unit_scope(args.unit, period.end), today


def _unit_scope(code: str | None, day: dt.date) -> Collection[str] | None:
    """The unit and the units below it as of `day`."""
    if code is None:
        return None
    from cchc.core.units import UnknownUnit, descendants_codes

    try:
        return descendants_codes(code, day)
    except UnknownUnit as exc:
        raise CommandError(str(exc)) from exc


def _heading(title: str, period: Period, reference: dt.date, unit: str | None) -> str:
    scope = f" — đơn vị {unit} và cấp dưới" if unit else ""
    judged = f"đánh giá hồ sơ đang giải quyết đến {vn_date(reference)}"
    return f"{title} — {period.display}{scope} ({judged})\n\n"


def summary_command(args: argparse.Namespace) -> int:
    period, units, today = _common(args)
    rows = summarise(period, by=args.by, unit_codes=units, as_of=today)
    code, header, name = GROUP_COLUMNS[args.by]
    total: SummaryRow | None = replace(total_of(rows), group_code="Tổng cộng", group_name="")
    if args.by is None:
        rows = [replace(rows[0], group_code=period.label)]
        total = None
    first = [Column(code, header, _attr("group_code"))]
    if name is not None:
        first.append(Column(name, "Tên", lambda r: r.group_name))
    values = REPORT_COLUMNS if args.layout == "report" else SUMMARY_COLUMNS
    reference = reference_date(period.end, today)
    if args.format == "csv":
        sys.stdout.write(render_csv([*first, *values], rows))
    elif args.format == "json":
        document = {
            "period": {"label": period.label, "start": period.start, "end": period.end},
            "reference_date": reference,
            "unit": args.unit,
            "by": args.by,
            "rows": records([*first, *values], rows),
            "total": records(values, [total])[0] if total else None,
        }
        sys.stdout.write(render_json(_iso(document)))
    else:
        shown = [*first]
        if name is not None:
            shown[1] = Column(name, "Tên", lambda r: _short(r.group_name))
        title = "Tình hình giải quyết hồ sơ TTHC"
        sys.stdout.write(_heading(title, period, reference, args.unit))
        sys.stdout.write(render_table([*shown, *values], rows, footer=total))
    return 0


def late_command(args: argparse.Namespace) -> int:
    period, units, today = _common(args)
    if args.limit < 1 or args.offset < 0:
        raise CommandError("--limit phải ≥ 1 và --offset ≥ 0 (--limit must be ≥ 1, --offset ≥ 0)")
    rows, total = late_dossiers(
        period,
        LateFilter(unit_codes=units, flag=args.flag),
        order=args.order,
        offset=args.offset,
        limit=args.limit,
        as_of=today,
    )
    reference = reference_date(period.end, today)
    if args.format == "csv":
        sys.stdout.write(render_csv(LATE_COLUMNS, rows))
    elif args.format == "json":
        document = {
            "period": {"label": period.label, "start": period.start, "end": period.end},
            "reference_date": reference,
            "unit": args.unit,
            "total": total,
            "offset": args.offset,
            "rows": records(LATE_COLUMNS, rows),
        }
        sys.stdout.write(render_json(_iso(document)))
    else:
        title = "Hồ sơ trễ hạn và đang quá hạn"
        sys.stdout.write(_heading(title, period, reference, args.unit))
        shown = [*LATE_COLUMNS[:-1], Column("flags", "Dấu hiệu", _flag_labels, "list")]
        sys.stdout.write(render_table(shown, rows))
        first = args.offset + 1 if rows else 0
        sys.stdout.write(
            f"\nTổng số: {vn_number(total)} hồ sơ; hiển thị {vn_number(first)}–"
            f"{vn_number(args.offset + len(rows))} (total; shown). "
            "Số ngày trễ tính theo ngày làm việc (working days).\n"
        )
    return 0


def _flag_labels(row: LateRow) -> list[str]:
    return [FLAGS[f] for f in row.flags]


def _short(text: str) -> str:
    return text if len(text) <= NAME_WIDTH else text[: NAME_WIDTH - 1] + "…"


def _iso(value: Any) -> Any:
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, dict):
        return {k: _iso(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_iso(v) for v in value]
    return value
