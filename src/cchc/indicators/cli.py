"""Commands: `cchc indicators …`, `cchc analytics …`, `cchc import portal-scores FILE`."""

from __future__ import annotations

import argparse
import datetime as dt
from pathlib import Path
from typing import TYPE_CHECKING

from cchc.cli import CommandError, Commands
from cchc.core.unit_views import VIEW_HELP, UnitView, parse_view
from cchc.core.vn_format import vn_date, vn_moment
from cchc.dossiers.periods import Period, resolve_period
from cchc.indicators import cli_portal

if TYPE_CHECKING:
    from cchc.indicators.compute import ItemRow


def _period(args: argparse.Namespace) -> Period:
    """The period asked for; relative codes count from --as-of (else today), and a period that
    begins after that day is refused."""
    try:
        today = _today(args) or dt.date.today()
        return resolve_period(args.period, args.date_from, args.date_to, today)
    except ValueError as exc:
        raise CommandError(str(exc)) from exc


def _view(args: argparse.Namespace) -> UnitView:
    """`--view as-was|as-is`; `--as-is` (the older flag) means `--view as-is`."""
    try:
        view = parse_view(args.view)
    except ValueError as exc:
        raise CommandError(str(exc)) from exc
    if args.as_is:
        if args.view and view != UnitView.AS_IS:
            raise CommandError(
                "--as-is mâu thuẫn với --view as-was (--as-is contradicts --view as-was)"
            )
        return UnitView.AS_IS
    return view


def _view_options(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--view",
        metavar="as-was|as-is",
        help=f"cách xem đơn vị (unit view): as-was, mặc định — {VIEW_HELP[UnitView.AS_WAS]};"
        f" as-is — {VIEW_HELP[UnitView.AS_IS]}",
    )
    parser.add_argument("--as-is", action="store_true", help="= --view as-is (tên cũ, old name)")


def _today(args: argparse.Namespace) -> dt.date | None:
    return dt.date.fromisoformat(args.today) if getattr(args, "today", None) else None


