"""Inspection report commands: `cchc inspections effect|stats|document`."""

from __future__ import annotations

import argparse
from pathlib import Path

from cchc.cli import CommandError, Commands
from cchc.core.vn_format import vn_date, vn_percent, vn_points
from cchc.dossiers.output import Column, render_json, render_table
from cchc.dossiers.periods import Period, parse_date, parse_period

GROUP = "inspections"
GROUP_HELP = "Kiểm tra cải cách hành chính (inspections)"


def _period(text: str) -> Period:
    try:
        return parse_period(text)
    except ValueError as exc:
        raise CommandError(str(exc)) from exc


def _pct(x: float | None) -> str:
    return "–" if x is None else f"{vn_points(x)} điểm %"


def effect_command(args: argparse.Namespace) -> int:
    from cchc.inspections.effect_db import inspection_effect
    from cchc.inspections.models import Inspection

    inspection = Inspection.objects.select_related("unit").filter(pk=args.inspection_id).first()
    if inspection is None:
        raise CommandError(f"Không có cuộc kiểm tra #{args.inspection_id} (no such inspection)")
    today = parse_date(args.today) if args.today else None
    rep = inspection_effect(inspection, months=args.months, ratio=args.ratio, today=today)
    e = rep.effect
    if args.format == "json":
        doc = {
            "inspection_id": inspection.pk,
            "unit_code": inspection.unit.code,
            "date": inspection.date.isoformat(),
            "months": rep.months,
            "before": [d.isoformat() for d in rep.before],
            "after": [d.isoformat() for d in rep.after],
            "complete": rep.complete,
            "controls": list(rep.controls),
            "treated_before": e.treated_before.__dict__,
            "treated_after": e.treated_after.__dict__,
            "control_before": e.control_before.__dict__,
            "control_after": e.control_after.__dict__,
            "change_treated": e.change_treated,
            "change_control": e.change_control,
            "did_late_rate": e.did,
            "did_on_time_rate": e.on_time_did,
            "interval_95": [e.low, e.high],
        }
        print(render_json(doc), end="")
        return 0
    print(
        f"Hiệu quả kiểm tra #{inspection.pk} tại {inspection.unit.name} ngày "
        f"{vn_date(inspection.date)} ({rep.months} tháng trước/sau; before/after)"
    )
    rows = [
        ("Đơn vị được kiểm tra (inspected)", e.treated_before, e.treated_after, e.change_treated),
        (
            f"{len(rep.controls)} đơn vị tương tự (similar units)",
            e.control_before,
            e.control_after,
            e.change_control,
        ),
    ]
    cols = [
        Column("group", "Nhóm", lambda r: r[0]),
        Column("before", "Trễ/đã giải quyết trước", lambda r: f"{r[1].late}/{r[1].ended}"),
        Column("rate_before", "Tỷ lệ trễ trước", lambda r: vn_percent(r[1].rate)),
        Column("after", "Trễ/đã giải quyết sau", lambda r: f"{r[2].late}/{r[2].ended}"),
        Column("rate_after", "Tỷ lệ trễ sau", lambda r: vn_percent(r[2].rate)),
        Column("change", "Thay đổi", lambda r: _pct(r[3])),
    ]
    print(render_table(cols, rows), end="")
    if e.did is None:
        print("Chưa đủ dữ liệu để so sánh (not enough data to compare).")
    else:
        print(
            f"Chênh lệch kép tỷ lệ trễ hạn (difference-in-differences, late rate): {_pct(e.did)}, "
            f"khoảng tin cậy 95% [{_pct(e.low)}; {_pct(e.high)}]; "
            f"tỷ lệ đúng hạn (on-time rate): {_pct(e.on_time_did)}"
        )
    if not rep.complete:
        print("Lưu ý: giai đoạn sau kiểm tra chưa kết thúc (the after window is not over yet).")
    return 0


