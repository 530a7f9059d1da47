"""Which units a unit head sees, history included (docs/web.md, "Quyền theo lịch sử đơn vị").

On the day viewed, a unit head sees:
- his unit and the units below it that day (his unit's own records stay visible after it ended);
- every predecessor of those units, through every merge, split and rename
  (`cchc.core.lineage`: the units whose work passed to them);
- the units below a predecessor that day that have no successor of their own (a district's land
  office: its history has no other heir). A unit below a predecessor whose work passed to another
  unit belongs to that unit's history: a ward that took one commune of a former district does
  not see the district's other communes.
Seeing a predecessor's history is reading only: his changes to a predecessor's records dated
before the takeover are refused (`cchc.inspections.permissions`).

One read each of the units' tree columns, their former forms and the lineage links: every request
of a unit head asks this.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict, deque
from collections.abc import Iterable
from dataclasses import dataclass, field

from cchc.core.change_stamp import remember
from cchc.core.lineage import current_successors, predecessors
from cchc.core.models import Unit, UnitLineage
from cchc.core.request_memo import memo
from cchc.core.units import Form, UnknownUnit, form_on, former_forms, names_on


@dataclass
class _Tree:
    """The units on one day: children of each unit (valid that day), and the lineage links."""

    code_of: dict[int, str] = field(default_factory=dict)
    id_of: dict[str, int] = field(default_factory=dict)
    children: dict[int, list[int]] = field(default_factory=lambda: defaultdict(list))
    came_from: dict[int, list[int]] = field(default_factory=lambda: defaultdict(list))
    has_heir: set[int] = field(default_factory=set)

    @classmethod
    def read(cls, day: dt.date) -> _Tree:
        tree = cls()
        forms, rows, links = remember("unit_tree_rows", _tree_rows)
        for pk, code, row_parent_id, valid_from, valid_to in rows:
            tree.code_of[pk], tree.id_of[code] = code, pk
            form = form_on(forms[pk], day) if pk in forms else None
            parent_id = form[3] if form is not None else row_parent_id
            valid = (valid_from is None or valid_from <= day) and (
                valid_to is None or day <= valid_to
            )
            if parent_id is not None and valid:
                tree.children[parent_id].append(pk)
        for old, new in links:
            tree.came_from[new].append(old)
            tree.has_heir.add(old)
        return tree

    def below(self, roots: Iterable[int], keep: set[int] | None = None) -> set[int]:
        """The roots and every unit below them; with `keep`, a unit that has an heir of its own is
        passed over (with what lies below it) unless it is in `keep`."""
        found = set(roots)
        queue = deque(found)
        skip = set() if keep is None else self.has_heir - keep
        while queue:
            for child in self.children.get(queue.popleft(), []):
                if child in found or child in skip:
                    continue
                found.add(child)
                queue.append(child)
        return found

    def visible(self, unit_codes: Iterable[str]) -> frozenset[str]:
        wanted = set(unit_codes)
        own = self.below([self.id_of[c] for c in wanted if c in self.id_of])
        history = self.ancestry(own)
        history = self.below(history, keep=own | history)
        return frozenset({self.code_of[pk] for pk in own | history} | wanted)

    def ancestry(self, units: set[int]) -> set[int]:
        """Every predecessor of the units, through every step (the units themselves excluded)."""
        found: set[int] = set()
        queue = deque(units)
        while queue:
            for old in self.came_from.get(queue.popleft(), []):
                if old not in found and old not in units:
                    found.add(old)
                    queue.append(old)
        return found


def visible_unit_codes(unit_code: str, day: dt.date) -> frozenset[str]:
    """What the head of `unit_code` sees on `day`: his subtree, its predecessors and the heirless
    units below them that day (the module docstring). UnknownUnit if there is no such unit."""
    tree = _tree(day)
    if unit_code not in tree.id_of:
        raise UnknownUnit(unit_code)
    return tree.visible([unit_code])


def visible_for_units(unit_codes: Iterable[str], day: dt.date) -> frozenset[str]:
    """The same for several units at once (one read); an unknown code stands for itself."""
    return _tree(day).visible(unit_codes)


_Row = tuple[int, str, int | None, dt.date | None, dt.date | None]


def _tree_rows() -> tuple[dict[int, list[Form]], list[_Row], list[tuple[int, int]]]:
    """The units' tree columns, their former forms and the lineage links (three queries), kept
    until a unit, a former form or a link changes (cchc.core.change_stamp)."""
    rows = Unit.objects.values_list("id", "code", "parent_id", "valid_from", "valid_to")
    links = UnitLineage.objects.values_list("predecessor_id", "successor_id")
    return former_forms(), list(rows), list(links)


def _tree(day: dt.date) -> _Tree:
    """Asked by the access check, the home sections and every permission test of a page: read
    once per request (cchc.core.request_memo)."""
    return memo(("unit_tree", day), lambda: _Tree.read(day))


@dataclass(frozen=True)
class OwnUnitNotice:
    """Said to a unit head whose unit did not exist on the day viewed."""

    unit_name: str
    ended_on: dt.date | None  # the unit ended before the day viewed
    started_on: dt.date | None  # the unit began after the day viewed
    related: list[tuple[str, str]]  # (code, name): successors then, or predecessors then


def own_unit_notice(unit: Unit | None, day: dt.date) -> OwnUnitNotice | None:
    """Why a unit head's pages are about other units on `day`: his unit had ended (its successors
    on that day are named) or had not yet begun (its predecessors then are named); None when it
    existed that day."""
    if unit is None or unit.is_valid_on(day):
        return None
    # remembered under the change stamp: on every page of a unit head viewing such a period
    return remember(("own_unit_notice", unit.pk, day), lambda: _notice(unit, day))


def _notice(unit: Unit, day: dt.date) -> OwnUnitNotice:
    names = names_on(day)
    if unit.valid_to is not None and unit.valid_to < day:
        heirs = [(u.code, names.get(u.code, u.name)) for u in current_successors(unit.code, day)]
        return OwnUnitNotice(names.get(unit.code, unit.name), unit.valid_to, None, heirs)
    earlier = Unit.objects.filter(code__in=list(predecessors(unit.code))).order_by("code")
    then = [(u.code, names.get(u.code, u.name)) for u in earlier if u.is_valid_on(day)]
    return OwnUnitNotice(unit.name, None, unit.valid_from, then)
