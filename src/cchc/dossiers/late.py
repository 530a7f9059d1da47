"""The late list: dossiers that ended late in a period, and those open and overdue at its end.
Filtered by a hidden-lateness flag it lists the rulebook's FLAG_COUNTS instead: every counted
dossier in the period carrying the flag, late or not (the unit page's count of that flag), each
row saying whether it is late. Asked for a `count` it is the dossier list behind that figure of
the summary (rules.LIST_COUNTS: "dossiers", "ended", ...), so every figure opens its dossiers.

Days late are working days (timing.days_late): at the finish for ended dossiers, at the
reference date min(period end, today) for open ones (rulebook/period.py).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Collection, Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np
import numpy.typing as npt
from django.core.exceptions import EmptyResultSet
from django.db import connection
from django.db.models import BooleanField, ExpressionWrapper, QuerySet

from cchc.core.calendar_db import get_calendar
from cchc.dossiers import selection
from cchc.dossiers.late_reasons import Reason, late_reasons, reasons_text
from cchc.dossiers.models import Dossier
from cchc.dossiers.periods import Period
from cchc.dossiers.rulebook import rules
from cchc.dossiers.rulebook.period import (
    days_late_in_period,
    due_soon_cutoff,
    finished_by,
    reference_date,
)

FLAGS = {
    "beyond_statutory": "Hẹn trả vượt thời hạn",
    "late_no_apology": "Trễ hạn không xin lỗi",
    "repeated_supplements": "Bổ sung nhiều lần",
}
STATUS_ENDED_LATE = "Quá hạn đã xử lý"
STATES = {"ended": STATUS_ENDED_LATE, "open": "Đang quá hạn"}  # rules.LATE_STATES
STATUS_OPEN_OVERDUE = "Đang quá hạn"
# count → what its list holds (rules.LIST_COUNTS: each of the summary's counts as its dossiers)
COUNTS = {
    "dossiers": "Hồ sơ trong kỳ",
    "ended": "Hồ sơ đã giải quyết",
    "early": "Hồ sơ giải quyết trước hạn",
    "on_time": "Hồ sơ giải quyết đúng hạn",
    "late": "Hồ sơ quá hạn đã xử lý",
    "open": "Hồ sơ đang giải quyết",
    "open_in_time": "Hồ sơ đang giải quyết còn hạn",
    "open_due_soon": "Hồ sơ sắp đến hạn",
    "open_overdue": "Hồ sơ đang quá hạn",
    "received_in_period": "Hồ sơ mới tiếp nhận trong kỳ",
    "carried_over": "Hồ sơ kỳ trước chuyển qua",
    "received_online": "Hồ sơ nộp trực tuyến",
    "received_in_person": "Hồ sơ nộp trực tiếp",
    "received_postal": "Hồ sơ nộp qua bưu chính",
    "not_received": "Hồ sơ chưa tiếp nhận",
    "refused_at_intake": "Hồ sơ không được tiếp nhận",
    "withdrawn": "Hồ sơ rút",
    "returned_unprocessed": "Hồ sơ trả lại, dừng xử lý",
}
LATE_TITLE = "Hồ sơ trễ hạn"
# rows of a flag's list that are not late (FLAG_COUNTS holds them too)
STATUS_ENDED_NOT_LATE = "Đã giải quyết, không trễ hạn"
STATUS_OPEN_NOT_LATE = "Đang giải quyết, chưa quá hạn"
# order → (column of the sort key, descending); ties are broken by dossier code
ORDERS: dict[str, tuple[str, bool]] = {
    "-days_late": ("days_late", True),
    "days_late": ("days_late", False),
    "received_on": ("received_on", False),
    "-received_on": ("received_on", True),
    "deadline_on": ("deadline_on", False),
    "-deadline_on": ("deadline_on", True),
    "finished_on": ("finished_on", False),
    "unit_code": ("unit_code", False),
    "code": ("code", False),
}
ROW_FIELDS = (
    "id",
    "code",
    "unit_code",
    "procedure_code",
    "sector",
    "channel",
    "received_on",
    "deadline_on",
    "statutory_due_on",
    "finished_on",
    "applicant_pseudonym",
    "flag_beyond_statutory",
    "flag_late_no_apology",
    "flag_repeated_supplements",
    "supplement_requests",
    "finish_outcome",
)


@dataclass(frozen=True)
class LateFilter:
    unit_codes: Collection[str] | None = None
    sector: str | None = None
    procedure_code: str | None = None
    flag: str | None = None  # one of FLAGS
    state: str | None = None  # one of STATES: only ended late, or only open and overdue
    count: str | None = None  # one of COUNTS: the dossiers of that summary count, late or not

    @property
    def title(self) -> str:
        """What the list holds: "Hồ sơ đã giải quyết", "Hồ sơ trễ hạn"."""
        if self.count is not None:
            return COUNTS.get(self.count, LATE_TITLE)
        if self.state is not None:
            return COUNTS["late" if self.state == "ended" else "open_overdue"]
        return LATE_TITLE


@dataclass(frozen=True)
class LateRow:
    code: str
    unit_code: str
    procedure_code: str
    sector: str
    channel: str
    received_on: dt.date
    deadline_on: dt.date | None
    statutory_due_on: dt.date | None
    finished_on: dt.date | None  # None while open at the period's end
    days_late: int  # working days
    status_label: str
    flags: list[str]
    applicant_pseudonym: str
    supplement_requests: int = 0
    late: bool = True  # False only on a flag's or a count's list, for a dossier not late
    by_count: bool = False  # on a count's list (COUNTS): a row not late is there for the count

    @property
    def reasons(self) -> list[Reason]:
        """Why it is on the list (late_reasons.py)."""
        return late_reasons(
            days_late=self.days_late,
            finished_on=self.finished_on,
            deadline_on=self.deadline_on,
            statutory_due_on=self.statutory_due_on,
            flags=self.flags,
            supplement_requests=self.supplement_requests,
            late=self.late,
            by_count=self.by_count,
        )

    @property
    def reasons_text(self) -> str:
        """The reasons in Vietnamese, separated by "; " (exports, the API)."""
        return reasons_text(self.reasons)


def _days(values: list[dt.date | None]) -> npt.NDArray[np.datetime64]:
    return np.array([np.datetime64("NaT") if v is None else v for v in values], "datetime64[D]")


def late_days(
    rows: list[tuple[dt.date | None, dt.date | None]], end: dt.date, reference: dt.date
) -> list[int]:
    """Working days late; a dossier finished after the period's end is judged as open."""
    if not rows:
        return []
    deadlines = _days([d for d, _ in rows])
    finished = _days([f for _, f in rows])
    result = days_late_in_period(deadlines, finished, end, reference, get_calendar())
    return [int(x) for x in result]


