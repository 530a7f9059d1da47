"""`cchc dossiers late`, and what the dossier views share (`dossiers summary` is the analytics
app's: it reads through the gateway)."""

from __future__ import annotations

import argparse
import datetime as dt
import sys
from collections.abc import Collection
from typing import Any

from cchc.cli import CommandError, Commands
from cchc.core.unit_views import VIEW_HELP, UnitFrame, UnitView, parse_view, unit_frame
from cchc.core.units import names_on
from cchc.core.vn_format import vn_date, vn_number
from cchc.dossiers.late import COUNTS, FLAGS, ORDERS, STATES, LateFilter, late_dossiers
from cchc.dossiers.late_names import LateNames, channel_label
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

GROUP_HELP = "Hồ sơ thủ tục hành chính (dossiers)"
NAME_WIDTH = 40


def attr(name: str) -> Any:
    return lambda row: getattr(row, name)


def late_columns(names: LateNames) -> list[Column]:
    """Codes and names side by side (CSV and JSON keep both; the table shows names, shortened,
    with the codes in their own columns), each row's reasons in Vietnamese."""
    return [
        Column("code", "Mã hồ sơ", attr("code")),
        Column("unit_code", "Mã đơn vị", attr("unit_code")),
        Column("unit_name", "Tên đơn vị", lambda r: names.unit(r.unit_code)),
        Column("procedure_code", "Mã thủ tục", attr("procedure_code")),
        Column("procedure_name", "Tên thủ tục", lambda r: names.procedure(r.procedure_code)),
        Column("channel", "Kênh", attr("channel")),
        Column("received_on", "Ngày tiếp nhận", attr("received_on"), "date"),
        Column("deadline_on", "Hạn trả", attr("deadline_on"), "date"),
        Column("statutory_due_on", "Hạn theo quy định", attr("statutory_due_on"), "date"),
        Column("finished_on", "Ngày kết thúc", attr("finished_on"), "date"),
        Column("days_late", "Số ngày trễ", attr("days_late"), "int"),
        Column("status", "Tình trạng", attr("status_label")),
        Column("flags", "Dấu hiệu", attr("flags"), "list"),
        Column("reasons", "Lý do trễ hạn", attr("reasons_text")),
    ]


def table_columns(names: LateNames) -> list[Column]:
    """The terminal's columns: names shortened, channel and flags by their labels."""
    return [
        Column("code", "Mã hồ sơ", attr("code")),
        Column("unit", "Đơn vị", lambda r: short(names.unit(r.unit_code))),
        Column("procedure", "Thủ tục", lambda r: short(names.procedure(r.procedure_code))),
        Column("channel", "Kênh", lambda r: channel_label(r.channel)),
        Column("received_on", "Tiếp nhận", attr("received_on"), "date"),
        Column("deadline_on", "Hạn trả", attr("deadline_on"), "date"),
        Column("finished_on", "Kết thúc", attr("finished_on"), "date"),
        Column("days_late", "Số ngày trễ", attr("days_late"), "int"),
        Column("status", "Tình trạng", attr("status_label")),
        Column("reasons", "Lý do trễ hạn", attr("reasons_text")),
    ]


def register(commands: Commands) -> None:
    p = commands.subcommand(
        "dossiers",
        "late",
        "Danh sách hồ sơ trễ hạn và đang quá hạn (late and overdue dossiers)",
        late_command,
        group_help=GROUP_HELP,
    )
    period_arguments(p)
    p.add_argument(
        "--limit", type=int, metavar="N", default=100, help="số dòng tối đa (rows, default 100)"
    )
    p.add_argument(
        "--offset", type=int, metavar="N", default=0, help="bỏ qua N dòng đầu (skip N rows)"
    )
    p.add_argument("--order", choices=list(ORDERS), default="-days_late", help="thứ tự (order)")
    p.add_argument("--flag", choices=list(FLAGS), help="chỉ hồ sơ có dấu hiệu này (only this flag)")
    p.add_argument(
        "--state",
        choices=list(STATES),
        help="ended: chỉ hồ sơ quá hạn đã xử lý; open: chỉ hồ sơ đang quá hạn (only ended / open)",
    )
    p.add_argument(
        "--count",
        type=count_name,
        metavar="NAME",
        help="thay danh sách trễ hạn bằng các hồ sơ của một số liệu tổng hợp, ví dụ ended (đã "
        f"giải quyết), dossiers (trong kỳ): {', '.join(COUNTS)} (the dossiers of one figure)",
    )
    view_argument(p)


def count_name(value: str) -> str:
    """A summary count's name (late.COUNTS), else refused naming it (argparse prints it)."""
    if value not in COUNTS:
        raise argparse.ArgumentTypeError(
            f"số liệu không hợp lệ {value!r}: dùng {', '.join(COUNTS)} (invalid count)"
        )
    return value


