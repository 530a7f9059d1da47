"""Queries on units with history: the tree on a day, ancestors, descendants, successors.

Each query reads all units (and, where needed, all lineage links) in one query and walks them in
Python: a province has a few hundred units, so this is faster and simpler than recursive SQL.

Validity is inclusive at both ends (`valid_from` ≤ day ≤ `valid_to`, open where empty). A unit's
name, kind and parent are those of its row, except on days covered by one of its former forms
(`UnitFormer`: a commune that became a town, a district's communes moved under a new district),
so every query here takes the day and reads the unit as it was on that day. Lineage (merges,
splits, renames to a new code) is in `cchc.core.lineage`.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter, defaultdict, deque
from dataclasses import dataclass, field

from cchc.core.change_stamp import remember
from cchc.core.models import Unit, UnitFormer
from cchc.core.vn_format import vn_date


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


Form = tuple[dt.date, str, str, int | None]  # until, name, kind, parent id


def former_forms() -> dict[int, list[Form]]:
    """unit id → its former forms, earliest first (one query)."""
    forms: dict[int, list[Form]] = defaultdict(list)
    rows = UnitFormer.objects.order_by("until").values_list(
        "unit_id", "until", "name", "kind", "parent_id"
    )
    for unit_id, until, name, kind, parent_id in rows:
        forms[unit_id].append((until, name, kind, parent_id))
    return forms


def form_on(forms: list[Form], day: dt.date) -> Form | None:
    """The former form in force on `day`, or None when the unit's row is (its latest form)."""
    for form in forms:
        if day <= form[0]:
            return form
    return None


def units_by_id(day: dt.date | None = None) -> dict[int, Unit]:
    """Every unit; with `day`, each as it was that day (name, kind, parent; never saved)."""
    units = {unit.pk: unit for unit in Unit.objects.all()}
    if day is not None:
        for unit_id, forms in former_forms().items():
            form = form_on(forms, day)
            if form is not None and unit_id in units:
                unit = units[unit_id]
                unit.name, unit.kind, unit.parent_id = form[1], form[2], form[3]
    return units


def unit_by_code(units: dict[int, Unit], code: str) -> Unit:
    for unit in units.values():
        if unit.code == code:
            return unit
    raise UnknownUnit(code)


def unit_on(unit_code: str, day: dt.date) -> Unit:
    """The unit as it was on `day` (its name, kind and parent then; not saved)."""
    return unit_by_code(units_by_id(day), unit_code)


def names_on(day: dt.date) -> dict[str, str]:
    """code → the unit's name on `day` (every unit; a unit not yet or no longer valid keeps the
    name nearest to that day). Kept until a unit changes (cchc.core.change_stamp): every list of
    dossiers names its units."""
    return dict(remember(("names_on", day), lambda: _names_on(day)))


def _names_on(day: dt.date) -> dict[str, str]:
    return {u.code: u.name for u in units_by_id(day).values()}


def parent_and_life(unit: Unit, units: dict[int, Unit]) -> str:
    """What tells a unit from a namesake: "Thành phố Phú Mỹ, đến 30/06/2025" (its parent in
    `units`, as on their day, and its dates); "" when it has neither."""
    parent = units.get(unit.parent_id) if unit.parent_id is not None else None
    return ", ".join(x for x in (parent.name if parent else "", _life(unit)) if x)


def _life(unit: Unit) -> str:
    start, end = vn_date(unit.valid_from), vn_date(unit.valid_to)
    if start and end:
        return f"{start}–{end}"
    return f"đến {end}" if end else f"từ {start}" if start else ""


def distinct_names_on(day: dt.date) -> dict[str, str]:
    """code → the unit's name on `day` (as names_on); a name several units share gets its parent
    and its dates: "Phường Phú Mỹ (Thành phố Phú Mỹ, đến 30/06/2025)"."""
    units = units_by_id(day)
    shared = Counter(u.name for u in units.values())
    labels: dict[str, str] = {}
    for unit in units.values():
        if shared[unit.name] == 1:
            labels[unit.code] = unit.name
            continue
        labels[unit.code] = f"{unit.name} ({parent_and_life(unit, units) or unit.code})"
    repeated = Counter(labels.values())
    return {c: f"{label} [{c}]" if repeated[label] > 1 else label for c, label in labels.items()}


def units_as_of(day: dt.date) -> list[Unit]:
    """All units valid on `day`, ordered by code."""
    return sorted(
        (u for u in units_by_id(day).values() if u.is_valid_on(day)), key=lambda u: u.code
    )


def tree_as_of(day: dt.date) -> list[TreeNode]:
    """The units valid on `day` as a forest: roots (no parent valid that day), with children."""
    units = [u for u in units_by_id(day).values() if u.is_valid_on(day)]
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
    units = units_by_id(day)
    unit = unit_by_code(units, unit_code)
    found: list[Unit] = []
    seen = {unit.pk}
    parent_id = unit.parent_id
    while parent_id is not None and parent_id not in seen:
        parent = units[parent_id]
        if not parent.is_valid_on(day):
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
    forms = former_forms()
    root_id: int | None = None
    children: dict[int, list[tuple[int, str]]] = defaultdict(list)
    for pk, code, row_parent_id, valid_from, valid_to in rows:
        form = form_on(forms[pk], day) if pk in forms else None
        parent_id = form[3] if form is not None else row_parent_id
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