def _period_options(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--period", help="kỳ: 2025, 2025-H1, 2025-Q3, 2025-06")
    parser.add_argument("--from", dest="date_from", help="từ ngày (YYYY-MM-DD)")
    parser.add_argument("--to", dest="date_to", help="đến ngày (YYYY-MM-DD)")
    parser.add_argument(
        "--as-of", "--today", dest="today", help="ngày tham chiếu thay cho hôm nay (reference day)"
    )


def indicators(args: argparse.Namespace) -> int:
    from cchc.indicators.compute import compute
    from cchc.indicators.render import render

    period = _period(args)
    view = _view(args)
    try:
        comp = compute(
            period,
            by=args.by,
            unit_code=args.unit,
            view=view,
            engine=args.engine,
            today=_today(args),
            compare=args.compare,
        )
    except ValueError as exc:
        raise CommandError(str(exc)) from exc
    if args.format == "table":
        as_of = comp.stamp.as_of_with_rules if comp.stamp else "—"
        print(
            f"Kỳ (period) {period.display}; bộ chỉ số (catalogue) {comp.version}; "
            f"số liệu đến (data as of) {as_of}"
        )
        print(
            f"Đơn vị (units): {view.label}, cơ cấu ngày {vn_date(comp.frame.day)}"
            + ("; cùng kỳ năm trước tính trên cùng đơn vị (a year earlier: the same units)"
               if args.compare else "")
            + _cut_note(comp.previous_period, period)
        )  # fmt: skip
    print(render(comp, args.format).rstrip("\n"))
    return 0


def _cut_note(before: Period | None, period: Period) -> str:
    """While the period runs, last year is compared up to the same day: say so."""
    if before is None or before.end >= period.previous_year().end:
        return ""
    return f"; cùng kỳ năm trước đến ngày {vn_date(before.end)} (a year earlier, to the same day)"


def _print_items(rows: list[ItemRow], source: str) -> None:
    """A citizens' source's items: survey answers (id, date, question, score) or feedback
    items (id, dates, state); the store holds no personal data to print."""
    if source == "surveys":
        print("response_id\tunit\tanswered\telement\tscore\tnum\tden")
        cells = [
            [r.code, r.unit_code, vn_date(r.answered_on), r.element or "", str(r.score)]
            for r in rows
        ]
    else:
        print("item_id\tunit\treceived\tdue\tanswered\tclosed\tstate\tnum\tden")
        cells = [
            [
                r.code,
                r.unit_code,
                vn_date(r.received_on),
                vn_date(r.due_on),
                vn_date(r.answered_on),
                vn_date(r.closed_on),
                r.state or "",
            ]
            for r in rows
        ]
    for r, c in zip(rows, cells, strict=True):
        print("\t".join([*c, "1" if r.in_numerator else "0", "1" if r.in_denominator else "0"]))
    num = sum(r.in_numerator for r in rows)
    den = sum(r.in_denominator for r in rows)
    print(f"Tổng (total): numerator {num}, denominator {den}")


def explain(args: argparse.Namespace) -> int:
    from cchc.indicators.compute import ExplainRow, ItemRow
    from cchc.indicators.compute import explain as run_explain

    period = _period(args)
    view = _view(args)
    try:
        ind, rows = run_explain(args.code, period, args.unit, view=view, today=_today(args))
    except (KeyError, ValueError) as exc:
        raise CommandError(str(exc.args[0] if exc.args else exc)) from exc
    print(f"{ind.code} {ind.name_vi} ({ind.name_en}) — {period.display}, {args.unit}")
    print(f"Đơn vị (units): {view.label}")
    if not ind.has_data:
        print("Không có dữ liệu nguồn trong cchc (no source data in cchc)")
        return 0
    print(f"numerator:   {ind.numerator.sql() if ind.numerator else '—'}")
    print(f"denominator: {ind.denominator.sql() if ind.denominator else '—'}")
    if ind.source != "dossiers":
        _print_items([r for r in rows if isinstance(r, ItemRow)], ind.source)
        return 0
    rows = [r for r in rows if isinstance(r, ExplainRow)]
    print("code\tunit\tprocedure\tchannel\treceived\tdeadline\tfinished\tnum\tden")
    for r in rows:
        print(
            "\t".join(
                [
                    r.code,
                    r.unit_code,
                    r.procedure_code,
                    r.channel,
                    vn_date(r.received_on),
                    vn_date(r.deadline_on),
                    vn_date(r.finished_on),
                    "1" if r.in_numerator else "0",
                    "1" if r.in_denominator else "0",
                ]
            )
        )
    num = sum(r.in_numerator for r in rows)
    den = sum(r.in_denominator for r in rows)
    print(f"Tổng (total): numerator {num}, denominator {den}")
    return 0


def rankings(args: argparse.Namespace) -> int:
    from cchc.indicators.ranking_out import render
    from cchc.indicators.web_data import min_ranked, ranking

    period = _period(args)
    try:
        ranked = ranking(period, None, min_ranked(args.min), today=_today(args), view=_view(args))
    except ValueError as exc:
        raise CommandError(str(exc)) from exc
    if args.format == "table":
        print(
            f"Kỳ (period) {period.display}; đơn vị (units) {ranked.units_view}; "
            f"bộ chỉ số (catalogue) {ranked.version}; "
            f"số liệu đến (data as of) {vn_moment(ranked.data_as_of)}; xếp theo tỷ lệ điểm đạt "
            "trên số điểm có dữ liệu (ordered by share = total / max_with_data)"
        )
    print(render(ranked, args.format).rstrip("\n"))
    if args.format == "table":
        if ranked.other_set_note:
            print(ranked.other_set_note)
            print(f"Bộ chỉ tiêu của đa số (common set): {', '.join(ranked.common_indicators)}")
        print(
            f"Chỉ xếp hạng đơn vị có từ {ranked.min_dossiers} hồ sơ; {ranked.hidden} đơn vị ít hơn"
            " không được xếp hạng (units below the minimum are not ranked)"
        )
    return 0


def weights_load(args: argparse.Namespace) -> int:
    from cchc.indicators.weights import load_weight_file

    try:
        row = load_weight_file(Path(args.file))
    except (OSError, ValueError) as exc:
        raise CommandError(str(exc)) from exc
    print(
        f"Đã lưu phiên bản trọng số (weight version saved) {row.version}, "
        f"hiệu lực từ {vn_date(row.effective_from)}: "
        f"{row.weights.count()} chỉ số"
    )
    return 0


def weights_list(args: argparse.Namespace) -> int:
    from cchc.indicators.weights import shipped_catalogue, stored_versions

    cat = shipped_catalogue()
    print(f"{cat.version}\t{vn_date(cat.effective_from)}\t(phiên bản gốc, shipped)")
    for v in sorted(stored_versions(), key=lambda v: v.effective_from):
        print(f"{v.version}\t{vn_date(v.effective_from)}\t{len(v.weights)} chỉ số\t{v.note}")
    return 0


def portal_compare(args: argparse.Namespace) -> int:
    from cchc.dossiers.periods import parse_period
    from cchc.indicators.portal_history import compare, series

    try:
        label = parse_period(args.period).label
        result = compare(label, args.unit, today=_today(args))
    except ValueError as exc:
        raise CommandError(str(exc)) from exc
    print(f"{result.department_code} {result.department_name} — kỳ {label}")
    print(
        "Lịch sử điểm Cổng DVC (portal history): "
        + ", ".join(f"{vn_date(s.snapshot.as_of)} {s.total}" for s in series(args.unit, label))
    )
    print(
        f"Đơn vị cchc (cchc unit): {result.unit_code or 'chưa khớp (unmatched)'}; "
        f"bộ chỉ số {result.version or '—'}"
    )
    lines = cli_portal.unmatched_lines(result.unmatched, result.table_rows)
    print(f"Bảng điểm ngày (table of) {vn_date(result.as_of)}: " + "\n".join(lines))
    print("nhóm\tCổng DVC\tcchc\tchênh lệch (cchc − portal)")
    total_change = (
        None
        if result.cchc_total is None or result.portal_total is None
        else result.cchc_total - result.portal_total
    )

    def fmt(v: float | None) -> str:
        return "—" if v is None else f"{v:.2f}"

    for g in range(1, 6):
        print(
            f"{g}\t{fmt(result.portal.get(g))}\t{fmt(result.cchc.get(g))}\t{fmt(result.difference(g))}"
        )
    print(f"tổng\t{fmt(result.portal_total)}\t{fmt(result.cchc_total)}\t{fmt(total_change)}")
    return 0


def import_portal_scores(args: argparse.Namespace) -> int:
    from cchc.core.importing import ImportRejected
    from cchc.indicators.portal_history import import_portal_file

    path = Path(args.file)
    if not path.exists():
        raise CommandError(f"Không tìm thấy tệp (file not found): {path}")
    try:
        result = import_portal_file(
            path,
            period=args.period,
            as_of=dt.date.fromisoformat(args.as_of) if args.as_of else None,
            scope_code=args.scope,
            level=args.level,
        )
    except ImportRejected as exc:
        raise CommandError(exc.report()) from exc
    snap = result.snapshot
    words = {
        "created": "đã nhập (imported)",
        "replaced": "đã thay (replaced)",
        "unchanged": "không đổi (unchanged)",
    }
    print(
        f"{path.name}: {words[result.status]} — {result.rows} đơn vị, cấp {snap.level}, "
        f"kỳ {snap.period_label}, "
        f"số liệu ngày {vn_date(snap.as_of)}"
    )
    for line in cli_portal.unmatched_lines(result.unmatched, result.rows):
        print(line)
    return 0


def register(commands: Commands) -> None:
    p = commands.command("indicators", "Chỉ số 766 và chỉ số vận hành (indicators)", indicators)
    _period_options(p)
    p.add_argument(
        "--by",
        choices=["total", "unit", "sector", "procedure", "month", "channel", "level"],
        default="total",
    )
    p.add_argument("--unit", help="mã đơn vị: đơn vị này và các đơn vị trực thuộc (unit and below)")
    _view_options(p)
    p.add_argument("--engine", choices=["duckdb", "spark"], default="duckdb")
    p.add_argument("--format", choices=["table", "csv", "json"], default="table")
    p.add_argument(
        "--compare",
        action="store_true",
        help="so với cùng kỳ năm trước (same period a year earlier)",
    )
    sub = p.add_subparsers(dest="indicators_command", metavar="LỆNH")
    e = sub.add_parser("explain", help="hồ sơ trong tử số/mẫu số (dossiers behind an indicator)")
    e.add_argument("code")
    _period_options(e)
    e.add_argument("--unit", required=True)
    _view_options(e)
    e.set_defaults(handler=explain)
    r = sub.add_parser(
        "ranking", help="xếp hạng theo tỷ lệ điểm đạt (units ranked by share of points judged)"
    )
    _period_options(r)
    r.add_argument("--min", type=int, help="số hồ sơ tối thiểu, chỉ nâng (minimum dossiers)")
    r.add_argument("--format", choices=["table", "csv", "json"], default="table")
    _view_options(r)
    r.set_defaults(handler=rankings)
    w = sub.add_parser("weights", help="phiên bản trọng số (weight versions)")
    wsub = w.add_subparsers(dest="weights_command", metavar="LỆNH")
    wl = wsub.add_parser("load", help="nạp tệp TOML trọng số (load a weight file)")
    wl.add_argument("file")
    wl.set_defaults(handler=weights_load)
    wsub.add_parser("list", help="liệt kê (list)").set_defaults(handler=weights_list)
    w.set_defaults(handler=weights_list)
    pc = sub.add_parser(
        "portal", help="điểm Cổng DVC bên cạnh điểm cchc (portal scores beside cchc's)"
    )
    pc.add_argument("--period", required=True)
    pc.add_argument(
        "--unit", required=True, help="mã đơn vị trên Cổng (portal unit code, e.g. H21.17)"
    )
    pc.add_argument("--today", help=argparse.SUPPRESS)
    pc.set_defaults(handler=portal_compare)
    cli_portal.register(sub)

    ip = commands.subcommand(
        "import",
        "portal-scores",
        "Nhập bảng điểm 766 của Cổng DVC quốc gia (portal scores)",
        import_portal_scores,
        group_help="Nhập dữ liệu (import data)",
    )
    ip.add_argument("file")
    ip.add_argument("--period", help="kỳ, nếu tên tệp không có (period if not in the file name)")
    ip.add_argument("--as-of", help="ngày số liệu YYYY-MM-DD (date of the snapshot)")
    ip.add_argument(
        "--scope",
        default="",
        help="mã đơn vị cha cho tệp CSV cấp sở/xã (parent unit for unit CSVs)",
    )
    ip.add_argument("--level", default="province", choices=["province", "agency", "commune"])
