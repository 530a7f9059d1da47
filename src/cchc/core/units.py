"""Queries on units with history: the tree on a day, ancestors, descendants, successors.

Each query reads all units (and, where needed, all lineage links) in one query and walks them in
Python: a province has a few hundred units, so this is faster and simpler than recursive SQL.

Validity is inclusive at both ends (`valid_from` ≤ day ≤ `valid_to`, open where empty). The
parent link is not dated; a unit's parent is expected to be valid whenever the unit is.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict, deque
from dataclasses import dataclass, field

from cchc.core.models import Unit, UnitLineage


class UnknownUnit(LookupError):
    def __init__(self, code: str) -> None:
        self.code = code
        super().__init__(f"Không có đơn vị mã {code!r} (unknown unit code)")


@dataclass
class TreeNode:
    unit: Unit
    children: list[TreeNode] = field(default_factory=list)

    def walk(self) -> list[Unit]:
        """This unit and everything below it, depth first."""
        found = [self.unit]
        for child in self.children:
            found.extend(child.walk())
        return found


def _valid(unit: Unit, day: dt.date) -> bool:
    return (unit.valid_from is None or unit.valid_from <= day) and (
        unit.valid_to is None or day <= unit.valid_to
    )


def _units_by_id() -> dict[int, Unit]:
    return {unit.pk: unit for unit in Unit.objects.all()}


def _by_code(units: dict[int, Unit], code: str) -> Unit:
    for unit in units.values():
        if unit.code == code:
            return unit
    raise UnknownUnit(code)


def units_as_of(day: dt.date) -> list[Unit]:
    """All units valid on `day`, ordered by code."""
    return sorted((u for u in _units_by_id().values() if _valid(u, day)), key=lambda u: u.code)


def tree_as_of(day: dt.date) -> list[TreeNode]:
    """The units valid on `day` as a forest: roots (no parent valid that day), with children."""
    units = [u for u in _units_by_id().values() if _valid(u, day)]
    nodes = {u.pk: TreeNode(u) for u in sorted(units, key=lambda u: u.code)}
    roots: list[TreeNode] = []
    for node in nodes.values():
        parent = nodes.get(node.unit.parent_id) if node.unit.parent_id is not None else None
        if parent is None:
            roots.append(node)
        else:
            parent.children.append(node)
    return roots


def ancestors(unit_code: str, day: dt.date) -> list[Unit]:
    """Parent, grandparent, … of the unit (nearest first), stopping at one not valid on `day`."""
    units = _units_by_id()
    unit = _by_code(units, unit_code)
    found: list[Unit] = []
    seen = {unit.pk}
    parent_id = unit.parent_id
    while parent_id is not None and parent_id not in seen:
        parent = units[parent_id]
        if not _valid(parent, day):
            break
        found.append(parent)
        seen.add(parent_id)
        parent_id = parent.parent_id
    return found


def descendants_codes(unit_code: str, day: dt.date) -> set[str]:
    """The unit's own code and the codes of all units below it that are valid on `day`.

    The unit's own code is always included (its own records match even when the unit had ended).
    Reads only the tree columns (no model instances): every web request of a unit head asks it.
    """
    rows = Unit.objects.values_list("id", "code", "parent_id", "valid_from", "valid_to")
    root_id: int | None = None
    children: dict[int, list[tuple[int, str]]] = defaultdict(list)
    for pk, code, parent_id, valid_from, valid_to in rows:
        if code == unit_code:
            root_id = pk
        valid = (valid_from is None or valid_from <= day) and (valid_to is None or day <= valid_to)
        if parent_id is not None and valid:
            children[parent_id].append((pk, code))
    if root_id is None:
        raise UnknownUnit(unit_code)
    codes = {unit_code}
    queue = deque([root_id])
    seen = {root_id}
    while queue:
        for pk, code in children.get(queue.popleft(), []):
            if pk not in seen:
                seen.add(pk)
                codes.add(code)
                queue.append(pk)
    return codes


def _successor_links() -> dict[int, list[tuple[int, dt.date]]]:
    links: dict[int, list[tuple[int, dt.date]]] = defaultdict(list)
    for predecessor_id, successor_id, date in UnitLineage.objects.values_list(
        "predecessor_id", "successor_id", "date"
    ):
        links[predecessor_id].append((successor_id, date))
    return links


def _successors(
    start: Unit,
    on: dt.date,
    units: dict[int, Unit],
    links: dict[int, list[tuple[int, dt.date]]],
) -> list[Unit]:
    if _valid(start, on):
        return [start]
    found: dict[int, Unit] = {}
    seen = {start.pk}
    queue = deque([start.pk])
    while queue:
        for successor_id, date in links.get(queue.popleft(), []):
            if date > on or successor_id in seen:
                continue
            seen.add(successor_id)
            successor = units[successor_id]
            if _valid(successor, on):
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
    units = _units_by_id()
    return _successors(_by_code(units, unit_code), day, units, _successor_links())


def lineage_map(as_of: dt.date) -> dict[str, list[str]]:
    """Old unit code → codes of its successors valid on `as_of`, for every unit that is not valid
    on `as_of` but has successors. Units valid on `as_of` are left out (they map to themselves).
    """
    units = _units_by_id()
    links = _successor_links()
    mapping: dict[str, list[str]] = {}
    for unit_id in links:
        unit = units[unit_id]
        if _valid(unit, as_of):
            continue
        successors = _successors(unit, as_of, units, links)
        if successors:
            mapping[unit.code] = [s.code for s in successors]
    return mapping
