"""`cchc dossiers recompute [--period P | --from D --to D]`: thin; the work is in recompute.py."""

from __future__ import annotations

import argparse
import sys

from cchc.cli import CommandError, Commands
from cchc.core.vn_format import vn_number
from cchc.dossiers.cli import progress_printer
from cchc.dossiers.cli_views import GROUP_HELP
from cchc.dossiers.periods import Period, resolve_period


def register(commands: Commands) -> None:
    p = commands.subcommand(
        "dossiers",
        "recompute",
        "Tính lại hạn giải quyết, kết quả và dấu hiệu của hồ sơ đã lưu theo quy tắc, danh mục "
        "thủ tục và lịch hiện hành (recompute stored due dates, outcomes and flags)",
        recompute_command,
        group_help=GROUP_HELP,
    )
    p.add_argument(
        "--period",
        metavar="P",
        help="chỉ hồ sơ tiếp nhận trong kỳ: 2024, 2024-H1, 2024-Q3, 2024-06; mặc định tất cả "
        "(only dossiers received in the period; default all)",
    )
    p.add_argument(
        "--from",
        dest="date_from",
        metavar="D",
        help="chỉ hồ sơ tiếp nhận từ ngày, cùng --to (received from, YYYY-MM-DD, with --to)",
    )
    p.add_argument(
        "--to",
        dest="date_to",
        metavar="D",
        help="chỉ hồ sơ tiếp nhận đến ngày, cùng --from (received until, YYYY-MM-DD, with --from)",
    )


def _period(args: argparse.Namespace) -> Period | None:
    if not (args.period or args.date_from or args.date_to):
        return None
    try:
        return resolve_period(args.period, args.date_from, args.date_to)
    except ValueError as exc:
        raise CommandError(str(exc)) from exc


def recompute_command(args: argparse.Namespace) -> int:
    from cchc.dossiers.recompute import recompute
    from cchc.dossiers.rulebook.version import RULES_VERSION

    period = _period(args)
    progress = progress_printer() if sys.stderr.isatty() else None
    try:
        result = recompute(period, progress=progress)
    except ValueError as exc:  # e.g. a stored date outside the calendar's years
        raise CommandError(
            f"Không tính lại được, không hồ sơ nào bị thay đổi (recompute failed, nothing "
            f"changed): {exc}"
        ) from exc
    covered = period.display if period else "tất cả (all)"
    print(
        f"Đã tính lại (recomputed) {vn_number(result.dossiers)} hồ sơ (dossiers) — {covered} — "
        f"theo quy tắc (rules) v{RULES_VERSION}, lô (batch) #{result.batch_id}"
    )
    print(
        f"Hồ sơ thay đổi (dossiers changed): {vn_number(result.changed)} — hạn giải quyết "
        f"{vn_number(result.due_dates)} (due date), kết quả {vn_number(result.outcomes)} "
        f"(outcome), dấu hiệu {vn_number(result.flags)} (flags)"
    )
    return 0
