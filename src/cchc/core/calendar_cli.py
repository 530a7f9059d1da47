"""`cchc calendar due|show|override`: the working-day calendar in force, from the command line."""

from __future__ import annotations

import argparse
import datetime as dt
import re

import numpy as np

from cchc.cli import CommandError, Commands
from cchc.core.calendar import WorkingCalendar, load_notices, statutory_days_off
from cchc.core.calendar_db import get_calendar, notices_file
from cchc.core.models import AuditEntry, CalendarOverride
from cchc.core.vn_format import vn_date
from cchc.dossiers.rulebook.timing import LimitUnit, TimingInputs, statutory_due_dates

GROUP_HELP = "Lịch làm việc (working-day calendar)"
WEEKDAYS = ["Thứ Hai", "Thứ Ba", "Thứ Tư", "Thứ Năm", "Thứ Sáu", "Thứ Bảy", "Chủ nhật"]
_RECEIVED = re.compile(r"^(\d{4}-\d{2}-\d{2})(?:[T ](\d{2}):(\d{2}))?$")
_CLOCK = re.compile(r"^(\d{1,2}):(\d{2})$")


def register(commands: Commands) -> None:
    p = commands.subcommand(
        "calendar",
        "due",
        "Hạn giải quyết của hồ sơ tiếp nhận hợp lệ ngày DATE, thời hạn DAYS ngày làm việc "
        "(due date of a dossier received on DATE with a limit of DAYS working days)",
        due_command,
        group_help=GROUP_HELP,
    )
    p.add_argument("date", metavar="DATE", help="YYYY-MM-DD, hoặc YYYY-MM-DDTHH:MM với --cutoff")
    p.add_argument("days", metavar="DAYS", help="số ngày làm việc (working days)")
    p.add_argument("--cutoff", metavar="HH:MM", help="giờ tiếp nhận cuối ngày (cut-off time)")
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


def due_command(args: argparse.Namespace) -> int:
    match = _RECEIVED.match(args.date.strip())
    if not match:
        raise CommandError(
            f"Ngày tiếp nhận không hợp lệ {args.date!r} "
            "(invalid receipt date; use YYYY-MM-DD or YYYY-MM-DDTHH:MM)"
        )
    received = _day(match.group(1))
    minute = -1
    if match.group(2) is not None:
        hour, mins = int(match.group(2)), int(match.group(3))
        if hour > 23 or mins > 59:
            raise CommandError(f"Giờ không hợp lệ {args.date!r} (invalid time)")
        minute = hour * 60 + mins
    cutoff = -1
    if args.cutoff:
        clock = _CLOCK.match(args.cutoff.strip())
        if not clock or int(clock.group(1)) > 23 or int(clock.group(2)) > 59:
            raise CommandError(
                f"Giờ cuối ngày không hợp lệ {args.cutoff!r} (invalid cut-off; HH:MM)"
            )
        if minute < 0:
            raise CommandError(
                "--cutoff cần giờ tiếp nhận: DATE dạng YYYY-MM-DDTHH:MM "
                "(--cutoff needs the time of receipt)"
            )
        cutoff = int(clock.group(1)) * 60 + int(clock.group(2))
    try:
        days = float(args.days)
    except ValueError:
        days = float("nan")
    if not days >= 0:
        raise CommandError(f"Số ngày không hợp lệ {args.days!r} (invalid number of working days)")
    inputs = TimingInputs(
        received_on=np.array([received], dtype="datetime64[D]"),
        received_minute=np.array([minute], dtype=np.int64),
        time_limit=np.array([days]),
        limit_unit=np.array([LimitUnit.WORKING_DAYS], dtype=np.int64),
        cutoff_minute=np.array([cutoff], dtype=np.int64),
        source_due_on=np.array([np.datetime64("NaT")], dtype="datetime64[D]"),
        paused_days=np.array([0], dtype=np.int64),
        finished_on=np.array([np.datetime64("NaT")], dtype="datetime64[D]"),
        supplement_requests=np.array([0], dtype=np.int64),
        apology_issued=np.array([-1], dtype=np.int8),
    )
    try:
        due = statutory_due_dates(inputs, get_calendar())[0]
    except ValueError as exc:
        raise CommandError(str(exc)) from exc
    print(str(due.astype("datetime64[D]")))
    return 0


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
    return 0


def _audit(action: str, day: dt.date, before: object, after: object) -> None:
    AuditEntry.objects.create(
        action=action,
        object_type="CalendarOverride",
        object_id=day.isoformat(),
        before=before,
        after=after,
    )
