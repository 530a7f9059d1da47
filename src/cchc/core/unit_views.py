"""The two ways every figure can place a dossier's unit (docs/units.md, "two views"):

- as was (`as_was`): under the unit that handled it, on the structure of the period (its end);
- as is (`as_is`): rolled up onto today's units through the whole lineage (`lineage.rollup_map`),
  so a 2023 dossier of xã An Nhứt counts for the ward that carries on its work today.

Year-on-year compares like with like in both views: last year's figures of a unit include those
of the units that became it (`comparable_codes`).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Collection, Mapping
from dataclasses import dataclass, field
from enum import StrEnum

from cchc.core.lineage import rollup_map
from cchc.core.units import descendants_codes


class UnitView(StrEnum):
    AS_WAS = "as_was"
    AS_IS = "as_is"

    @property
    def label(self) -> str:
        return VIEW_LABELS[self]

    @property
    def slug(self) -> str:
        """As written in URLs, CLI options and CSV headers: as-was, as-is."""
        return self.value.replace("_", "-")


VIEW_LABELS = {
    UnitView.AS_WAS: "Đơn vị như khi đó",
    UnitView.AS_IS: "Đơn vị hiện nay, gộp đơn vị tiền thân",
}
VIEW_HELP = {
    UnitView.AS_WAS: "mỗi hồ sơ thuộc đơn vị đã giải quyết, theo cơ cấu đơn vị của kỳ",
    UnitView.AS_IS: "hồ sơ của đơn vị cũ cộng vào đơn vị hiện nay kế thừa (qua mọi lần sắp xếp)",
}
_ALIASES = {"as-was": UnitView.AS_WAS, "was": UnitView.AS_WAS, "nhu-khi-do": UnitView.AS_WAS,
            "as-is": UnitView.AS_IS, "is": UnitView.AS_IS, "hien-nay": UnitView.AS_IS}  # fmt: skip


def parse_view(text: str | None, default: UnitView = UnitView.AS_WAS) -> UnitView:
    """'as-was', 'as_was', 'as-is', 'as_is' (empty: the default); ValueError otherwise."""
    if not text:
        return default
    wanted = text.strip().lower()
    try:
        return UnitView(wanted.replace("-", "_"))
    except ValueError:
        pass
    if wanted in _ALIASES:
        return _ALIASES[wanted]
    raise ValueError(
        f"Cách xem đơn vị không hợp lệ {text!r}: dùng as-was (như khi đó) hoặc as-is (hiện nay)"
        " (unit view must be as-was or as-is)"
    )


@dataclass(frozen=True)
class UnitFrame:
    """Where a period's dossiers are shown: the structure's day, and (as is) where each old
    unit's dossiers go."""

    view: UnitView
    day: dt.date
    targets: Mapping[str, str] = field(default_factory=dict)  # old code → shown code

    def shown(self, code: str) -> str:
        return self.targets.get(code, code)

    def members(self, unit_code: str) -> frozenset[str]:
        """The dossier unit codes that count for `unit_code` in this view (UnknownUnit if none)."""
        codes = descendants_codes(unit_code, self.day)
        return frozenset(codes | {old for old, new in self.targets.items() if new in codes})


def structure_day(view: UnitView, period_end: dt.date, today: dt.date | None = None) -> dt.date:
    """The day whose unit structure a view shows: the period's end as was, today as is."""
    return period_end if view == UnitView.AS_WAS else today or dt.date.today()


def unit_frame(view: UnitView, period_end: dt.date, today: dt.date | None = None) -> UnitFrame:
    """As was: the structure at the period's end. As is: today's, with every old unit rolled up."""
    day = structure_day(view, period_end, today)
    return UnitFrame(view, day, rollup_map(day) if view == UnitView.AS_IS else {})


def comparable_codes(codes: Collection[str], day: dt.date) -> frozenset[str]:
    """`codes` with every unit that became one of them by `day`: last year's figures of a merged
    unit are those of its predecessors, rolled up."""
    wanted = frozenset(codes)
    return wanted | {old for old, new in rollup_map(day).items() if new in wanted}