def period_arguments(p: argparse.ArgumentParser) -> None:
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


def period_and_today(args: argparse.Namespace) -> tuple[Period, dt.date]:
    try:
        today = parse_date(args.as_of) if args.as_of else dt.date.today()
        period = resolve_period(args.period, args.date_from, args.date_to, today)
    except ValueError as exc:
        raise CommandError(str(exc)) from exc
    return period, today


def view_argument(p: argparse.ArgumentParser) -> None:
    """`--view as-was|as-is` (docs/units.md, "two views"); read with `view_of`."""
    p.add_argument(
        "--view",
        metavar="as-was|as-is",
        help=f"cách xem đơn vị (unit view): as-was, mặc định — {VIEW_HELP[UnitView.AS_WAS]};"
        f" as-is — {VIEW_HELP[UnitView.AS_IS]}",
    )


def view_of(text: str | None) -> UnitView:
    try:
        return parse_view(text)
    except ValueError as exc:
        raise CommandError(str(exc)) from exc


def members(code: str | None, frame: UnitFrame) -> Collection[str] | None:
    """The dossier unit codes that count for `code` and the units below it in the frame's view
    (as is: with every unit that became one of them)."""
    if code is None:
        return None
    from cchc.core.units import UnknownUnit

    try:
        return frame.members(code)
    except UnknownUnit as exc:
        raise CommandError(str(exc)) from exc


def view_line(frame: UnitFrame) -> str:
    """The view a figure is in, for a heading: "Đơn vị (units): … — cơ cấu ngày 31/12/2024"."""
    return f"Đơn vị (units): {frame.view.label}, cơ cấu ngày {vn_date(frame.day)}"


def heading(
    title: str, period: Period, reference: dt.date, unit: str | None, frame: UnitFrame | None = None
) -> str:
    units = f" — {unit_label(unit, frame.day if frame else period.end)} và cấp dưới" if unit else ""
    judged = f"đánh giá hồ sơ đang giải quyết đến {vn_date(reference)}"
    view = f"{view_line(frame)}\n" if frame is not None else ""
    return f"{title} — {period.display}{units} ({judged})\n{view}\n"


def unit_label(code: str, day: dt.date) -> str:
    """ "Xã Kim Long (vn34-26608)": the unit's name on `day`, its code in brackets."""
    name = names_on(day).get(code)
    return f"{name} ({code})" if name else f"đơn vị {code}"


def late_command(args: argparse.Namespace) -> int:
    view = view_of(args.view)
    period, today = period_and_today(args)
    frame = unit_frame(view, period.end, today)
    units = members(args.unit, frame)
    if args.limit < 1 or args.offset < 0:
        raise CommandError("--limit phải ≥ 1 và --offset ≥ 0 (--limit must be ≥ 1, --offset ≥ 0)")
    rows, total = late_dossiers(
        period,
        LateFilter(unit_codes=units, flag=args.flag, state=args.state, count=args.count),
        order=args.order,
        offset=args.offset,
        limit=args.limit,
        as_of=today,
    )
    reference = reference_date(period.end, today)
    names = LateNames(frame, period.end, {r.procedure_code for r in rows})
    if args.format == "csv":
        sys.stdout.write(render_csv(late_columns(names), rows))
    elif args.format == "json":
        document = {
            "period": {"label": period.label, "start": period.start, "end": period.end},
            "reference_date": reference,
            "unit": args.unit,
            "units": frame.view.slug,
            "units_day": frame.day,
            "total": total,
            "offset": args.offset,
            "rows": records(late_columns(names), rows),
        }
        sys.stdout.write(render_json(iso(document)))
    else:
        title = COUNTS[args.count] if args.count else "Hồ sơ trễ hạn và đang quá hạn"
        sys.stdout.write(heading(title, period, reference, args.unit, frame))
        sys.stdout.write(render_table(table_columns(names), rows))
        first = args.offset + 1 if rows else 0
        sys.stdout.write(
            f"\nTổng số: {vn_number(total)} hồ sơ; hiển thị {vn_number(first)}–"
            f"{vn_number(args.offset + len(rows))} (total; shown). "
            "Số ngày trễ tính theo ngày làm việc (working days).\n"
        )
    return 0


def short(text: str) -> str:
    return text if len(text) <= NAME_WIDTH else text[: NAME_WIDTH - 1] + "…"


def iso(value: Any) -> Any:
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, dict):
        return {k: iso(v) for k, v in value.items()}
    if isinstance(value, list):
        return [iso(v) for v in value]
    return value