def stats_command(args: argparse.Namespace) -> int:
    from cchc.inspections.models import FindingCategory, InspectionKind
    from cchc.inspections.stats import compare, ratio_text

    period = _period(args.period)
    today = parse_date(args.today) if args.today else None
    now, before = compare(period, today)
    rows: list[tuple[str, str, int, int]] = [
        ("inspections", "Số cuộc kiểm tra", now.inspections, before.inspections),
        *(
            (f"inspections_{k}", f"  – {label.lower()}", now.by_kind[k], before.by_kind[k])
            for k, label in InspectionKind.choices
        ),
        ("units_covered", "Số đơn vị được kiểm tra", now.units_covered, before.units_covered),
        ("findings", "Số tồn tại, hạn chế", now.findings, before.findings),
        *(
            (
                f"findings_{c}",
                f"  – {label.lower()}",
                now.findings_by_category[c],
                before.findings_by_category[c],
            )
            for c, label in FindingCategory.choices
        ),
        ("actions_open", "Yêu cầu khắc phục đang thực hiện", now.actions_open, before.actions_open),
        ("actions_overdue", "  – quá hạn", now.actions_overdue, before.actions_overdue),
        (
            "actions_reported",
            "Đã báo cáo, chờ xác minh",
            now.actions_reported,
            before.actions_reported,
        ),
        ("actions_closed", "Đã xác minh, kết thúc", now.actions_closed, before.actions_closed),
    ]
    if args.format == "json":
        doc = {
            "period": period.label,
            "previous": before.period.label,
            "units": now.frame.view.slug,
            "units_day": now.frame.day.isoformat(),
            "rows": [
                {"code": c, "now": n, "previous": b, "ratio": ratio_text(n, b)}
                for c, _l, n, b in rows
            ],
        }
        print(render_json(doc), end="")
        return 0
    print(f"Công tác kiểm tra CCHC {period.display} so với cùng kỳ {before.period.display}")
    print(
        f"Đơn vị (units): {now.frame.view.label}, cơ cấu ngày {vn_date(now.frame.day)}; "
        "cùng kỳ năm trước quy về đơn vị của kỳ này (a year earlier: onto this period's units)"
    )
    cols = [
        Column("item", "Nội dung", lambda r: r[1]),
        Column("now", period.display, lambda r: r[2], "int"),
        Column("previous", before.period.display, lambda r: r[3], "int"),
        Column("ratio", "So sánh", lambda r: ratio_text(r[2], r[3])),
    ]
    print(render_table(cols, rows), end="")
    return 0


def document_command(args: argparse.Namespace) -> int:
    from cchc.inspections.documents import conclusion_notice, inspection_record, save
    from cchc.inspections.models import Inspection

    inspection = Inspection.objects.select_related("unit").filter(pk=args.inspection_id).first()
    if inspection is None:
        raise CommandError(f"Không có cuộc kiểm tra #{args.inspection_id} (no such inspection)")
    build = inspection_record if args.kind == "record" else conclusion_notice
    path = save(build(inspection), Path(args.out))
    print(f"Đã ghi (written) {path}")
    return 0


def register(commands: Commands) -> None:
    p = commands.subcommand(
        GROUP,
        "effect",
        "Hiệu quả một cuộc kiểm tra: trước/sau so với đơn vị tương tự (before/after vs similar)",
        effect_command,
        group_help=GROUP_HELP,
    )
    p.add_argument("inspection_id", type=int, metavar="INSPECTION_ID")
    p.add_argument("--months", type=int, default=6, help="số tháng trước/sau (default 6)")
    p.add_argument("--ratio", type=float, default=2.0, help="khối lượng tương tự trong ×/÷ ratio")
    p.add_argument("--today", metavar="DATE")
    p.add_argument("--format", choices=("table", "json"), default="table")

    p = commands.subcommand(
        GROUP,
        "stats",
        "Thống kê kiểm tra so với cùng kỳ năm trước (statistics vs a year earlier)",
        stats_command,
        group_help=GROUP_HELP,
    )
    p.add_argument("--period", required=True, help="2024, 2024-H1, 2024-Q3, 2024-06")
    p.add_argument("--today", metavar="DATE")
    p.add_argument("--format", choices=("table", "json"), default="table")

    p = commands.subcommand(
        GROUP,
        "document",
        "Biên bản kiểm tra / thông báo kết luận (DOCX)",
        document_command,
        group_help=GROUP_HELP,
    )
    p.add_argument("inspection_id", type=int, metavar="INSPECTION_ID")
    p.add_argument("--kind", choices=("record", "conclusion"), default="record")
    p.add_argument("--out", required=True, metavar="FILE.docx")
