"""Units with history: the tree on a day, ancestors, descendants, successors through chains.

The test world: province P (old) with district D1 (communes C1, C2) and D2 (commune C3), all
ending 30/06/2025. From 01/07/2025 province Q holds N1 (C1 + C2 merged) and N2 (from C3), and
on 01/01/2026 N1 is renamed N1R — a merge then a rename.
"""

from __future__ import annotations

import datetime as dt

import pytest

from cchc.core.lineage import current_successors, lineage_map
from cchc.core.models import LineageKind, Unit, UnitKind, UnitLineage
from cchc.core.units import (
    UnknownUnit,
    ancestors,
    descendants_codes,
    tree_as_of,
    units_as_of,
)

BEFORE = dt.date(2025, 6, 30)
AFTER = dt.date(2025, 7, 1)
REORG = dt.date(2025, 7, 1)
RENAME = dt.date(2026, 1, 1)


def _unit(
    code: str,
    kind: str,
    parent: Unit | None = None,
    valid_from: dt.date | None = None,
    valid_to: dt.date | None = None,
) -> Unit:
    return Unit.objects.create(
        code=code, name=f"Đơn vị {code}", kind=kind, parent=parent,
        valid_from=valid_from, valid_to=valid_to,
    )  # fmt: skip


def _link(old: Unit, new: Unit, day: dt.date, kind: str) -> None:
    UnitLineage.objects.create(predecessor=old, successor=new, date=day, kind=kind)


@pytest.fixture
def world() -> None:
    p = _unit("P", UnitKind.PROVINCE, valid_to=BEFORE)
    d1 = _unit("D1", UnitKind.DISTRICT, p, valid_to=BEFORE)
    d2 = _unit("D2", UnitKind.DISTRICT, p, valid_to=BEFORE)
    c1 = _unit("C1", UnitKind.COMMUNE, d1, valid_to=BEFORE)
    c2 = _unit("C2", UnitKind.COMMUNE, d1, valid_to=BEFORE)
    c3 = _unit("C3", UnitKind.COMMUNE, d2, valid_to=BEFORE)
    q = _unit("Q", UnitKind.PROVINCE, valid_from=REORG)
    n1 = _unit("N1", UnitKind.COMMUNE, q, valid_from=REORG, valid_to=dt.date(2025, 12, 31))
    n1r = _unit("N1R", UnitKind.COMMUNE, q, valid_from=RENAME)
    n2 = _unit("N2", UnitKind.COMMUNE, q, valid_from=REORG)
    _unit("AG", UnitKind.AGENCY)  # an agency with open validity, always there
    _link(p, q, REORG, LineageKind.MERGE)
    _link(c1, n1, REORG, LineageKind.MERGE)
    _link(c2, n1, REORG, LineageKind.MERGE)
    _link(c3, n2, REORG, LineageKind.RENAME)
    _link(n1, n1r, RENAME, LineageKind.RENAME)


def _shape(day: dt.date) -> dict[str, list[str]]:
    """Unit code → its children's codes, for the tree on `day`."""
    shape: dict[str, list[str]] = {}
    pending = list(tree_as_of(day))
    while pending:
        node = pending.pop()
        shape[node.unit.code] = [child.unit.code for child in node.children]
        pending.extend(node.children)
    return shape


@pytest.mark.django_db
def test_tree_before_the_reorganisation_is_three_tiers(world: None) -> None:
    roots = [node.unit.code for node in tree_as_of(BEFORE)]
    assert roots == ["AG", "P"]
    shape = _shape(BEFORE)
    assert shape["P"] == ["D1", "D2"]
    assert shape["D1"] == ["C1", "C2"]
    assert "Q" not in shape


@pytest.mark.django_db
def test_tree_after_the_reorganisation_is_two_tiers(world: None) -> None:
    assert [node.unit.code for node in tree_as_of(AFTER)] == ["AG", "Q"]
    assert _shape(AFTER)["Q"] == ["N1", "N2"]
    assert _shape(RENAME)["Q"] == ["N1R", "N2"]
    assert [u.code for u in units_as_of(AFTER)] == ["AG", "N1", "N2", "Q"]


@pytest.mark.django_db
def test_ancestors_are_nearest_first_and_only_on_valid_days(world: None) -> None:
    assert [u.code for u in ancestors("C1", BEFORE)] == ["D1", "P"]
    assert ancestors("C1", AFTER) == []
    assert [u.code for u in ancestors("N2", AFTER)] == ["Q"]
    with pytest.raises(UnknownUnit):
        ancestors("NOPE", AFTER)


@pytest.mark.django_db
def test_descendants_include_the_unit_and_valid_units_below(world: None) -> None:
    assert descendants_codes("P", BEFORE) == {"P", "D1", "D2", "C1", "C2", "C3"}
    assert descendants_codes("D1", BEFORE) == {"D1", "C1", "C2"}
    assert descendants_codes("P", AFTER) == {"P"}
    assert descendants_codes("Q", AFTER) == {"Q", "N1", "N2"}
    assert descendants_codes("Q", RENAME) == {"Q", "N1R", "N2"}


@pytest.mark.django_db
def test_successors_follow_a_merge_then_a_rename(world: None) -> None:
    assert [u.code for u in current_successors("C1", on=AFTER)] == ["N1"]
    assert [u.code for u in current_successors("C1", on=RENAME)] == ["N1R"]
    assert [u.code for u in current_successors("C2", on=dt.date(2027, 1, 1))] == ["N1R"]
    assert [u.code for u in current_successors("C1", on=BEFORE)] == ["C1"]


@pytest.mark.django_db
def test_successors_of_a_district_without_links_are_none(world: None) -> None:
    assert current_successors("D1", on=AFTER) == []
    assert [u.code for u in current_successors("AG")] == ["AG"]


@pytest.mark.django_db
def test_lineage_map_rolls_old_codes_onto_a_days_structure(world: None) -> None:
    assert lineage_map(AFTER) == {"P": ["Q"], "C1": ["N1"], "C2": ["N1"], "C3": ["N2"]}
    assert lineage_map(RENAME) == {
        "P": ["Q"],
        "C1": ["N1R"],
        "C2": ["N1R"],
        "C3": ["N2"],
        "N1": ["N1R"],
    }
    assert lineage_map(BEFORE) == {}
