"""`cchc plans show ID [--format text|json] [--today D]`: a plan as it stands, its rolled-up
progress, each target's latest reading and whether it is on the straight path, and its tasks.

`cchc.plans.cli_plans` adds it to the `plans` group."""

from __future__ import annotations

import argparse
import datetime as dt
import json
from typing import Any

from cchc.cli import CommandError


def today_option(parser: argparse.ArgumentParser) -> None:
    """`--today`, for every `cchc plans` command that reads a day (day_of)."""
    parser.add_argument(
        "--today", metavar="NGÀY", help="ngày tính, YYYY-MM-DD hoặc dd/mm/yyyy (the day; today)"
    )


def day_of(args: argparse.Namespace) -> dt.date:
    """The day `--today` names, or today; a bad one is a clear error (exit status 1)."""
    from cchc.core import clock
    from cchc.core.importing import parse_date

    if not getattr(args, "today", None):
        return clock.today()
    try:
        return parse_date(args.today)
    except ValueError as exc:
        raise CommandError(f"Ngày không hợp lệ (invalid date): {args.today}") from exc


def add_show(subparsers: Any) -> argparse.ArgumentParser:
    """Add `show` to the `plans` group's sub-commands."""
    help_text = "Xem một kế hoạch: tiến độ, chỉ tiêu so với thực tế, nhiệm vụ (show a plan)"
    parser: argparse.ArgumentParser = subparsers.add_parser(
        "show", help=help_text, description=help_text
    )
    parser.add_argument("plan_id", type=int, metavar="ID", help="mã số kế hoạch (plan id)")
    parser.add_argument("--format", choices=["text", "json"], default="text")
    today_option(parser)
    parser.set_defaults(handler=show_plan)
    return parser


def plan_or_error(plan_id: int) -> Any:
    """The plan with this id, or a clear error for the command line."""
    from cchc.plans.models_plans import Plan

    plan = Plan.objects.filter(pk=plan_id).select_related("owner_unit").first()
    if plan is None:
        raise CommandError(f"Không có kế hoạch số {plan_id} (no plan with id {plan_id})")
    return plan


def plan_data(plan_id: int, day: dt.date) -> dict[str, Any]:
    """The plan on `day` as the JSON answer gives it (dates ISO, progress in %)."""
    from cchc.plans.actual import straight_path
    from cchc.plans.measure import latest, point_json, series
    from cchc.plans.models_plans import Target
    from cchc.plans.progress import plan_progress

    plan = plan_or_error(plan_id)
    progress = plan_progress(plan, day)
    targets = []
    for target in Target.objects.filter(plan=plan).select_related("unit", "plan"):
        point = latest(target, day)
        # without a baseline the path starts at the first reading (series, read only then)
        first = [point] if point else []
        path = straight_path(
            target, series(target, day) if target.baseline_value is None else first
        )
        on_track = met = None
        if point is not None and path is not None:
            on_track, met = path.on_track(point.day, point.value), path.met(point.value)
        targets.append(
            {
                "id": target.pk,
                "code": target.code,
                "name": target.name,
                "kind": target.kind,
                "indicator_code": target.indicator_code,
                "index": target.index_name,
                "index_code": target.index_code,
                "unit": target.unit.code if target.unit else None,
                "direction": target.direction,
                "baseline_value": target.baseline_value,
                "baseline_date": _iso(target.baseline_date),
                "target_value": target.target_value,
                "target_date": target.target_date.isoformat(),
                "progress": _pct(progress.by_target.get(target.pk)),
                "latest": None if point is None else point_json(point),
                "on_track": on_track,
                "met": met,
            }
        )
    tasks = [
        {
            "id": line.task.pk,
            "code": line.task.code,
            "name": line.task.name,
            "depth": line.depth,
            "parent": line.task.parent.code if line.task.parent else None,
            "target": line.task.target.code if line.task.target else None,
            "lead_unit": line.task.lead_unit.name,
            "lead_unit_code": line.task.lead_unit.code,
            "co_units": sorted(u.code for u in line.task.co_units.all()),
            "recurrence": line.task.recurrence,
            "weight": line.task.weight,
            "deadline": line.task.deadline.isoformat(),
            "next_due": _iso(line.standing.next_due),
            "status": line.task.status,
            "status_label": line.task.get_status_display(),
            "progress": _pct(line.progress),
            "overdue": line.overdue,
        }
        for line in progress.lines
    ]
    return {
        "id": plan.pk,
        "name": plan.name,
        "decision_number": plan.decision_number,
        "period_start": plan.period_start.isoformat(),
        "period_end": plan.period_end.isoformat(),
        "owner_unit": plan.owner_unit.name,
        "day": day.isoformat(),
        "progress": _pct(progress.progress),
        "targets": targets,
        "tasks": tasks,
    }


def _iso(day: dt.date | None) -> str | None:
    return None if day is None else day.isoformat()


def _pct(value: float | None) -> float | None:
    return None if value is None else round(value, 1)


def show_plan(args: argparse.Namespace) -> int:
    data = plan_data(args.plan_id, day_of(args))
    if args.format == "json":
        print(json.dumps(data, ensure_ascii=False, indent=2))
        return 0
    for line in text_lines(data):
        print(line)
    return 0


def text_lines(data: dict[str, Any]) -> list[str]:
    from cchc.core.vn_format import vn_date, vn_number

    def percent(value: float | None, digits: int) -> str:
        return "–" if value is None else f"{vn_number(value, digits)}%"

    def day(text: str | None) -> str:
        return vn_date(dt.date.fromisoformat(text)) if text else "–"

    lines = [
        f"Kế hoạch {data['id']}: {data['name']}"
        + (f" ({data['decision_number']})" if data["decision_number"] else ""),
        f"Thực hiện {day(data['period_start'])} – {day(data['period_end'])}; "
        f"tiến độ chung (progress) {percent(data['progress'], 1)} "
        f"tại ngày {day(data['day'])}",
        "",
        "Chỉ tiêu (targets):",
    ]
    for t in data["targets"]:
        latest = t["latest"]
        now = (
            f"{vn_number(latest['value'], 2)} ngày {day(latest['date'])} ({latest['source']})"
            if latest
            else "chưa có số liệu (no reading)"
        )
        state = {True: "đúng lộ trình", False: "chậm so với lộ trình", None: "–"}[t["on_track"]]
        if t["met"]:
            state = "đã đạt"
        lines.append(
            f"  {t['code']}. {t['name']}: mục tiêu {vn_number(t['target_value'], 2)} "
            f"đến {day(t['target_date'])}; hiện nay {now}; {state}"
        )
    lines += ["", "Nhiệm vụ (tasks):"]
    for task in data["tasks"]:
        late = " QUÁ HẠN (overdue)" if task["overdue"] else ""
        lines.append(
            f"  {'  ' * task['depth']}{task['code']}. {task['name']} — {task['lead_unit']}; "
            f"hạn {day(task['next_due'] or task['deadline'])}; {task['status_label']}; "
            f"{percent(task['progress'], 0)}{late}"
        )
    return lines
