"""Command handlers for units and procedures (registered in core/cli.py)."""

from __future__ import annotations

import argparse
import datetime as dt
import sys

from cchc.cli import CommandError, Commands
from cchc.core.importing import ImportRejected, parse_date

IMPORT_HELP = "Nhập dữ liệu (import data)"


def register_units(commands: Commands) -> None:
    load = commands.subcommand(
        "units",
        "load-vn",
        "Nạp một tỉnh thật trước và sau 01/07/2025 kèm lịch sử sắp xếp"
        " (load a real province before and after 1 July 2025, with lineage)",
        load_vn,
        group_help="Đơn vị hành chính (administrative units)",
    )
    load.add_argument("province", help="Tên tỉnh, ví dụ 'Bà Rịa - Vũng Tàu', ba-ria-vung-tau, brvt")
    load.add_argument(
        "--all-new-units",
        action="store_true",
        help="Nạp mọi xã, phường của tỉnh mới (load every commune of the new province)",
    )
    earlier = load.add_mutually_exclusive_group()
    earlier.add_argument(
        "--history",
        metavar="FILE.toml",
        help="Tệp lịch sử sắp xếp trước đó thay cho tệp kèm theo"
        " (your own file of earlier changes instead of the shipped one; docs/units.md)",
    )
    earlier.add_argument(
        "--no-history",
        action="store_true",
        help="Chỉ nạp cơ cấu của gói, không nạp lịch sử trước đó (the package's structure only)",
    )
    tree = commands.subcommand(
        "units", "tree", "In cây đơn vị tại một ngày (print the unit tree on a day)", show_tree
    )
    tree.add_argument("--as-of", help="Ngày (date), mặc định hôm nay (default today)")
    history = commands.subcommand(
        "units",
        "history",
        "Lịch sử một đơn vị: tên, cấp trên, sáp nhập, chia tách, đơn vị kế thừa"
        " (a unit's history: names, parents, merges, splits, successors)",
        show_history,
    )
    history.add_argument("code", help="Mã đơn vị (unit code), ví dụ vn63-26671")
    units = commands.subcommand(
        "import",
        "units",
        "Nhập danh mục đơn vị từ CSV/XLSX (import units from CSV/XLSX)",
        import_units_command,
        group_help=IMPORT_HELP,
    )
    units.add_argument("file")
    units.add_argument(
        "--skip-invalid",
        action="store_true",
        help="Bỏ qua dòng lỗi thay vì từ chối cả tệp (skip bad rows instead of rejecting the file)",
    )
    units.add_argument("--rejected", help="Ghi dòng lỗi ra CSV (write rejected rows to this CSV)")
    procedures = commands.subcommand(
        "import",
        "procedures",
        "Nhập danh mục thủ tục hành chính (import the procedure catalogue)",
        import_procedures_command,
        group_help=IMPORT_HELP,
    )
    procedures.add_argument("file")
    procedures.add_argument(
        "--mapping",
        help="canonical, national-catalogue hoặc tệp TOML (or a TOML file); mặc định tự nhận"
        " (default: detected from the header)",
    )


def load_vn(args: argparse.Namespace) -> int:
    from cchc.core.units_vn import ProvinceNotFound, load_vn_province

    history = None if args.no_history else (args.history or "shipped")
    try:
        report = load_vn_province(args.province, args.all_new_units, history)
    except ProvinceNotFound as exc:
        raise CommandError(str(exc)) from exc
    except ImportRejected as exc:
        print(exc.report(), file=sys.stderr)
        return 1
    print("\n".join(report.lines()))
    return 0


def show_history(args: argparse.Namespace) -> int:
    from cchc.core.unit_history_text import history_lines
    from cchc.core.units import UnknownUnit

    try:
        lines = history_lines(args.code, dt.date.today())
    except UnknownUnit as exc:
        raise CommandError(str(exc)) from exc
    print("\n".join(lines))
    return 0


def show_tree(args: argparse.Namespace) -> int:
    from cchc.core.units import TreeNode, tree_as_of

    try:
        day = parse_date(args.as_of) if args.as_of else dt.date.today()
    except ValueError as exc:
        raise CommandError(f"Ngày không hợp lệ (invalid date): {args.as_of}") from exc

    def show(node: TreeNode, depth: int) -> None:
        print(f"{'  ' * depth}{node.unit.code}  {node.unit.name}")
        for child in node.children:
            show(child, depth + 1)

    for root in tree_as_of(day):
        show(root, 0)
    return 0


def import_units_command(args: argparse.Namespace) -> int:
    from cchc.core.units_import import import_units

    if args.rejected and not args.skip_invalid:
        raise CommandError(
            "--rejected cần đi cùng --skip-invalid (--rejected needs --skip-invalid)"
        )
    try:
        report = import_units(args.file, args.skip_invalid, args.rejected)
    except ImportRejected as exc:
        print(exc.report(), file=sys.stderr)
        return 1
    print("\n".join(report.lines()))
    return 0


def import_procedures_command(args: argparse.Namespace) -> int:
    from cchc.core.catalogue import MappingError, import_procedures

    try:
        report = import_procedures(args.file, args.mapping)
    except MappingError as exc:
        raise CommandError(str(exc)) from exc
    except ImportRejected as exc:
        print(exc.report(), file=sys.stderr)
        return 1
    print("\n".join(report.lines()))
    return 0
