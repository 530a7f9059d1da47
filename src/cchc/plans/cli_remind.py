"""`cchc plans remind`: plan task reminders and escalations for a day (the worker's daily job
"plans.task_reminders" does the same; this runs it by hand, as `cchc feedback remind` does)."""

from __future__ import annotations

import argparse
import datetime as dt

from cchc.cli import CommandError, Commands
from cchc.core import clock

GROUP_HELP = "Kế hoạch cải thiện (improvement plans)"


def register(commands: Commands) -> None:
    remind = commands.subcommand(
        "plans",
        "remind",
        "Nhắc hạn trước hạn nhiệm vụ và báo quá hạn sau hạn, mỗi loại một lần cho mỗi hạn "
        "(task reminders before each deadline and escalations after it, once each)",
        remind_command,
        group_help=GROUP_HELP,
    )
    remind.add_argument(
        "--today", metavar="DATE", help="YYYY-MM-DD (mặc định hôm nay; default today)"
    )


def remind_command(args: argparse.Namespace) -> int:
    from cchc.plans.reminders import send_task_reminders

    today = clock.today()
    if args.today:
        try:
            today = dt.date.fromisoformat(args.today)
        except ValueError as exc:
            raise CommandError(
                f"Ngày không hợp lệ {args.today!r} (invalid date; use YYYY-MM-DD)"
            ) from exc
    result = send_task_reminders(today)
    print(
        f"Đã gửi {result.reminders} nhắc hạn, {result.escalations} báo quá hạn nhiệm vụ; "
        f"{result.undelivered} không gửi được vì không có tài khoản nhận "
        f"(sent {result.reminders} reminders, {result.escalations} escalations; "
        f"{result.undelivered} not delivered: no account to notify)"
    )
    return 0
