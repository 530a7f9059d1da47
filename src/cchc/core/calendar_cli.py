"""`cchc calendar show|override`: the working-day calendar in force, from the command line.

`cchc calendar due` applies the rulebook, so the dossiers app registers it (dossiers/cli_due.py).
"""

from __future__ import annotations

import argparse
import datetime as dt

from cchc.cli import CommandError, Commands
from cchc.core.calendar import WorkingCalendar, load_notices, statutory_days_off
from cchc.core.calendar_db import get_calendar, notices_file
from cchc.core.calendar_impact import impact_messages
from cchc.core.models import AuditEntry, CalendarOverride
from cchc.core.vn_format import vn_date

GROUP_HELP = "Lịch làm việc (working-day calendar)"
WEEKDAYS = ["Thứ Hai", "Thứ Ba", "Thứ Tư", "Thứ Năm", "Thứ Sáu", "Thứ Bảy", "Chủ nhật"]


def register(commands: Commands) -> None:
    p = commands.subcommand(
        "calendar",
        "show",
        "Ngày nghỉ trong tuần và thứ Bảy làm bù của năm, kèm nguồn "
        "(non-working weekdays and worked Saturdays, with their source)",
        show_command,
        group_help=GROUP_HELP,
    )
    p.add_argument("year", metavar="YEAR", type=int)
    p = commands.subcommand(
        "calendar",
        "override",
        "Quản trị: đặt một ngày là ngày nghỉ (off) hoặc ngày làm việc (work), hoặc --remove "
        "(administrators: mark a day off or worked, or remove the override)",
        override_command,
        group_help=GROUP_HELP,
    )
    p.add_argument("date", metavar="DATE", help="YYYY-MM-DD")
    p.add_argument("kind", metavar="off|work", nargs="?", choices=["off", "work"])
    p.add_argument("--notice", default="", help="văn bản (the notice, e.g. 123/TB-BNV)")
    p.add_argument("--note", default="", help="ghi chú (note)")
    p.add_argument("--remove", action="store_true", help="xóa điều chỉnh (remove the override)")


def _day(text: str) -> dt.date:
    try:
        return dt.date.fromisoformat(text)
    except ValueError as exc:
        raise CommandError(f"Ngày không hợp lệ {text!r} (invalid date; use YYYY-MM-DD)") from exc


def _sources(year: int) -> dict[dt.date, str]:
    """Where each special day of `year` comes from, in the order build_calendar applies them."""
    data = load_notices(notices_file())
    sources: dict[dt.date, str] = {}
    notice = next((n for n in data.notices if n.year == year), None)
    if notice is not None:
        for day in notice.days_off | notice.worked_days:
            sources[day] = f"Thông báo {notice.notice}"
    else:
        off, worked = statutory_days_off([year])
        for day in off | worked:
            sources[day] = "Bộ luật Lao động 2019, Điều 112 (gói holidays)"
    for day, note in data.extra_days_off.items():
        sources[day] = note or "Chưa xác nhận (unconfirmed)"
    for o in CalendarOverride.objects.filter(date__year=year):
        text = ", ".join(t for t in (o.notice, o.note) if t)
        sources[o.date] = f"Điều chỉnh của quản trị{': ' + text if text else ''}"
    return sources


def show_command(args: argparse.Namespace) -> int:
    year: int = args.year
    cal = get_calendar()
    try:
        cal.is_working_day(dt.date(year, 1, 1))
    except ValueError as exc:
        raise CommandError(str(exc)) from exc
    sources = _sources(year)
    off, worked = _special_days(cal, year)
    print(f"Lịch làm việc năm {year} (working calendar)")
    print(f"\nNgày nghỉ trong tuần (non-working weekdays): {len(off)}")
    for day in off:
        print(f"  {WEEKDAYS[day.weekday()]:<8} {vn_date(day)}  {sources.get(day, '')}")
    print(f"\nThứ Bảy, Chủ nhật làm việc (worked weekend days): {len(worked)}")
    for day in worked:
        print(f"  {WEEKDAYS[day.weekday()]:<8} {vn_date(day)}  {sources.get(day, '')}")
    return 0


def _special_days(cal: WorkingCalendar, year: int) -> tuple[list[dt.date], list[dt.date]]:
    first = dt.date(year, 1, 1)
    days = [first + dt.timedelta(days=i) for i in range((dt.date(year + 1, 1, 1) - first).days)]
    off = [d for d in days if d.weekday() < 5 and not cal.is_working_day(d)]
    worked = [d for d in days if d.weekday() >= 5 and cal.is_working_day(d)]
    return off, worked


def override_command(args: argparse.Namespace) -> int:
    day = _day(args.date)
    existing = CalendarOverride.objects.filter(date=day).first()
    before = None if existing is None else {"kind": existing.kind, "notice": existing.notice}
    if args.remove:
        if args.kind:
            raise CommandError("Dùng off|work hoặc --remove, không cả hai (not both)")
        if existing is None:
            raise CommandError(f"Không có điều chỉnh cho ngày {vn_date(day)} (no override)")
        existing.delete()
        _audit("calendar_override_remove", day, before, None)
        print(f"Đã xóa điều chỉnh ngày {vn_date(day)} (override removed)")
        _print_impact(day)
        return 0
    if not args.kind:
        raise CommandError("Cần off, work hoặc --remove (give off, work or --remove)")
    kind = (
        CalendarOverride.Kind.DAY_OFF if args.kind == "off" else CalendarOverride.Kind.WORKING_DAY
    )
    CalendarOverride.objects.update_or_create(
        date=day, defaults={"kind": kind, "notice": args.notice, "note": args.note}
    )
    _audit("calendar_override", day, before, {"kind": str(kind), "notice": args.notice})
    label = "ngày nghỉ (day off)" if args.kind == "off" else "ngày làm việc (working day)"
    print(f"Ngày {vn_date(day)} là {label}")
    _print_impact(day)
    return 0


def _print_impact(day: dt.date) -> None:
    """What the change affects beyond the calendar (core/calendar_impact.py)."""
    for message in impact_messages({day}):
        print(message)


def _audit(action: str, day: dt.date, before: object, after: object) -> None:
    AuditEntry.objects.create(
        action=action,
        object_type="CalendarOverride",
        object_id=day.isoformat(),
        before=before,
        after=after,
    )
