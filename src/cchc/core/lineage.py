"""Lineage: which units carried on a unit's work (merges, splits, renames to a new code), and
which units' history a unit answers for. Read in one query and walked in Python.

Two uses, two rules:
- Figures roll up (`rollup_map`): each old unit's dossiers go to exactly one unit of the day's
  structure, so a rolled-up figure is the sum of its predecessors' figures. A split unit's
  dossiers cannot be divided by address: they go to the successor its split link marks as the
  default ("mặc định", from the package), else to the smallest unit that holds all its
  successors (a district split among wards → the province: its own dossiers count in the city's
  total, in no ward's), else to its first successor by code.
- History is visible (`predecessors`): a unit sees the history of every unit whose work passed to
  it, a split unit's included, from the date it took over.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict, deque
from dataclasses import dataclass

from cchc.core.change_stamp import remember
from cchc.core.models import Unit, UnitLineage
from cchc.core.units import UnknownUnit, unit_by_code, units_by_id

Links = dict[int, list[tuple[int, dt.date]]]
DEFAULT_MARK = "mặc định"  # in the note of a split link to the package's default successor


def _links() -> tuple[Links, Links]:
    """(predecessor id → [(successor id, date)], successor id → [(predecessor id, date)])."""
    forward: Links = defaultdict(list)
    backward: Links = defaultdict(list)
    for predecessor_id, successor_id, date in UnitLineage.objects.values_list(
        "predecessor_id", "successor_id", "date"
    ):
        forward[predecessor_id].append((successor_id, date))
        backward[successor_id].append((predecessor_id, date))
    return forward, backward


def _successors(start: Unit, on: dt.date, units: dict[int, Unit], forward: Links) -> list[Unit]:
    if start.is_valid_on(on):
        return [start]
    found: dict[int, Unit] = {}
    seen = {start.pk}
    queue = deque([start.pk])
    while queue:
        for successor_id, date in forward.get(queue.popleft(), []):
            if date > on or successor_id in seen:
                continue
            seen.add(successor_id)
            successor = units[successor_id]
            if successor.is_valid_on(on):
                found[successor_id] = successor
            else:
                queue.append(successor_id)
    return sorted(found.values(), key=lambda u: u.code)


def current_successors(unit_code: str, on: dt.date | None = None) -> list[Unit]:
    """The units valid on `on` (default today) that carry on the unit's work.

    Follows merges, splits and renames that took effect by `on`, through any number of steps.
    A unit still valid on `on` is its own successor; a unit that ended without a recorded
    successor has none.
    """
    day = on or dt.date.today()
    units = units_by_id()
    forward, _ = _links()
    return _successors(unit_by_code(units, unit_code), day, units, forward)


def lineage_map(as_of: dt.date) -> dict[str, list[str]]:
    """Old unit code → codes of its successors valid on `as_of`, for every unit that is not valid
    on `as_of` but has successors. Units valid on `as_of` are left out (they map to themselves).
    """
    units = units_by_id()
    forward, _ = _links()
    mapping: dict[str, list[str]] = {}
    for unit_id in forward:
        unit = units[unit_id]
        if unit.is_valid_on(as_of):
            continue
        successors = _successors(unit, as_of, units, forward)
        if successors:
            mapping[unit.code] = [s.code for s in successors]
    return mapping


def rollup_map(as_of: dt.date) -> dict[str, str]:
    """Old unit code → the one unit valid on `as_of` its figures roll onto, for every old unit
    with a successor then (a split unit: its default successor, else the smallest unit holding
    all its successors, else the first by code)."""
    units = units_by_id(as_of)  # parents as on `as_of`
    forward, _ = _links()
    defaults = _default_links()
    parent_of = {pk: unit.parent_id for pk, unit in units.items()}
    mapping: dict[str, str] = {}
    for unit_id in forward:
        unit = units[unit_id]
        if unit.is_valid_on(as_of):
            continue
        start = units[defaults[unit_id]] if unit_id in defaults else unit
        successors = _successors(start, as_of, units, forward)
        if len(successors) == 1:
            mapping[unit.code] = successors[0].code
        elif successors:
            holder = _smallest_holder([s.pk for s in successors], parent_of)
            mapping[unit.code] = units[holder].code if holder else successors[0].code
    return mapping


def _default_links() -> dict[int, int]:
    """predecessor id → successor id, for splits whose link is marked the default one."""
    return dict(
        UnitLineage.objects.filter(kind="split", note__contains=DEFAULT_MARK).values_list(
            "predecessor_id", "successor_id"
        )
    )


def _smallest_holder(unit_ids: list[int], parent_of: dict[int, int | None]) -> int | None:
    """The nearest unit above all of `unit_ids` on the day (None when they share none)."""

    def chain(unit_id: int) -> list[int]:
        found: list[int] = []
        parent = parent_of.get(unit_id)
        while parent is not None and parent not in found:
            found.append(parent)
            parent = parent_of.get(parent)
        return found

    first, *others = [chain(u) for u in unit_ids]
    shared = set(first).intersection(*others)
    return next((p for p in first if p in shared), None)


def predecessors(unit_code: str) -> dict[str, dt.date]:
    """Every unit whose work passed to this unit, through any number of steps (splits included):
    code → the day this unit took it over (the date of the last step, into this unit).
    Remembered under the change stamp (a unit head's every late list page asks it)."""
    return dict(remember(("predecessors", unit_code), lambda: _predecessors(unit_code)))


def _predecessors(unit_code: str) -> dict[str, dt.date]:
    units = units_by_id()
    _, backward = _links()
    start = unit_by_code(units, unit_code).pk
    found: dict[str, dt.date] = {}
    queue: deque[tuple[int, dt.date | None]] = deque([(start, None)])
    seen = {start}
    while queue:
        current, took_over = queue.popleft()
        for predecessor_id, date in backward.get(current, []):
            if predecessor_id in seen:
                continue
            seen.add(predecessor_id)
            day = took_over or date
            found[units[predecessor_id].code] = day
            queue.append((predecessor_id, day))
    return found


@dataclass(frozen=True)
class Step:
    """One lineage link seen from a unit: `depth` 1 is a direct link, 2 a link of that unit…"""

    depth: int
    date: dt.date
    kind: str
    unit: Unit  # the other unit: a successor going forward, a predecessor going back
    act: str
    note: str


def lineage_steps(unit_code: str, forward: bool) -> list[Step]:
    """Every link from the unit, through every step: successors (forward) or predecessors,
    depth first, by date then code."""
    links = UnitLineage.objects.select_related("predecessor", "successor")
    by_unit: dict[int, list[UnitLineage]] = defaultdict(list)
    for link in links:
        by_unit[link.predecessor_id if forward else link.successor_id].append(link)
    start_unit = Unit.objects.filter(code=unit_code).first()
    if start_unit is None:
        raise UnknownUnit(unit_code)
    steps: list[Step] = []
    seen = {start_unit.pk}

    def walk(unit_id: int, depth: int) -> None:
        ordered = sorted(by_unit.get(unit_id, []), key=lambda k: (k.date, _other(k, forward).code))
        for link in ordered:
            other = _other(link, forward)
            kind = link.get_kind_display()
            steps.append(Step(depth, link.date, kind, other, link.act, link.note))
            if other.pk not in seen:
                seen.add(other.pk)
                walk(other.pk, depth + 1)

    walk(start_unit.pk, 1)
    return steps


def _other(link: UnitLineage, forward: bool) -> Unit:
    return link.successor if forward else link.predecessor
