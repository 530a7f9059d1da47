"""Loading Bà Rịa - Vũng Tàu from the offline data of `vietnamadminunits`.

The figures often quoted are 8 district-level units and 82 communes, those of 2024 (docs/units.md).
The package holds the structure in force just before 1 July 2025, after the 1 January 2025
rearrangement (Long Điền and Đất Đỏ merged into Long Đất): 7 district-level units and 77 communes.
We assert what the package has.
"""

from __future__ import annotations

import datetime as dt

import pytest

from cchc import cli
from cchc.core.lineage import current_successors
from cchc.core.models import LineageKind, Unit, UnitKind, UnitLineage
from cchc.core.units import descendants_codes, tree_as_of
from cchc.core.units_vn import ProvinceNotFound, find_province, load_vn_province

BEFORE = dt.date(2025, 6, 30)
AFTER = dt.date(2025, 7, 1)


@pytest.mark.parametrize(
    "name", ["Bà Rịa - Vũng Tàu", "ba-ria-vung-tau", "brvt", "Tỉnh Bà Rịa – Vũng Tàu", "77"]
)
def test_it_finds_brvt_by_any_common_spelling(name: str) -> None:
    assert find_province(name)["provinceCode"] == "77"


def test_it_refuses_an_unknown_province() -> None:
    with pytest.raises(ProvinceNotFound):
        find_province("Atlantis")


@pytest.mark.django_db
def test_load_brvt_builds_both_structures_with_lineage() -> None:
    report = load_vn_province("brvt", history=None)  # the package alone: the early-2025 tree
    assert (report.districts, report.communes, report.new_units) == (7, 77, 30)
    assert report.created == 1 + 7 + 77 + 1 + 30
    assert report.splits_from_names == 0
    province = Unit.objects.get(code="vn63-77")
    assert province.valid_to == BEFORE and province.kind == UnitKind.PROVINCE
    assert Unit.objects.filter(code__startswith="vn63-", kind=UnitKind.COMMUNE).count() == 77
    assert Unit.objects.filter(kind=UnitKind.DISTRICT, valid_to=BEFORE).count() == 7
    hcmc = Unit.objects.get(code="vn34-79")
    assert hcmc.name == "Thành phố Hồ Chí Minh" and hcmc.valid_from == AFTER
    # before: province → 7 districts → 77 communes; after: HCMC with the 30 successors
    assert len(descendants_codes("vn63-77", BEFORE)) == 1 + 7 + 77
    assert len(descendants_codes("vn34-79", AFTER)) == 1 + 30
    roots = {node.unit.code for node in tree_as_of(AFTER)}
    assert roots == {"vn34-79"}


@pytest.mark.django_db
def test_brvt_lineage_merges_wards_and_maps_con_dao_to_its_special_zone() -> None:
    load_vn_province("brvt")
    links = UnitLineage.objects.filter(predecessor__code="vn63-77")
    assert [(link.successor.code, link.kind) for link in links] == [("vn34-79", LineageKind.MERGE)]
    # Phường Phước Hưng, Phước Nguyên, Long Toàn, Phước Trung (Bà Rịa) → Phường Bà Rịa
    ba_ria = Unit.objects.get(name="Phường Bà Rịa", code__startswith="vn34-")
    into_ba_ria = UnitLineage.objects.filter(successor=ba_ria)
    predecessors = set(
        into_ba_ria.filter(predecessor__kind=UnitKind.COMMUNE).values_list(
            "predecessor__name", flat=True
        )
    )
    assert predecessors == {
        "Phường Phước Hưng", "Phường Phước Nguyên", "Phường Long Toàn", "Phường Phước Trung"
    }  # fmt: skip
    communes = into_ba_ria.filter(predecessor__kind=UnitKind.COMMUNE)
    assert set(communes.values_list("kind", flat=True)) == {LineageKind.MERGE}
    # the district is linked too, through its communes (it split into several new wards)
    district = into_ba_ria.get(predecessor__kind=UnitKind.DISTRICT)
    assert district.predecessor.name == "Thành phố Bà Rịa"
    assert district.kind == LineageKind.SPLIT
    con_dao = current_successors("vn63-755", on=AFTER)
    assert [(u.code, u.name) for u in con_dao] == [("vn34-26732", "Đặc khu Côn Đảo")]
    # every old commune has a successor valid from 1 July 2025
    for code in Unit.objects.filter(code__startswith="vn63-", kind=UnitKind.COMMUNE).values_list(
        "code", flat=True
    ):
        assert current_successors(code, on=AFTER), code


@pytest.mark.django_db
def test_reloading_updates_without_duplicating() -> None:
    first = load_vn_province("brvt")
    Unit.objects.filter(code="vn63-26506").update(name="tên sai")
    UnitLineage.objects.filter(predecessor__code="vn63-77").update(kind=LineageKind.RENAME)
    again = load_vn_province("Bà Rịa - Vũng Tàu")
    assert again.created == 0 and again.updated == 1
    assert again.unchanged == first.created - 1
    assert (again.links_created, again.links_updated) == (0, 1)
    assert Unit.objects.count() == first.created
    assert UnitLineage.objects.count() == first.links_created
    assert Unit.objects.get(code="vn63-26506").name == "Phường 1"


@pytest.mark.django_db
def test_all_new_units_loads_every_hcmc_commune() -> None:
    load_vn_province("brvt", include_all_new_units=True)
    hcmc_units = Unit.objects.filter(code__startswith="vn34-", kind=UnitKind.COMMUNE)
    assert hcmc_units.count() == 168  # Resolution 1685/NQ-UBTVQH15: 113 wards, 54 communes, 1 zone


@pytest.mark.django_db(transaction=True)
def test_load_vn_command_prints_the_report(capsys: pytest.CaptureFixture[str]) -> None:
    assert cli.main(["units", "load-vn", "ba-ria-vung-tau"]) == 0
    out = capsys.readouterr().out
    assert "vn63-77" in out and "vn34-79" in out
    assert "0 đơn vị chia tách: suy ra từ tên" in out
    assert cli.main(["units", "load-vn", "Atlantis"]) == 1
