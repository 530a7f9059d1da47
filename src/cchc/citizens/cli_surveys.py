"""`cchc surveys …`: import survey exports, show satisfaction results, plan a survey sample."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from cchc.cli import CommandError, Commands
from cchc.dossiers.output import FORMATS, Column, records, render_csv, render_json, render_table

GROUP_HELP = "Khảo sát sự hài lòng (satisfaction surveys)"


def import_command(args: argparse.Namespace) -> int:
    from cchc.citizens.survey_import import import_surveys
    from cchc.citizens.survey_mapping import SurveyMappingError
    from cchc.citizens.survey_questionnaire import QuestionnaireError
    from cchc.core.importing import ImportRejected

    path = Path(args.file)
    if not path.is_file():
        raise CommandError(f"Không tìm thấy tệp (file not found): {path}")
    if args.rejected and not args.skip_bad:
        raise CommandError("--rejected chỉ dùng cùng --skip-bad (--rejected needs --skip-bad)")
    try:
        report = import_surveys(
            path,
            args.mapping,
            questionnaire=args.questionnaire,
            skip_bad=args.skip_bad,
            rejected_out=args.rejected,
        )
    except (SurveyMappingError, QuestionnaireError) as exc:
        raise CommandError(str(exc)) from exc
    except ImportRejected as exc:
        print(exc.report(), file=sys.stderr)
        return 1
    print(
        f"Đã nhập {path.name} (imported): {report.rows_total} phiếu (responses) — "
        f"thêm mới {report.inserted} (inserted), cập nhật {report.updated} (updated), "
        f"không đổi {report.unchanged} (unchanged), bị loại {report.rejected} (rejected)"
    )
    for note in report.notes:
        print(note)
    return 0


def _period(text: str) -> object:
    from cchc.core import clock
    from cchc.dossiers.periods import resolve_period

    try:
        return resolve_period(text, None, None, clock.today())
    except ValueError as exc:
        raise CommandError(str(exc)) from exc


def results_command(args: argparse.Namespace) -> int:
    from cchc.citizens.survey_queries import UnitResult, former_codes, min_ranked, unit_results
    from cchc.core import clock
    from cchc.core.unit_views import parse_view, unit_frame
    from cchc.dossiers.periods import Period

    period = _period(args.period)
    assert isinstance(period, Period)
    try:
        frame = unit_frame(parse_view(args.view), period.end, clock.today())
        wanted = former_codes(args.unit, frame) if args.unit else None
        rows = unit_results(period, args.element, wanted, frame)
    except ValueError as exc:
        raise CommandError(str(exc)) from exc
    columns: list[Column] = [
        Column("unit_code", "Mã đơn vị", lambda r: r.unit_code),
        Column("unit_name", "Đơn vị", lambda r: r.unit_name),
        Column("responses", "Số phiếu", lambda r: r.responses, "int"),
        Column("answered", "Trả lời", lambda r: r.now.answered, "int"),
        Column("satisfied", "Hài lòng", lambda r: r.now.satisfied, "int"),
        Column("satisfied_share", "Tỷ lệ hài lòng", lambda r: r.now.share, "rate"),
        Column("ci_low", "Cận dưới 95%", lambda r: r.now.low, "rate"),
        Column("ci_high", "Cận trên 95%", lambda r: r.now.high, "rate"),
        Column("last_year_share", "Cùng kỳ năm trước", lambda r: r.last_year.share, "rate"),
        Column("ranked", "Xếp hạng", lambda r: "có" if r.ranked else "không"),
    ]
    typed: list[UnitResult] = rows
    if args.format == "csv":
        sys.stdout.write(render_csv(columns, typed))
    elif args.format == "json":
        document = {
            "period": {
                "label": period.label,
                "start": period.start.isoformat(),
                "end": period.end.isoformat(),
            },
            "element": args.element,
            "units_view": frame.view.slug,
            "min_ranked": min_ranked(),
            "units": records(columns, typed),
        }
        sys.stdout.write(render_json(document))
    else:
        print(f"{period.display} — yếu tố (element): {args.element}")
        sys.stdout.write(render_table(columns, typed))
        print(f"Xếp hạng khi có ít nhất {min_ranked()} câu trả lời (ranked from this many answers)")
    return 0


def sample_command(args: argparse.Namespace) -> int:
    from cchc.citizens.survey_sample import plan_sample, write_call_list
    from cchc.core.models import Unit
    from cchc.dossiers.periods import Period

    period = _period(args.period)
    assert isinstance(period, Period)
    if not Unit.objects.filter(code=args.unit).exists():
        raise CommandError(f"Không có đơn vị (unknown unit) {args.unit}")
    if not 0 < args.margin < 1:
        raise CommandError(
            "--margin phải trong khoảng (0, 1), ví dụ 0.05 (margin must be in (0, 1))"
        )
    out = Path(args.out)
    if out.suffix.lower() not in {".csv", ".xlsx"}:
        raise CommandError("--out phải là tệp .csv hoặc .xlsx (--out must be a .csv or .xlsx file)")
    plan = plan_sample(args.unit, period, args.margin, args.seed)
    write_call_list(plan, out)
    print(
        f"{args.unit}, {period.display}: {plan.population} hồ sơ đã giải quyết (ended dossiers),"
        f" cỡ mẫu (sample size) {plan.size}, sai số (margin) {args.margin:g},"
        f" hạt giống (seed) {args.seed}"
    )
    for code, (ended, drawn) in plan.strata.items():
        print(f"  {code}: {drawn}/{ended}")
    print(f"Đã ghi danh sách (call list written to) {out}")
    return 0


def register(commands: Commands) -> None:
    from cchc.citizens.survey_questionnaire import ELEMENTS

    imp = commands.subcommand(
        "surveys",
        "import",
        "Nhập phiếu khảo sát từ CSV, XLSX, KoboToolbox, ODK (import survey responses)",
        import_command,
        group_help=GROUP_HELP,
    )
    imp.add_argument("file", metavar="FILE", help="tệp .csv hoặc .xlsx")
    imp.add_argument(
        "--mapping",
        default="canonical",
        metavar="NAME|FILE",
        help="ánh xạ cột: canonical, kobo, odk hoặc tệp TOML (column mapping)",
    )
    imp.add_argument(
        "--questionnaire", metavar="FILE", help="bộ câu hỏi TOML khác (another questionnaire file)"
    )
    imp.add_argument(
        "--skip-bad",
        action="store_true",
        help="nhập các dòng hợp lệ, bỏ qua dòng lỗi (import good rows, set bad ones aside)",
    )
    imp.add_argument(
        "--rejected",
        metavar="OUT.csv",
        help="ghi các dòng bị loại kèm số dòng và lý do (write rejected rows with line and reason)",
    )
    res = commands.subcommand(
        "surveys",
        "results",
        "Tỷ lệ hài lòng theo đơn vị (satisfaction by unit)",
        results_command,
        group_help=GROUP_HELP,
    )
    res.add_argument("--period", required=True, help="2025, 2025-H1, 2025-Q3, 2025-06")
    res.add_argument("--by", choices=("unit",), default="unit", help="theo đơn vị (by unit)")
    res.add_argument(
        "--element", choices=ELEMENTS, default="overall", help="yếu tố (element); mặc định overall"
    )
    res.add_argument("--unit", metavar="CODE", help="chỉ một đơn vị (one unit only)")
    res.add_argument(
        "--view",
        default="as-was",
        help="as-was (đơn vị như khi đó) hoặc as-is (đơn vị hiện nay, gộp đơn vị tiền thân)",
    )
    res.add_argument("--format", choices=FORMATS, default="table", help="table, csv, json")
    smp = commands.subcommand(
        "surveys",
        "sample",
        "Chọn mẫu hồ sơ để khảo sát (plan a survey sample)",
        sample_command,
        group_help=GROUP_HELP,
    )
    smp.add_argument("--period", required=True, help="2025, 2025-H1, 2025-Q3, 2025-06")
    smp.add_argument("--unit", required=True, metavar="CODE", help="mã đơn vị (unit code)")
    smp.add_argument(
        "--margin",
        type=float,
        default=0.05,
        help="sai số cho phép (margin of error), mặc định 0.05",
    )
    smp.add_argument("--seed", type=int, default=0, help="hạt giống ngẫu nhiên (random seed)")
    smp.add_argument("--out", required=True, metavar="FILE", help="tệp .csv hoặc .xlsx")