def check_arguments(order: str, f: LateFilter) -> None:
    """ValueError (Vietnamese, then English) for an unknown order or flag."""
    if order not in ORDERS:
        raise ValueError(
            f"Thứ tự không hợp lệ {order!r}: dùng {', '.join(ORDERS)} "
            f"(invalid order; use {', '.join(ORDERS)})"
        )
    if f.flag is not None and f.flag not in FLAGS:
        raise ValueError(
            f"Dấu hiệu không hợp lệ {f.flag!r}: dùng {', '.join(FLAGS)} "
            f"(invalid flag; use {', '.join(FLAGS)})"
        )
    if f.state is not None and f.state not in STATES:
        raise ValueError(
            f"Tình trạng không hợp lệ {f.state!r}: dùng {', '.join(STATES)} "
            f"(invalid state; use {', '.join(STATES)})"
        )
    if f.count is not None and f.count not in COUNTS:
        raise ValueError(
            f"Số liệu không hợp lệ {f.count!r}: dùng {', '.join(COUNTS)} "
            f"(invalid count; use {', '.join(COUNTS)})"
        )


def late_queryset(period: Period, f: LateFilter, reference: dt.date) -> QuerySet[Dossier]:
    """The dossiers on the late list of `period` under filter `f` (unordered); with a flag, the
    counted dossiers in the period that carry it (rules.FLAG_COUNTS), late or not; with a count,
    the dossiers the summary counts under that name (rules.LIST_COUNTS), late or not."""
    params = {
        "start": period.start,
        "end": period.end,
        "ref": reference,
        "soon": due_soon_cutoff(reference, get_calendar()),
    }
    listed = rules.LATE_LIST if f.flag is None else rules.FLAG_COUNTS[f.flag]
    if f.count is not None:
        base = rules.LIST_COUNTS[f.count]
        listed = base if f.flag is None else base & rules.FLAGS[f.flag]
    if f.state is not None:
        listed = listed & rules.LATE_STATES[f.state]
    qs = Dossier.objects.filter(
        selection.condition(listed, params) & selection.unit_filter(f.unit_codes)
    )
    if f.sector is not None:
        qs = qs.filter(sector=f.sector)
    if f.procedure_code is not None:
        qs = qs.filter(procedure_code=f.procedure_code)
    return qs


def rows_of(
    ids: Sequence[int], period: Period, reference: dt.date, by_count: bool = False
) -> list[LateRow]:
    """The late rows of `ids`, in that order; a dossier deleted since is skipped. `by_count`:
    the rows of a count's list (their reasons say so)."""
    if not ids:
        return []
    params = {"start": period.start, "end": period.end, "ref": reference}
    # the rulebook's answer, for the rows of a flag's or a count's list that are not late
    late_at_ref = ExpressionWrapper(
        selection.condition(rules.LATE_AT_REF, params), output_field=BooleanField()
    )
    rows = Dossier.objects.filter(id__in=ids).annotate(late_at_ref=late_at_ref)
    by_id = {r[0]: r for r in rows.values_list(*ROW_FIELDS, "late_at_ref")}
    page = [by_id[i] for i in ids if i in by_id]
    lateness = late_days([(r[7], r[9]) for r in page], period.end, reference)
    late = {r[0] for r in page if r[-1]}
    return [
        late_row(r[:-1], d, period.end, r[0] in late, by_count)
        for r, d in zip(page, lateness, strict=True)
    ]


