"""`cchc worker`: the reminder worker in the foreground (worker.py)."""

from __future__ import annotations

import argparse
import threading

from cchc.cli import CommandError, Commands
from cchc.core.importing import DATE_ERROR_EN, DATE_ERROR_VI, parse_date

BUSY = (
    "Một tiến trình nhắc việc khác đang chạy với thư mục dữ liệu này "
    "(another worker holds this data dir's lock)"
)


def worker_command(args: argparse.Namespace) -> int:
    from cchc.notices.lock import WorkerLock
    from cchc.notices.worker import report, run_forever, tick

    day = None
    if args.today:
        try:
            day = parse_date(args.today)
        except ValueError as exc:
            raise CommandError(f"--today {args.today}: {DATE_ERROR_VI} ({DATE_ERROR_EN})") from exc
    lock = WorkerLock()
    if not lock.acquire():
        if args.background is not None:
            return 0  # `cchc serve` beside another: that one's worker does the work
        raise CommandError(BUSY)
    try:
        if args.once or day is not None:
            report(tick(startup=True, day=day))
            return 0
        if args.background is None:
            print("Tiến trình nhắc việc đang chạy — Ctrl+C để dừng (worker running)", flush=True)
        run_forever(threading.Event(), parent=args.background)
    finally:
        lock.release()
    return 0


def register(commands: Commands) -> None:
    parser = commands.command(
        "worker",
        "Tiến trình nhắc việc: gửi lại thư lỗi mỗi phút, chạy việc hằng ngày "
        "(reminder worker: e-mail retries every minute, daily jobs once a day)",
        worker_command,
    )
    parser.add_argument(
        "--once",
        action="store_true",
        help="chạy một lần rồi dừng (one round: due e-mails and today's missing daily jobs)",
    )
    parser.add_argument(
        "--today",
        help="chạy việc hằng ngày cho ngày này (run the daily jobs for this day, "
        "yyyy-mm-dd or dd/mm/yyyy), rồi dừng",
    )
    # started by `cchc serve` with its process id: quiet when another worker runs, ends with it
    parser.add_argument("--background", type=int, default=None, help=argparse.SUPPRESS)
