"""What a target measures, in words (the code beside it, never instead of it): "Tỷ lệ … (766.2a)",
"Thủ tục hành chính công — PAPI D5"."""

from __future__ import annotations

from functools import lru_cache

from cchc.indicators.catalogue import name_in
from cchc.indicators.weights import shipped_catalogue
from cchc.plans.indices_names import PAPI, PAPI_NAMES
from cchc.plans.measure_indicator import GROUP_PREFIX, TOTAL
from cchc.plans.models_plans import Target, TargetKind


@lru_cache(maxsize=256)
def indicator_name(code: str, language: str = "vi") -> str:
    catalogue = shipped_catalogue()
    english = language.startswith("en")
    if code == TOTAL:
        return "Decision 766 total points" if english else "Tổng điểm Bộ chỉ số 766"
    if code.startswith(GROUP_PREFIX):
        number = code.removeprefix(GROUP_PREFIX)
        group = next((g for g in catalogue.groups if str(g.number) == number), None)
        if group is not None:
            prefix = "Points of group" if english else "Điểm nhóm"
            return f"{prefix} {number}: {name_in(group, language)}"
    try:
        return name_in(catalogue.indicator(code), language)
    except KeyError:
        return code


def measured_label(target: Target, language: str = "vi") -> str:
    """The indicator's or the index's name, with its code after it."""
    if target.kind == TargetKind.EXTERNAL:
        name = PAPI_NAMES.get(target.index_code, "") if target.index_name == PAPI else ""
        code = f"{target.index_name} {target.index_code}".strip()
        return f"{name} — {code}" if name else code
    return f"{indicator_name(target.indicator_code, language)} ({target.indicator_code})"