Ranker = Callable[[Period, LateFilter, dt.date, str, int, int], tuple[list[int], int]]


def rank_page(
    period: Period, f: LateFilter, reference: dt.date, order: str, offset: int, limit: int
) -> tuple[list[int], int]:
    """The ids of one page in list order and the number listed, ranked in the database."""
    qs = late_queryset(period, f, reference)
    return rank_ids(qs, period.end, reference, order, offset, limit)


def late_dossiers(
    period: Period,
    filt: LateFilter | None = None,
    order: str = "-days_late",
    offset: int = 0,
    limit: int = 100,
    as_of: dt.date | None = None,
    ranker: Ranker = rank_page,
) -> tuple[list[LateRow], int]:
    """One page of the late list and the number of dossiers on it in all; `ranker` gives the
    page's ids (the web passes one that keeps whole rankings: web/late_cache.py)."""
    f = filt or LateFilter()
    check_arguments(order, f)
    reference = reference_date(period.end, as_of or dt.date.today())
    ids, total = ranker(period, f, reference, order, max(offset, 0), max(limit, 0))
    return rows_of(ids, period, reference, f.count is not None), total


def rank_ids(
    qs: QuerySet[Dossier], end: dt.date, reference: dt.date, order: str, offset: int, limit: int
) -> tuple[list[int], int]:
    """The ids of one page, and the number listed.

    Working days late depend on the calendar, so SQL cannot sort by them. Every order is
    therefore ranked the same way: one indexed query reads the few columns ranking needs for
    every listed dossier (no ORDER BY, no converters), numpy sorts them, and only the page's
    full rows are read. This keeps deep pages as fast as the first one.
    """
    column, descending = ORDERS[order]
    wanted = ["id", "code", "deadline_on", "finished_on"]
    if column not in {"days_late", *wanted}:
        wanted.append(column)
    try:
        sql, params = qs.order_by().values_list(*wanted).query.sql_with_params()
    except EmptyResultSet:  # e.g. an empty list of units
        return [], 0
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        keys = cursor.fetchall()
    if not keys:
        return [], 0
    cols = list(zip(*keys, strict=True))
    codes = np.array(cols[1], dtype=str)
    if column == "days_late":
        deadlines = np.array(cols[2], dtype="datetime64[D]")
        finished = np.array(cols[3], dtype="datetime64[D]")
        primary: npt.NDArray[Any] = days_late_in_period(
            deadlines, finished, end, reference, get_calendar()
        )
    elif column in {"code", "unit_code"}:
        primary = codes if column == "code" else np.array(cols[wanted.index(column)], dtype=str)
    else:
        values = np.array(cols[wanted.index(column)], dtype="datetime64[D]")
        if column == "finished_on":  # open at the period's end: last
            values = finished_by(values, end)
        primary = values.view(np.int64).copy()
        primary[np.isnat(values)] = np.iinfo(np.int64).max
    if descending:
        primary = -primary
    ranking = np.lexsort((codes, primary))[offset : offset + limit]
    return [int(keys[int(i)][0]) for i in ranking], len(keys)


def late_row(
    r: tuple[object, ...], lateness: int, end: dt.date, late: bool, by_count: bool = False
) -> LateRow:
    """One row; `late`: the dossier is late at the reference day (rules.LATE_AT_REF)."""
    finished = r[9] if isinstance(r[9], dt.date) and r[9] <= end else None
    flags = [name for name, on in zip(FLAGS, r[11:14], strict=True) if on]
    if finished is not None:
        status = STATUS_ENDED_LATE if late else STATUS_ENDED_NOT_LATE
    else:
        status = STATUS_OPEN_OVERDUE if late else STATUS_OPEN_NOT_LATE
    return LateRow(
        code=str(r[1]),
        unit_code=str(r[2]),
        procedure_code=str(r[3]),
        sector=str(r[4]),
        channel=str(r[5]),
        received_on=r[6],  # type: ignore[arg-type]
        deadline_on=r[7],  # type: ignore[arg-type]
        statutory_due_on=r[8],  # type: ignore[arg-type]
        finished_on=finished,
        days_late=lateness,
        status_label=status,
        flags=flags,
        applicant_pseudonym=str(r[10]),
        supplement_requests=int(r[14] or 0),  # type: ignore[call-overload]
        late=late,
        by_count=by_count,
    )
