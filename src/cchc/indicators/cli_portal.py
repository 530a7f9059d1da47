"""Commands linking the portal's unit names to cchc units: `cchc indicators portal-units`,
`cchc indicators portal-map NAME UNIT_CODE` (portal_links.py), and the report of unmatched rows
that the import and the comparison print."""

from __future__ import annotations

import argparse
from typing import TYPE_CHECKING, Any

from cchc.cli import CommandError

if TYPE_CHECKING:
    from cchc.indicators.models import PortalScore

HOW_TO_MAP = (
    'Gán bằng (map with) `cchc indicators portal-map "TÊN" MÃ_ĐƠN_VỊ` hoặc nhận các gợi ý '
    "(or accept the suggestions) `cchc indicators portal-units --accept-suggestions`"
)


def unmatched_lines(rows: list[PortalScore], total: int) -> list[str]:
    """'Chưa khớp (unmatched) 2/34: A (H20), B (H19)' and how to map them; [] when all match."""
    if not rows:
        return [f"Khớp với đơn vị cchc (matched to cchc units): {total}/{total}"]
    names = ", ".join(f"{r.department_name} ({r.department_code})" for r in rows)
    return [
        f"Khớp với đơn vị cchc (matched to cchc units): {total - len(rows)}/{total}; "
        f"chưa khớp (unmatched) {len(rows)}: {names}",
        HOW_TO_MAP,
    ]


def _note(item: Any) -> str:
    from cchc.indicators.portal_links import SUGGESTION

    if item.others:
        return f"nhiều đơn vị trùng tên (several candidates): {', '.join(item.others)}"
    return item.basis if item.status == SUGGESTION else ""


def portal_units_command(args: argparse.Namespace) -> int:
    from cchc.core.models import Unit
    from cchc.indicators.portal_links import (
        STATUS_WORDS,
        accept_suggestions,
        parent_label,
        portal_units,
    )

    if args.accept_suggestions:
        stored = accept_suggestions()
        print(f"Đã lưu {len(stored)} liên kết từ gợi ý ({len(stored)} suggestions stored)")
    items = portal_units()
    if not items:
        print("Chưa nhập điểm Cổng DVC nào (no portal scores imported): cchc import portal-scores")
        return 0
    names = dict(Unit.objects.values_list("code", "name"))
    print(
        "trạng thái (status)\tcha (parent)\tmã Cổng (code)\ttên trên Cổng (portal name)"
        "\tđơn vị cchc (cchc unit)\tghi chú (note)"
    )
    for item in items:
        if args.unmatched and item.matched:
            continue
        unit = f"{item.unit_code} {names.get(item.unit_code, '')}" if item.unit_code else "—"
        print(
            "\t".join(
                [
                    STATUS_WORDS[item.status],
                    parent_label(item.parent_code),
                    ", ".join(item.department_codes),
                    item.name,
                    unit,
                    _note(item),
                ]
            )
        )
    counts = {s: sum(1 for i in items if i.status == s) for s in STATUS_WORDS}
    print(
        f"{len(items)} đơn vị trên Cổng (portal units): "
        + ", ".join(f"{counts[s]} {word}" for s, word in STATUS_WORDS.items())
    )
    if any(not i.matched for i in items):
        print(HOW_TO_MAP)
    return 0


def portal_map_command(args: argparse.Namespace) -> int:
    from cchc.indicators.portal_links import LinkError, remove_link, set_link

    try:
        if args.remove:
            if args.unit_code:
                raise CommandError("Dùng MÃ_ĐƠN_VỊ hoặc --remove, không cả hai (not both)")
            link = remove_link(args.name, parent_code=args.parent)
            print(
                f"Đã xóa liên kết (link removed): {link.portal_name} → {link.unit.code}; "
                "tên này nay chưa khớp (now unmatched)"
            )
            return 0
        if not args.unit_code:
            raise CommandError("Cần MÃ_ĐƠN_VỊ hoặc --remove (give a unit code or --remove)")
        link = set_link(args.name, args.unit_code, parent_code=args.parent)
    except LinkError as exc:
        raise CommandError(str(exc)) from exc
    print(
        f"Đã liên kết (linked): {link.portal_name} "
        f"[{link.department_code or '—'}] → {link.unit.code} {link.unit.name}"
    )
    return 0


def register(sub: Any) -> None:
    """Add the commands under `cchc indicators` (its subparsers)."""
    units = sub.add_parser(
        "portal-units",
        help="đơn vị trên Cổng DVC và đơn vị cchc tương ứng (portal units and their cchc units)",
    )
    units.add_argument(
        "--accept-suggestions",
        action="store_true",
        help="lưu mọi gợi ý thành liên kết (store every suggestion as a link)",
    )
    units.add_argument(
        "--unmatched", action="store_true", help="chỉ các tên chưa khớp (only the unmatched)"
    )
    units.set_defaults(handler=portal_units_command)
    m = sub.add_parser(
        "portal-map", help="gán một tên trên Cổng cho một đơn vị cchc (map a portal unit)"
    )
    m.add_argument("name", help="tên hoặc mã đơn vị trên Cổng (portal name or code)")
    m.add_argument("unit_code", nargs="?", help="mã đơn vị cchc (cchc unit code)")
    m.add_argument(
        "--parent",
        help='mã đơn vị cha trên Cổng khi tên có ở nhiều bảng, "" = bảng các tỉnh (portal parent)',
    )
    m.add_argument("--remove", action="store_true", help="xóa liên kết (remove the link)")
    m.set_defaults(handler=portal_map_command)
