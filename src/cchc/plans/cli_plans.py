"""`cchc plans list|show|export|import|template|remind`: improvement plans on the command line.

The command line is the system operator (changes are audited with no user, like other imports).
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
from pathlib import Path
from typing import Any

from cchc.cli import CommandError, Commands
from cchc.core.vn_format import vn_date, vn_number
from cchc.plans.cli_plans_show import add_show, day_of, plan_or_error, today_option

GROUP = "plans"
GROUP_HELP = "Kế hoạch cải thiện: chỉ tiêu, nhiệm vụ, tiến độ (improvement plans)"


def _iso(day: dt.date | None) -> str | None:
    return None if day is None else day.isoformat()


def _rounded(value: float | None) -> float | None:
    return None if value is None else round(value, 1)


def list_plans(args: argparse.Namespace) -> int:
    from cchc.plans.models_plans import Plan
    from cchc.plans.progress import plan_progress

    day = day_of(args)
    rows: list[dict[str, Any]] = [
        {
            "id": plan.pk,
            "name": plan.name,
            "decision_number": plan.decision_number,
            "decision_date": _iso(plan.decision_date),
            "period_start": _iso(plan.period_start),
            "period_end": _iso(plan.period_end),
            "owner_unit": {"code": plan.owner_unit.code, "name": plan.owner_unit.name},
            "progress": _rounded(plan_progress(plan, day).progress),
        }
        for plan in Plan.objects.select_related("owner_unit").order_by("-period_start", "pk")
    ]
    if args.format == "json":
        print(json.dumps(rows, ensure_ascii=False, indent=2))
        return 0
    if not rows:
        print("Chưa có kế hoạch nào (no plans).")
        return 0
    for row in rows:
        decision = f" ({row['decision_number']})" if row["decision_number"] else ""
        start = vn_date(dt.date.fromisoformat(str(row["period_start"])))
        end = vn_date(dt.date.fromisoformat(str(row["period_end"])))
        owner: Any = row["owner_unit"]
        print(
            f"{row['id']}\t{row['name']}{decision}\t{start}–{end}\t{owner['code']}"
            f"\t{_percent(row['progress'])}"
        )
    print(f"{len(rows)} kế hoạch (plans); tiến độ (progress) ngày {vn_date(day)}")
    return 0


def _percent(value: float | None) -> str:
    return "—" if value is None else f"{vn_number(value, 1)}%"


def export_plan(args: argparse.Namespace) -> int:
    from cchc.plans.xlsx_export import export_plan as write

    plan = plan_or_error(args.id)
    out = Path(args.out)
    write(plan, out, day_of(args))
    print(f"Đã xuất kế hoạch {plan.pk} ra (exported to) {out}")
    return 0


def import_plan(args: argparse.Namespace) -> int:
    from cchc.core.importing import ImportRejected
    from cchc.plans.xlsx_import import import_plan_book

    path = Path(args.file)
    if not path.exists():
        raise CommandError(f"Không tìm thấy tệp (file not found): {path}")
    try:
        result = import_plan_book(
            path, None, remove_missing=args.remove_missing, dry_run=args.dry_run, day=day_of(args)
        )
    except ImportRejected as exc:
        raise CommandError(exc.report()) from exc
    for line in result.lines():
        print(line)
    return 0


def write_template(args: argparse.Namespace) -> int:
    from cchc.plans.plan_templates import write_template as write

    out = Path(args.out)
    write(args.kind, out, args.year or day_of(args).year)
    print(f"Đã ghi mẫu kế hoạch {args.kind} ra (template written to) {out}")
    return 0


def remind_command(args: argparse.Namespace) -> int:
    from cchc.plans.reminders import send_task_reminders

    result = send_task_reminders(day_of(args))
    print(
        f"Đã gửi {result.reminders} nhắc hạn, {result.escalations} báo quá hạn nhiệm vụ; "
        f"{result.undelivered} không gửi được vì không có tài khoản nhận "
        f"(sent {result.reminders} reminders, {result.escalations} escalations; "
        f"{result.undelivered} not delivered: no account to notify)"
    )
    return 0


def register(commands: Commands) -> None:
    def sub(name: str, help: str, handler: Any) -> argparse.ArgumentParser:
        return commands.subcommand(GROUP, name, help, handler, group_help=GROUP_HELP)

    lst = sub("list", "Danh sách kế hoạch với tiến độ (list plans with progress)", list_plans)
    lst.add_argument("--format", choices=["text", "json"], default="text")
    today_option(lst)
    add_show(commands.group(GROUP, GROUP_HELP))
    exp = sub("export", "Xuất kế hoạch ra tệp XLSX (export a plan to XLSX)", export_plan)
    exp.add_argument("id", type=int, help="mã kế hoạch (plan id)")
    exp.add_argument("--out", required=True, help="tệp XLSX ghi ra (output file)")
    today_option(exp)
    imp = sub(
        "import",
        "Nhập tệp XLSX vào kế hoạch, tất cả hoặc không (import a plan workbook, all or nothing)",
        import_plan,
    )
    imp.add_argument("file", help="tệp XLSX (workbook)")
    imp.add_argument(
        "--dry-run", action="store_true", help="chỉ kiểm tra, không ghi (check only, write nothing)"
    )
    imp.add_argument(
        "--remove-missing",
        action="store_true",
        help="xóa chỉ tiêu, giá trị, nhiệm vụ, lần thực hiện không có trong tệp"
        " (remove rows missing from the file)",
    )
    today_option(imp)
    tpl = sub(
        "template",
        "Ghi tệp mẫu kế hoạch mới: papi, par, 766 (write a new-plan template)",
        write_template,
    )
    tpl.add_argument("kind", choices=["papi", "par", "766"], help="loại mẫu (template kind)")
    tpl.add_argument("--out", required=True, help="tệp XLSX ghi ra (output file)")
    tpl.add_argument("--year", type=int, help="năm của kế hoạch (plan year; default this year)")
    remind = sub(
        "remind",
        "Nhắc hạn trước hạn nhiệm vụ và báo quá hạn sau hạn, mỗi loại một lần cho mỗi hạn "
        "(task reminders before each deadline and escalations after it, once each; the worker "
        "runs the same daily)",
        remind_command,
    )
    today_option(remind)
