"""Survey sample planning: how many of a unit's ended dossiers to call, and which ones.

N = the unit's dossiers ended in the period (the rulebook's "ended": counted and finished in the
period, rules.SUMMARY_COUNTS["ended"]); n = sample_size(N, margin); a draw stratified by procedure
with proportional allocation (largest remainders), reproducible from the seed. The call list
carries the dossier, its procedure, its finish day and the applicant's pseudonym only.
"""

from __future__ import annotations

import csv
import datetime as dt
from dataclasses import dataclass
from pathlib import Path

from django.db.models import Count, QuerySet

from cchc.citizens.survey_rules import allocate, sample_size
from cchc.core.models import Procedure
from cchc.dossiers.models import Dossier
from cchc.dossiers.periods import Period
from cchc.dossiers.rulebook.rules import SUMMARY_COUNTS
from cchc.dossiers.selection import condition
from cchc.inspections.sampling import generator
from cchc.web.xlsx_sheet import SheetColumn, add_sheet, new_book, safe_cell

DEFAULT_MARGIN = 0.05


@dataclass(frozen=True)
class CallListRow:
    dossier_code: str
    procedure_code: str
    procedure_name: str
    finished_on: dt.date | None
    applicant_pseudonym: str


@dataclass(frozen=True)
class SamplePlan:
    unit_code: str
    period: Period
    margin: float
    seed: int
    population: int  # N: dossiers ended in the period
    size: int  # n
    strata: dict[str, tuple[int, int]]  # procedure code -> (ended, drawn)
    rows: list[CallListRow]


def _ended(unit_code: str, period: Period) -> QuerySet[Dossier]:
    params = {"start": period.start, "end": period.end}
    return Dossier.objects.filter(condition(SUMMARY_COUNTS["ended"], params), unit_code=unit_code)


def plan_sample(
    unit_code: str, period: Period, margin: float = DEFAULT_MARGIN, seed: int = 0
) -> SamplePlan:
    ended = _ended(unit_code, period)
    strata = {
        r["procedure_code"]: int(r["n"])
        for r in ended.values("procedure_code").annotate(n=Count("id"))
    }
    population = sum(strata.values())
    size = sample_size(population, margin)
    shares = allocate(strata, size)
    names = dict(Procedure.objects.filter(code__in=list(strata)).values_list("code", "name"))
    rows: list[CallListRow] = []
    for code in sorted(strata):
        take = shares[code]
        if take <= 0:
            continue
        dossiers = list(
            ended.filter(procedure_code=code)
            .order_by("code")
            .values_list("code", "finished_on", "applicant_pseudonym")
        )
        rng = generator(seed, unit_code, period.label, code)
        picks = sorted(int(i) for i in rng.choice(len(dossiers), size=take, replace=False))
        for index in picks:
            dossier_code, finished_on, pseudonym = dossiers[index]
            rows.append(
                CallListRow(dossier_code, code, names.get(code, ""), finished_on, pseudonym)
            )
    return SamplePlan(
        unit_code=unit_code,
        period=period,
        margin=margin,
        seed=seed,
        population=population,
        size=size,
        strata={code: (strata[code], shares[code]) for code in sorted(strata)},
        rows=rows,
    )


CALL_LIST_COLUMNS = (
    ("dossier_code", "Mã hồ sơ", 24, "text"),
    ("procedure_code", "Mã thủ tục", 16, "text"),
    ("procedure_name", "Tên thủ tục", 48, "text"),
    ("finished_on", "Ngày kết thúc xử lý", 14, "date"),
    ("applicant_pseudonym", "Mã bí danh người nộp", 24, "text"),
)


def _csv_value(value: object) -> object:
    if isinstance(value, dt.date):
        return value.isoformat()
    return safe_cell(value) if isinstance(value, str) else value


def write_call_list(plan: SamplePlan, path: Path | str) -> Path:
    """The call list as CSV (UTF-8 with BOM, ISO dates) or XLSX (by the file's suffix)."""
    path = Path(path)
    values = [[getattr(row, code) for code, _h, _w, _k in CALL_LIST_COLUMNS] for row in plan.rows]
    if path.suffix.lower() == ".xlsx":
        book = new_book()
        title = [
            f"Danh sách khảo sát: đơn vị {plan.unit_code}, {plan.period.display}",
            f"Cỡ mẫu {plan.size} trên {plan.population} hồ sơ đã giải quyết; sai số"
            f" {plan.margin:g}; hạt giống {plan.seed}",
        ]
        columns = [SheetColumn(h, w, k) for _c, h, w, k in CALL_LIST_COLUMNS]
        add_sheet(book, "Danh sách", title, columns, values)
        book.save(path)
        return path
    with path.open("w", encoding="utf-8-sig", newline="") as out:
        writer = csv.writer(out)
        writer.writerow([code for code, _h, _w, _k in CALL_LIST_COLUMNS])
        for line in values:
            writer.writerow([_csv_value(v) for v in line])
    return path
