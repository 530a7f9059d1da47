"""`cchc analytics rebuild|refresh|status`: the derived store, from the command line."""

from __future__ import annotations

import argparse

from cchc.cli import CommandError, Commands
from cchc.dossiers.periods import resolve_period

GROUP_HELP = "Kho phân tích (analytics store)"


def analytics_rebuild(args: argparse.Namespace) -> int:
    from cchc.analytics.store import rebuild
    from cchc.analytics.store_schema import analytics_dir

    stamp = rebuild()
    print(
        f"Kho phân tích (analytics store) {analytics_dir()}: {stamp.dossiers} hồ sơ, "
        f"{stamp.months} tháng; "
        f"số liệu đến (data as of) {stamp.as_of_with_rules}"
    )
    return 0


def analytics_refresh(args: argparse.Namespace) -> int:
    from cchc.analytics.store import refresh

    try:
        period = resolve_period(args.period, args.date_from, args.date_to)
    except ValueError as exc:
        raise CommandError(str(exc)) from exc
    stamp = refresh([(p.start.year, p.start.month) for p in period.months()])
    print(f"Đã làm mới {len(period.months())} tháng (refreshed months); {stamp.dossiers} hồ sơ")
    return 0


def analytics_status(args: argparse.Namespace) -> int:
    from cchc.analytics.store import read_stamp
    from cchc.analytics.store_schema import analytics_dir

    stamp = read_stamp()
    if stamp is None:
        print(
            f"Chưa có kho phân tích (no analytics store) tại {analytics_dir()}: "
            "chạy `cchc analytics rebuild`"
        )
        return 0
    print(
        f"{analytics_dir()}: {stamp.dossiers} hồ sơ, {stamp.months} tháng, "
        f"dựng lúc (built) {stamp.built_at}, "
        f"số liệu đến (data as of) {stamp.as_of_with_rules}"
    )
    return 0


def register(commands: Commands) -> None:
    commands.subcommand(
        "analytics",
        "rebuild",
        "Dựng lại kho phân tích Parquet (rebuild the analytics store)",
        analytics_rebuild,
        group_help=GROUP_HELP,
    )
    r = commands.subcommand(
        "analytics",
        "refresh",
        "Làm mới các tháng của một kỳ (refresh months)",
        analytics_refresh,
        group_help=GROUP_HELP,
    )
    r.add_argument("--period", help="kỳ: 2025, 2025-H1, 2025-Q3, 2025-06")
    r.add_argument("--from", dest="date_from", help="từ ngày (YYYY-MM-DD)")
    r.add_argument("--to", dest="date_to", help="đến ngày (YYYY-MM-DD)")
    commands.subcommand(
        "analytics",
        "status",
        "Tình trạng kho phân tích (store status)",
        analytics_status,
        group_help=GROUP_HELP,
    )
