"""`cchc indices import|list`: published results of external indices (PAPI, PAR INDEX, SIPAS)."""

from __future__ import annotations

import argparse
import csv
import json
import sys
from pathlib import Path

from cchc.cli import CommandError, Commands

LIST_COLUMNS = (
    "index", "year", "province", "level", "code", "name", "value", "max", "rank", "rank_of",
    "source", "source_url", "page", "origin", "unconfirmed", "note", "province_code", "name_en",
    "rank_origin",
)  # fmt: skip


def import_file(args: argparse.Namespace) -> int:
    from cchc.core.importing import ImportRejected
    from cchc.plans.indices_import import import_indices

    path = Path(args.file)
    if not path.exists():
        raise CommandError(f"Không tìm thấy tệp (file not found): {path}")
    try:
        report = import_indices(path, args.format, province=args.province)
    except ImportRejected as exc:
        raise CommandError(exc.report()) from exc
    for line in report.lines():
        print(line)
    return 0


def _rows(args: argparse.Namespace) -> list[dict[str, object]]:
    from cchc.plans.indices_figures import province_key
    from cchc.plans.models_indices import IndexResult

    rows = IndexResult.objects.all()
    if args.index:
        rows = rows.filter(index__iexact=args.index)
    if args.year:
        rows = rows.filter(year=args.year)
    if args.province:
        rows = rows.filter(province_key=province_key(args.province))
    return [
        {
            "index": r.index,
            "year": r.year,
            "province": r.province,
            "level": r.level,
            "code": r.code,
            "name": r.name,
            "value": None if r.value is None else str(r.value),
            "max": None if r.maximum is None else str(r.maximum.normalize()),
            "rank": r.rank,
            "rank_of": r.rank_of,
            "source": r.source,
            "source_url": r.source_url,
            "page": r.source_page,
            "origin": r.origin,
            "unconfirmed": r.unconfirmed,
            "note": r.note,
            "province_code": r.province_code,
            "name_en": r.name_en,
            "rank_origin": r.rank_origin,
        }
        for r in rows.order_by("index", "year", "province_key", "code")
    ]


def list_results(args: argparse.Namespace) -> int:
    rows = _rows(args)
    if args.format == "json":
        print(json.dumps(rows, ensure_ascii=False, indent=2))
        return 0
    if args.format == "csv":
        writer = csv.DictWriter(sys.stdout, fieldnames=LIST_COLUMNS, lineterminator="\n")
        writer.writeheader()
        for row in rows:
            writer.writerow({**row, "unconfirmed": "1" if row["unconfirmed"] else "0"})
        return 0
    if not rows:
        print("Không có số liệu (no figures).")
        return 0
    for row in rows:
        value = "—" if row["value"] is None else row["value"]
        rank = f" hạng {row['rank']}" + (f"/{row['rank_of']}" if row["rank_of"] else "")
        flag = " *chưa xác nhận" if row["unconfirmed"] else ""
        print(
            f"{row['index']}\t{row['year']}\t{row['province']}\t{row['code']}\t{value}"
            f"{rank if row['rank'] else ''}\t{row['origin']}{flag}"
        )
    print(f"{len(rows)} số liệu (figures); * chưa được nguồn in xác nhận (not confirmed in print)")
    return 0


def register(commands: Commands) -> None:
    group = "indices"
    group_help = "Chỉ số bên ngoài: PAPI, PAR INDEX, SIPAS (external indices)"
    imp = commands.subcommand(
        group,
        "import",
        "Nhập kết quả chỉ số đã công bố, tất cả hoặc không (import published results)",
        import_file,
        group_help=group_help,
    )
    imp.add_argument("file", help="tệp CSV hoặc XLSX (CSV or XLSX file)")
    imp.add_argument(
        "--format",
        choices=["papi-long", "canonical"],
        default="papi-long",
        help="papi-long: tệp PAPI dạng dài của bộ số liệu; canonical: tệp chuẩn (docs/plans.md)",
    )
    imp.add_argument(
        "--province",
        help="tỉnh của tệp không có cột tỉnh (province of a file without one, e.g. brvt-other-"
        "indices.csv)",
    )
    lst = commands.subcommand(
        group, "list", "Liệt kê kết quả chỉ số (list results)", list_results, group_help=group_help
    )
    lst.add_argument("--index", help="PAPI, PAR INDEX, SIPAS, …")
    lst.add_argument("--year", type=int, help="năm (year)")
    lst.add_argument("--province", help="tỉnh (province), ví dụ 'Bà Rịa – Vũng Tàu'")
    lst.add_argument("--format", choices=["table", "csv", "json"], default="table")
