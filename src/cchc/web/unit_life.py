"""What a unit's page says about the unit's life in the period viewed, so that a unit that did not
exist then never shows a silent 0: it says so and points to the units that did (its predecessors
or successors), and to the other view."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from cchc.core.lineage import current_successors, predecessors
from cchc.core.models import Unit
from cchc.core.unit_views import UnitFrame, UnitView
from cchc.dossiers.periods import Period


@dataclass(frozen=True)
class Related:
    code: str
    name: str
    view: str  # slug of the view its link opens
    linked: bool  # the caller may open its page


@dataclass(frozen=True)
class UnitLife:
    """`state`: existed (the whole period, or today as is), began / ended (during the period:
    figures shown, with a note), not_yet / gone (no figures: the page explains instead)."""

    state: str
    day: dt.date | None = None  # when it began or ended
    related: list[Related] = field(default_factory=list)  # predecessors or successors
    rolled_up: list[Related] = field(default_factory=list)  # as is: old units counted here

    @property
    def shows_figures(self) -> bool:
        return self.state in {"existed", "began", "ended"}


def _overlaps(unit: Unit, period: Period) -> bool:
    return (unit.valid_from is None or unit.valid_from <= period.end) and (
        unit.valid_to is None or period.start <= unit.valid_to
    )


def unit_life(
    unit: Unit,
    period: Period,
    frame: UnitFrame,
    names: dict[str, str],
    can_see: set[str] | None,
) -> UnitLife:
    """`names`: unit names on the frame's day; `can_see`: codes the caller may open (None: all)."""

    def related(units: list[Unit], view: UnitView) -> list[Related]:
        def linked(code: str) -> bool:
            return can_see is None or code in can_see

        ordered = sorted(units, key=lambda u: u.code)
        return [
            Related(u.code, names.get(u.code, u.name), view.slug, linked(u.code)) for u in ordered
        ]

    if frame.view == UnitView.AS_IS:
        if not unit.is_valid_on(frame.day):
            heirs = list(Unit.objects.filter(code=frame.targets.get(unit.code, "")))
            return UnitLife("gone", unit.valid_to, related(heirs, UnitView.AS_IS))
        old = [code for code, new in frame.targets.items() if new == unit.code]
        return UnitLife(
            "existed", rolled_up=related(list(Unit.objects.filter(code__in=old)), UnitView.AS_WAS)
        )

    def began(kind: str) -> UnitLife:
        earlier = Unit.objects.filter(code__in=list(predecessors(unit.code)))
        then = [u for u in earlier if _overlaps(u, period)]
        return UnitLife(kind, unit.valid_from, related(then, UnitView.AS_WAS))

    def ended(kind: str) -> UnitLife:
        heirs = current_successors(unit.code, period.end)
        return UnitLife(kind, unit.valid_to, related(heirs, UnitView.AS_WAS))

    if unit.valid_from is not None and unit.valid_from > period.end:
        return began("not_yet")
    if unit.valid_to is not None and unit.valid_to < period.start:
        return ended("gone")
    if unit.valid_from is not None and unit.valid_from > period.start:
        return began("began")
    if unit.valid_to is not None and unit.valid_to < period.end:
        return ended("ended")
    return UnitLife("existed")
