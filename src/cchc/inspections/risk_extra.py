"""Risk inputs that higher apps count: the citizens app registers its feedback and survey counts
here in its AppConfig.ready, so inspections imports no higher app (tests/test_layers.py).

A source is `fn(start, end) -> {unit_code: {field: number}}` for the local days [start, end], with
fields of RiskInputs (`complaints`, `harassment`, `survey_answered`, `survey_not_satisfied`), keyed
by the unit code the records carry; the caller places them on its units (as is). Every field is a
count, so counts of a former unit add up into its successor's.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Mapping

from cchc.core.unit_views import UnitFrame

RiskInputSource = Callable[[dt.date, dt.date], Mapping[str, Mapping[str, float]]]

_SOURCES: list[RiskInputSource] = []


def register_risk_inputs(source: RiskInputSource) -> None:
    if source not in _SOURCES:
        _SOURCES.append(source)


def extra_risk_inputs(
    start: dt.date, end: dt.date, frame: UnitFrame | None = None
) -> dict[str, dict[str, float]]:
    """unit code (as `frame` shows it) → every registered source's counts, summed."""
    out: dict[str, dict[str, float]] = {}
    for source in _SOURCES:
        for code, fields in source(start, end).items():
            unit = out.setdefault(frame.shown(code) if frame else code, {})
            for name, value in fields.items():
                unit[name] = unit.get(name, 0) + value
    return out
