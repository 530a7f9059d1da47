"""`cchc calendar due DATE[THH:MM] DAYS [--cutoff HH:MM]`: the rulebook's receipt and due-date
rules for one dossier, with the calendar in force (thin: parse, call the rule, print)."""

from __future__ import annotations

import argparse
import datetime as dt
import re

import numpy as np

from cchc.cli import CommandError, Commands
from cchc.core.calendar_cli import GROUP_HELP, WEEKDAYS
from cchc.core.calendar_db import get_calendar
from cchc.dossiers.rulebook.timing import (
    LimitUnit,
    TimingInputs,
    deemed_receipt,
    first_counted_day,
    statutory_due_dates,
)

_RECEIVED = re.compile(r"^(\d{4}-\d{2}-\d{2})(?:[T ](\d{2}):(\d{2}))?$")
_CLOCK = re.compile(r"^(\d{1,2}):(\d{2})$")
NAT = np.datetime64("NaT", "D")


def register(commands: Commands) -> None:
    p = commands.subcommand(
        "calendar",
        "due",
        "Ngày tiếp nhận hợp lệ, ngày thứ 1 và hạn giải quyết của hồ sơ tiếp nhận lúc DATE, thời "
        "hạn DAYS ngày làm việc (deemed receipt, day 1 and due date of a dossier received at "
        "DATE with a limit of DAYS working days)",
        due_command,
        group_help=GROUP_HELP,
    )
    p.add_argument(
        "date", metavar="DATE", help="YYYY-MM-DD hoặc YYYY-MM-DDTHH:MM (receipt date and time)"
    )
    p.add_argument("days", metavar="DAYS", help="số ngày làm việc (working days)")
    p.add_argument(
        "--cutoff",
        metavar="HH:MM",
        help="giờ tiếp nhận cuối ngày của thủ tục, nếu có (the procedure's cut-off time)",
    )


def _minute(text: str, what: str, english: str) -> int:
    match = _CLOCK.match(text)
    if not match or int(match.group(1)) > 23 or int(match.group(2)) > 59:
        raise CommandError(f"{what} không hợp lệ {text!r} ({english}; use HH:MM)")
    return int(match.group(1)) * 60 + int(match.group(2))


def _receipt(text: str) -> tuple[dt.date, int]:
    match = _RECEIVED.match(text.strip())
    if not match:
        raise CommandError(
            f"Ngày tiếp nhận không hợp lệ {text!r} "
            "(invalid receipt date; use YYYY-MM-DD or YYYY-MM-DDTHH:MM)"
        )
    try:
        day = dt.date.fromisoformat(match.group(1))
    except ValueError as exc:
        raise CommandError(f"Ngày không hợp lệ {text!r} (invalid date)") from exc
    if match.group(2) is None:
        return day, -1
    return day, _minute(
        f"{match.group(2)}:{match.group(3)}", "Giờ tiếp nhận", "invalid time of receipt"
    )


def _line(label: str, day: np.datetime64) -> str:
    date = dt.date.fromisoformat(str(day.astype("datetime64[D]")))
    return f"{label:<40} {WEEKDAYS[date.weekday()]}, {date:%d/%m/%Y}"


def due_command(args: argparse.Namespace) -> int:
    received, minute = _receipt(args.date)
    cutoff = -1
    if args.cutoff:
        cutoff = _minute(args.cutoff.strip(), "Giờ cuối ngày", "invalid cut-off")
        if minute < 0:
            raise CommandError(
                "--cutoff cần giờ tiếp nhận: DATE dạng YYYY-MM-DDTHH:MM "
                "(--cutoff needs the time of receipt)"
            )
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
        source_due_on=np.array([NAT]),
        paused_days=np.array([0], dtype=np.int64),
        finished_on=np.array([NAT]),
        supplement_requests=np.array([0], dtype=np.int64),
        apology_issued=np.array([-1], dtype=np.int8),
    )
    cal = get_calendar()
    try:
        deemed = deemed_receipt(inputs, cal)
        day_one = first_counted_day(deemed, cal)
        due = statutory_due_dates(inputs, cal)
    except ValueError as exc:
        raise CommandError(str(exc)) from exc
    print(_line("Ngày tiếp nhận hợp lệ (deemed receipt):", deemed[0]))
    print(_line("Ngày thứ 1 (day 1):", day_one[0]))
    print(_line("Hạn giải quyết (due date):", due[0]))
    return 0
