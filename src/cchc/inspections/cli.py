"""Inspection commands: `cchc inspections risk|plan|replay|remind` (effect, stats, document:
cli_reports.py)."""

from __future__ import annotations

import argparse
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from cchc.cli import CommandError, Commands
from cchc.core.vn_format import vn_date, vn_moment, vn_number
from cchc.dossiers.output import Column, render_json, render_table
from cchc.dossiers.periods import Period, parse_date, parse_period
from cchc.inspections import cli_reports

if TYPE_CHECKING:
    from cchc.inspections.risk import UnitRisk

GROUP = "inspections"
GROUP_HELP = "Kiểm tra cải cách hành chính (inspections)"
KIND_LABELS = {"periodic": "Định kỳ", "surprise": "Đột xuất", "rotation": "Luân phiên"}


def _period(text: str) -> Period:
    try:
        return parse_period(text)
    except ValueError as exc:
        raise CommandError(str(exc)) from exc


def _num(x: float | None) -> str:
    return "" if x is None else vn_number(x, 1)


def _contribution(j: int) -> Callable[[UnitRisk], str]:
    def get(r: UnitRisk) -> str:
        return _num(r.factors[j].contribution)

    return get


def risk_command(args: argparse.Namespace) -> int:
    from cchc.inspections.config import load_risk_config
    from cchc.inspections.plans import frame_units, units_text
    from cchc.inspections.risk import score_units
    from cchc.inspections.risk_inputs import gather_risk_inputs, planner_frame

    period = _period(args.period)
    try:
        config = load_risk_config(Path(args.weights) if args.weights else None)
    except ValueError as exc:
        raise CommandError(str(exc)) from exc
    as_of = parse_date(args.as_of) if args.as_of else None
    frame = planner_frame(period, as_of)
    try:
        inputs = gather_risk_inputs(period, config, args.units or None, as_of, args.source, frame)
    except ValueError as exc:
        raise CommandError(str(exc)) from exc
    table = score_units(inputs, config)
    ranked = table.ranked()[: args.top] if args.top else table.ranked()
    if args.format == "json":
        doc = {
            "period": period.label,
            "units_view": frame.view.slug,
            "units_day": frame.day.isoformat(),
            "weights_version": config.version,
            "province_rates": table.province_rates,
            "units": [
                {
                    "unit_code": r.unit_code,
                    "rank": r.rank,
                    "score": r.score,
                    "factors": [f.__dict__ for f in r.factors],
                }
                for r in ranked
            ],
        }
        print(render_json(doc), end="")
        return 0
    cols = [
        Column("rank", "Hạng", lambda r: r.rank, "int"),
        Column("unit", "Đơn vị", lambda r: r.unit_code),
        Column("score", "Điểm", lambda r: _num(r.score)),
    ] + [
        Column(f.name, f.name, _contribution(j))
        for j, f in enumerate(ranked[0].factors if ranked else [])
    ]
    print(f"Điểm rủi ro {period.display} (risk scores), trọng số phiên bản {config.version}")
    print(f"Đơn vị (units): {units_text(frame_units(frame))}")
    print(render_table(cols, ranked), end="")
    return 0


def _print_plan(run_id: int, seed: int, version: str, plan: Any, samples: dict[str, Any]) -> None:
    print(f"Kế hoạch #{run_id} (plan) — seed {seed}, trọng số (weights) {version}")
    cols = [
        Column("rank", "STT", lambda p: p.rank, "int"),
        Column("kind", "Hình thức", lambda p: KIND_LABELS[p.kind]),
        Column("unit", "Đơn vị", lambda p: p.unit_code),
        Column("score", "Điểm", lambda p: _num(p.score)),
        Column("sample", "Hồ sơ", lambda p: len(samples.get(p.unit_code, [])), "int"),
        Column("reason", "Lý do", lambda p: p.reason),
    ]
    print(render_table(cols, list(plan.picks)), end="")
    for warning in plan.warnings:
        print(f"Lưu ý (note): {warning}")


def plan_command(args: argparse.Namespace) -> int:
    from cchc.inspections.input_source import source_label
    from cchc.inspections.plans import input_source_of, run_plan, units_of, units_text

    period = _period(args.period)
    if args.surprise < 0 or args.rotation < 0:
        raise CommandError("--surprise và --rotation phải ≥ 0 (must be ≥ 0)")
    try:
        run, plan = run_plan(
            period,
            user=None,
            periodic=args.periodic or (),
            surprise_k=args.surprise,
            rotation_k=args.rotation,
            seed=args.seed,
            unit_codes=args.units or None,
            weights_file=Path(args.weights) if args.weights else None,
            as_of=parse_date(args.as_of) if args.as_of else None,
            source_name=args.source,
        )
    except ValueError as exc:
        raise CommandError(str(exc)) from exc
    samples = {p.unit_code: p.sample for p in run.picks.all()}
    source = input_source_of(run)
    if args.format == "json":
        doc = {
            "run_id": run.pk,
            "period": period.label,
            "seed": run.seed,
            "weights_version": run.weights_version,
            "source": source,
            "units_view": units_of(run)["view"],
            "units_day": units_of(run)["day"],
            "picks": [
                p | {"sample": samples.get(p["unit_code"], [])} for p in plan.to_json()["picks"]
            ],
            "warnings": list(plan.warnings),
        }
        print(render_json(doc), end="")
        return 0
    _print_plan(run.pk, run.seed, run.weights_version, plan, samples)
    print(
        f"Dữ liệu đầu vào từ (inputs from): {source_label(source['source'])}, "
        f"dữ liệu đến (data as of) {vn_moment(source['data_as_of'])}"
    )
    print(f"Đơn vị (units): {units_text(units_of(run))}")
    return 0


