"""`cchc feedback due|remind|import`: the deadline of one item, reminders, the file import.

Thin: parse, call the rule or service, print. Other modules add their own subcommands to the same
`feedback` group through `Commands.subcommand("feedback", …, group_help=GROUP_HELP)`.
"""

from __future__ import annotations

import argparse
import datetime as dt
from pathlib import Path

from django.utils import timezone

from cchc.cli import CommandError, Commands
from cchc.core import clock
from cchc.core.calendar_cli import WEEKDAYS
from cchc.core.calendar_db import get_calendar
from cchc.core.importing import ImportRejected

GROUP_HELP = "Phản ánh, kiến nghị của người dân (citizens' feedback)"


def register(commands: Commands) -> None:
    due = commands.subcommand(
        "feedback",
        "due",
        "Ngày tiếp nhận hợp lệ, ngày thứ 1 và hạn xử lý của phản ánh tiếp nhận lúc DATE (deemed "
        "receipt, day 1 and due date of a feedback item received at DATE)",
        due_command,
        group_help=GROUP_HELP,
    )
    due.add_argument(
        "date", metavar="DATE", help="YYYY-MM-DD hoặc YYYY-MM-DDTHH:MM (time of receipt, local)"
    )
    remind = commands.subcommand(
        "feedback",
        "remind",
        "Nhắc hạn trước hạn xử lý và báo quá hạn sau hạn, mỗi loại một lần "
        "(reminders before the due date and escalations after it, once each)",
        remind_command,
        group_help=GROUP_HELP,
    )
    remind.add_argument(
        "--today", metavar="DATE", help="YYYY-MM-DD (mặc định hôm nay; default today)"
    )
    imp = commands.subcommand(
        "feedback",
        "import",
        "Nhập phản ánh từ tệp CSV/XLSX, tất cả hoặc không (import feedback items, all or nothing)",
        import_command,
        group_help=GROUP_HELP,
    )
    imp.add_argument("file", metavar="FILE", help="tệp CSV hoặc XLSX (CSV or XLSX file)")
    imp.add_argument(
        "--skip-bad",
        action="store_true",
        help="nhập các dòng hợp lệ, bỏ qua dòng lỗi (import the good rows, skip the bad ones)",
    )
    imp.add_argument(
        "--rejected", metavar="OUT", help="ghi các dòng bị loại vào tệp CSV (write rejected rows)"
    )


def _moment(text: str) -> dt.datetime:
    from cchc.citizens.feedback_import import parse_moment

    try:
        return parse_moment(text)
    except ValueError as exc:
        raise CommandError(
            f"Thời điểm tiếp nhận không hợp lệ {text!r} "
            "(invalid time of receipt; use YYYY-MM-DD or YYYY-MM-DDTHH:MM)"
        ) from exc


def _line(label: str, day: dt.date) -> str:
    return f"{label:<40} {WEEKDAYS[day.weekday()]}, {day:%d/%m/%Y}"


def due_command(args: argparse.Namespace) -> int:
    from cchc.citizens.feedback_deadline import feedback_dates
    from cchc.citizens.feedback_rules import load_feedback_rules

    moment = timezone.localtime(_moment(args.date))
    minute = (
        moment.hour * 60 + moment.minute if "T" in args.date or " " in args.date.strip() else -1
    )
    try:
        rules = load_feedback_rules()
        dates = feedback_dates(
            moment.date(), minute, rules.working_days, rules.office_closes_minute, get_calendar()
        )
    except ValueError as exc:
        raise CommandError(str(exc)) from exc
    print(_line("Ngày tiếp nhận hợp lệ (deemed receipt):", dates.deemed_receipt))
    print(_line("Ngày thứ 1 (day 1):", dates.day_one))
    print(_line(f"Hạn xử lý, {rules.working_days} ngày làm việc (due):", dates.due))
    return 0


def remind_command(args: argparse.Namespace) -> int:
    from cchc.citizens.feedback_reminders import send_feedback_reminders

    today = clock.today()
    if args.today:
        try:
            today = dt.date.fromisoformat(args.today)
        except ValueError as exc:
            raise CommandError(
                f"Ngày không hợp lệ {args.today!r} (invalid date; use YYYY-MM-DD)"
            ) from exc
    result = send_feedback_reminders(today)
    print(
        f"Đã gửi {result.reminders} nhắc hạn, {result.escalations} báo quá hạn; "
        f"{result.undelivered} không gửi được vì đơn vị không có tài khoản nhận "
        f"(sent {result.reminders} reminders, {result.escalations} escalations; "
        f"{result.undelivered} not delivered: no account to notify)"
    )
    return 0


def import_command(args: argparse.Namespace) -> int:
    from cchc.citizens.feedback_import import import_feedback

    if args.rejected and not args.skip_bad:
        raise CommandError("--rejected cần --skip-bad (--rejected needs --skip-bad)")
    path = Path(args.file)
    if not path.exists():
        raise CommandError(f"Không tìm thấy tệp {path} (file not found)")
    try:
        report = import_feedback(path, None, skip_bad=args.skip_bad, rejected=args.rejected)
    except ImportRejected as exc:
        raise CommandError(exc.report()) from exc
    for line in report.lines():
        print(line)
    return 0
