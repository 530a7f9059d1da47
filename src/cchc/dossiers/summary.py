"""The period summary's shape: its rows, groupings, the counts that follow from the others by the
official report's identities, and group names. The counts themselves are the rulebook's
(rules.SUMMARY_COUNTS), counted by the analytics gateway (analytics/summary.py) on the store or
the database.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Collection, Iterable, Mapping
from dataclasses import dataclass, fields, replace
from typing import Any

from cchc.core.models import Procedure, Unit
from cchc.core.unit_views import UnitFrame
from cchc.core.units import names_on
from cchc.dossiers.late import LateFilter, LateRow, late_dossiers
from cchc.dossiers.models import Channel
from cchc.dossiers.rulebook.period import rate

__all__ = [
    "GROUPINGS",
    "LateFilter",
    "LateRow",
    "SummaryFilters",
    "SummaryRow",
    "late_dossiers",
    "total_of",
]

# grouping → the Dossier column it groups on ("month" groups on finished_on, folded below)
GROUPINGS: dict[str, str] = {
    "unit": "unit_code",
    "sector": "sector",
    "procedure": "procedure_code",
    "month": "finished_on",
    "channel": "channel",
}
TOTAL_CODE = "TOTAL"


@dataclass(frozen=True)
class SummaryFilters:
    """Optional narrowing of the dossiers counted (besides the units)."""

    sector: str | None = None
    procedure_code: str | None = None
    channel: str | None = None


@dataclass(frozen=True)
class SummaryRow:
    group_code: str
    group_name: str
    dossiers: int  # in the period: ended in it + open at its end
    ended: int  # đã giải quyết
    early: int  # trước hạn
    on_time: int  # đúng hạn
    late: int  # quá hạn
    open_in_time: int  # còn hạn
    open_due_soon: int  # sắp đến hạn
    open_overdue: int  # đang quá hạn
    late_rate: float | None
    on_time_rate: float | None
    online_share: float | None
    received_online: int
    received_in_person: int
    received_postal: int
    carried_over: int  # kỳ trước chuyển qua
    received_in_period: int  # mới tiếp nhận trong kỳ
    # counted apart (rulebook/status.py): received in the period, out of every other column
    not_received: int  # chưa tiếp nhận
    refused_at_intake: int  # không được tiếp nhận
    withdrawn: int  # rút hồ sơ
    returned_unprocessed: int  # trả lại, dừng xử lý

    @property
    def received_total(self) -> int:
        """Tổng số hồ sơ nhận giải quyết = kỳ trước chuyển qua + mới tiếp nhận."""
        return self.carried_over + self.received_in_period

    @property
    def in_process(self) -> int:
        return self.open_in_time + self.open_due_soon + self.open_overdue

    @property
    def not_yet_due(self) -> int:
        """Đang giải quyết trong hạn (the report does not split out "due soon")."""
        return self.open_in_time + self.open_due_soon


COUNT_FIELDS = [
    f.name
    for f in fields(SummaryRow)
    if f.name not in {"group_code", "group_name", "late_rate", "on_time_rate", "online_share"}
]


def summary_row(code: str, name: str, counts: dict[str, int]) -> SummaryRow:
    dossiers = counts["dossiers"]
    bad = counts["late"] + counts["open_overdue"]
    late_rate = rate(bad, dossiers)
    return SummaryRow(
        group_code=code,
        group_name=name,
        late_rate=late_rate,
        on_time_rate=None if late_rate is None else 1 - late_rate,
        online_share=rate(counts["received_online"], counts["received_in_period"]),
        **{k: counts[k] for k in COUNT_FIELDS},
    )


def total_of(rows: Collection[SummaryRow], name: str = "Tổng cộng") -> SummaryRow:
    """The sum of group rows, rates recomputed from the sums."""
    counts = {k: sum(getattr(r, k) for r in rows) for k in COUNT_FIELDS}
    return summary_row(TOTAL_CODE, name, counts)


def complete_counts(raw: dict[str, Any]) -> dict[str, int]:
    """Derive the counts that follow from the others, so the report's identities hold exactly."""
    c = {k: int(v or 0) for k, v in raw.items()}
    # An ended dossier without an outcome (no deadline) counts as on time, as timing.py rules.
    c["on_time"] = c["ended"] - c["early"] - c["late"]
    c["open_in_time"] = c["dossiers"] - c["ended"] - c["open_overdue"] - c["open_due_soon"]
    c["carried_over"] = c["dossiers"] - c["received_in_period"]
    return c


def group_names(by: str, codes: Collection[str]) -> dict[str, str]:
    if by == "unit":
        return dict(Unit.objects.filter(code__in=list(codes)).values_list("code", "name"))
    if by == "procedure":
        return dict(Procedure.objects.filter(code__in=list(codes)).values_list("code", "name"))
    if by == "channel":
        return {str(v): str(label) for v, label in Channel.choices}
    if by == "month":
        return {c: f"Tháng {c[5:7]}/{c[:4]}" for c in codes}
    return {c: c or "(không rõ)" for c in codes}


def regroup(
    rows: Iterable[SummaryRow], frame: UnitFrame, names: Mapping[str, str] | None = None
) -> list[SummaryRow]:
    """Unit rows on the frame's units, ordered by code: as is, every old unit's counts are added
    to the unit they roll onto (rates recomputed from the sums). Names are those of the frame's
    day (as was: the names the units had at the period's end)."""
    names = names_on(frame.day) if names is None else names
    groups: dict[str, list[SummaryRow]] = defaultdict(list)
    for row in rows:
        groups[frame.shown(row.group_code)].append(row)
    return [
        replace(total_of(same), group_code=code, group_name=names.get(code, same[0].group_name))
        for code, same in sorted(groups.items())
    ]