def replay_command(args: argparse.Namespace) -> int:
    from cchc.inspections.models import PlanRun
    from cchc.inspections.plans import replay, units_of, units_text

    run = PlanRun.objects.filter(pk=args.run_id).first()
    if run is None:
        raise CommandError(f"Không có lần lập kế hoạch #{args.run_id} (no such plan run)")
    again = replay(run)
    same = again.to_json() == run.result
    print(
        f"Kế hoạch #{run.pk}: tính lại từ dữ liệu đã lưu "
        + ("KHỚP (reproduced exactly)" if same else "KHÔNG KHỚP (differs from the stored plan)")
    )
    print(f"Đơn vị (units) như khi lập kế hoạch (as stored): {units_text(units_of(run))}")
    return 0 if same else 1


def remind_command(args: argparse.Namespace) -> int:
    import datetime as dt

    from cchc.inspections.reminders import send_reminders

    today = parse_date(args.today) if args.today else dt.date.today()
    result = send_reminders(today)
    print(
        f"Đã gửi {result.reminders} nhắc hạn (reminders) và {result.escalations} báo cáo quá hạn "
        f"lên Ban Chỉ đạo (escalations) ngày {vn_date(today)}"
    )
    if result.undelivered:
        print(
            f"{result.undelivered} nhắc việc chưa gửi được: không có người nhận, sẽ thử lại lần "
            "chạy sau — xem /thong-bao/chua-gui-duoc/ (undelivered: no recipient; retried)"
        )
    return 0


def _source_argument(p: argparse.ArgumentParser) -> None:
    p.add_argument(
        "--source",
        choices=("auto", "database", "store"),
        default="auto",
        help="đếm trong kho phân tích DuckDB nếu cập nhật, nếu không trong CSDL (auto); hoặc "
        "buộc database / store (count in the store when current, else the database)",
    )
    # the name before 2026.12, kept for scripts: sql = database, analytics = store
    p.add_argument("--engine", dest="source", choices=("sql", "analytics"), help=argparse.SUPPRESS)


def register(commands: Commands) -> None:
    p = commands.subcommand(
        GROUP,
        "risk",
        "Điểm rủi ro theo đơn vị (risk scores per unit)",
        risk_command,
        group_help=GROUP_HELP,
    )
    p.add_argument("--period", required=True, help="2024, 2024-H1, 2024-Q3, 2024-06")
    p.add_argument("--units", nargs="*", metavar="UNIT", help="chỉ các đơn vị này (only these)")
    p.add_argument("--weights", metavar="TOML", help="tệp trọng số (weights file)")
    p.add_argument("--as-of", metavar="DATE", help="ngày đánh giá (judge open dossiers on)")
    p.add_argument("--top", type=int, default=0, help="chỉ N đơn vị đầu (only the first N)")
    _source_argument(p)
    p.add_argument("--format", choices=("table", "json"), default="table")

    p = commands.subcommand(
        GROUP,
        "plan",
        "Lập kế hoạch kiểm tra: định kỳ, đột xuất, luân phiên (plan inspections)",
        plan_command,
        group_help=GROUP_HELP,
    )
    p.add_argument("--period", required=True, help="2024, 2024-H1, 2024-Q3, 2024-06")
    p.add_argument("--periodic", nargs="*", metavar="UNIT", help="đơn vị kiểm tra định kỳ")
    p.add_argument("--surprise", type=int, default=0, metavar="K", help="số đơn vị đột xuất")
    p.add_argument("--rotation", type=int, default=0, metavar="K", help="số đơn vị luân phiên")
    p.add_argument("--seed", type=int, help="hạt giống ngẫu nhiên (random seed)")
    p.add_argument("--units", nargs="*", metavar="UNIT", help="đơn vị được xét (candidates)")
    p.add_argument("--weights", metavar="TOML", help="tệp trọng số (weights file)")
    p.add_argument("--as-of", metavar="DATE", help="ngày đánh giá (judge open dossiers on)")
    _source_argument(p)
    p.add_argument("--format", choices=("table", "json"), default="table")

    p = commands.subcommand(
        GROUP,
        "replay",
        "Tính lại một kế hoạch đã lưu và so sánh (reproduce a stored plan)",
        replay_command,
        group_help=GROUP_HELP,
    )
    p.add_argument("run_id", type=int, metavar="RUN_ID")

    cli_reports.register(commands)  # effect, stats, document

    p = commands.subcommand(
        GROUP,
        "remind",
        "Nhắc hạn và báo cáo quá hạn khắc phục (reminders and escalations)",
        remind_command,
        group_help=GROUP_HELP,
    )
    p.add_argument("--today", metavar="DATE", help="ngày chạy (default today)")
