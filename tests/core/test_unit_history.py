"""Bà Rịa – Vũng Tàu as it really was, 2023 to today (docs/units.md, "history").

Expected structures are restated from the resolutions (domain notes, organisation.md), not read
from the loader: Resolution 1256/NQ-UBTVQH15 (in force 1 Jan 2025) merged Long Điền and Đất Đỏ
into Long Đất, An Nhứt + An Ngãi + Tam Phước into Tam An, Lộc An into Phước Hội, Long Mỹ into
Phước Hải, Phước Hiệp into Phước Trung, made xã Kim Long a town: 8 districts / 82 communes before,
7 / 77 after. Resolution 1365/NQ-UBTVQH15: thị xã Phú Mỹ a city, Tân Hòa and Tân Hải wards from
1 Mar 2025. Resolution 202/2025/QH15: two tiers from 1 Jul 2025.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from cchc import cli
from cchc.core.importing import ImportRejected
from cchc.core.lineage import predecessors, rollup_map
from cchc.core.models import Unit, UnitFormer, UnitKind
from cchc.core.unit_views import UnitView, comparable_codes, parse_view, unit_frame
from cchc.core.units import descendants_codes, names_on, tree_as_of, unit_on
from cchc.core.units_vn import load_vn_province

D = dt.date
PROVINCE = "vn63-77"
LONG_DIEN, DAT_DO, LONG_DAT, PHU_MY = "vn63-752", "vn63-753-2024", "vn63-753", "vn63-754"
AN_NHUT, TAM_PHUOC, TAM_AN = "vn63-26671", "vn63-26668-2024", "vn63-26668"
LONG_HAI = "vn63-26662"  # thị trấn Long Hải: kept its code, moved from Long Điền to Long Đất


def _tree(day: dt.date) -> dict[str, list[str]]:
    """district name → its commune names, under the old province on `day`."""
    (province,) = [n for n in tree_as_of(day) if n.unit.code == PROVINCE]
    return {d.unit.name: sorted(c.unit.name for c in d.children) for d in province.children}


@pytest.fixture
def brvt(db: None) -> None:
    load_vn_province("brvt")


def test_the_tree_of_2024_has_eight_districts_and_82_communes(brvt: None) -> None:
    tree = _tree(D(2024, 12, 31))
    assert len(tree) == 8 and sum(map(len, tree.values())) == 82
    assert tree["Huyện Long Điền"] == sorted(
        ["Thị trấn Long Điền", "Thị trấn Long Hải", "Xã An Ngãi", "Xã An Nhứt", "Xã Tam Phước",
         "Xã Phước Tỉnh", "Xã Phước Hưng"]
    )  # fmt: skip
    assert "Xã Lộc An" in tree["Huyện Đất Đỏ"] and "Xã Long Mỹ" in tree["Huyện Đất Đỏ"]
    assert "Thị xã Phú Mỹ" in tree and "Xã Kim Long" in tree["Huyện Châu Đức"]
    assert "Huyện Long Đất" not in tree and "Thành phố Phú Mỹ" not in tree


def test_on_1_january_2025_long_dat_replaces_long_dien_and_dat_do(brvt: None) -> None:
    tree = _tree(D(2025, 1, 1))
    assert len(tree) == 7 and sum(map(len, tree.values())) == 77
    assert "Huyện Long Điền" not in tree and "Huyện Đất Đỏ" not in tree
    assert {"Xã Tam An", "Thị trấn Long Hải", "Xã Phước Hội"} <= set(tree["Huyện Long Đất"])
    assert "Thị trấn Kim Long" in tree["Huyện Châu Đức"]
    assert "Thị xã Phú Mỹ" in tree  # a city only from 1 March


def test_on_1_march_2025_phu_my_is_a_city_with_two_new_wards(brvt: None) -> None:
    before, after = _tree(D(2025, 2, 28)), _tree(D(2025, 3, 1))
    assert {"Xã Tân Hòa", "Xã Tân Hải"} <= set(before["Thị xã Phú Mỹ"])
    wards = [n for n in after["Thành phố Phú Mỹ"] if n.startswith("Phường")]
    assert len(wards) == 7 and len(after["Thành phố Phú Mỹ"]) == 10  # 7 wards, 3 communes


def test_on_1_july_2025_the_old_province_is_gone(brvt: None) -> None:
    assert _tree(D(2025, 6, 30)) and not [
        n for n in tree_as_of(D(2025, 7, 1)) if n.unit.code == PROVINCE
    ]
    assert len(descendants_codes("vn34-79", D(2025, 7, 1))) == 1 + 30


def test_a_moved_commune_is_under_its_district_of_the_day(brvt: None) -> None:
    assert unit_on(LONG_HAI, D(2024, 6, 30)).parent_id == Unit.objects.get(code=LONG_DIEN).pk
    assert unit_on(LONG_HAI, D(2025, 6, 30)).parent_id == Unit.objects.get(code=LONG_DAT).pk
    assert LONG_HAI in descendants_codes(LONG_DIEN, D(2023, 6, 30))
    assert LONG_HAI not in descendants_codes(LONG_DIEN, D(2025, 1, 1))
    assert names_on(D(2023, 6, 30))[PHU_MY] == "Thị xã Phú Mỹ"
    assert names_on(D(2026, 1, 1))[PHU_MY] == "Thành phố Phú Mỹ"


def test_lineage_runs_through_every_step(brvt: None) -> None:
    today = D(2026, 12, 5)
    ward = rollup_map(today)[AN_NHUT]  # An Nhứt → Tam An (2025) → a ward of 2025-07-01
    assert rollup_map(today)[TAM_AN] == ward and rollup_map(today)[TAM_PHUOC] == ward
    assert rollup_map(D(2025, 3, 1))[AN_NHUT] == TAM_AN
    took_over = predecessors(ward)
    assert took_over[AN_NHUT] == D(2025, 7, 1) == took_over[TAM_AN]
    assert predecessors(TAM_AN)[AN_NHUT] == D(2025, 1, 1)
    assert predecessors(LONG_DAT) == {LONG_DIEN: D(2025, 1, 1), DAT_DO: D(2025, 1, 1)}


def test_the_as_is_frame_counts_every_predecessor_once(brvt: None) -> None:
    today = D(2026, 12, 5)
    ward = rollup_map(today)[AN_NHUT]
    members = unit_frame(UnitView.AS_IS, D(2023, 12, 31), today).members(ward)
    assert {ward, TAM_AN, AN_NHUT, TAM_PHUOC, "vn63-26665"} <= members
    # each old unit rolls onto exactly one of today's units: no dossier counted twice
    frame = unit_frame(UnitView.AS_IS, D(2023, 12, 31), today)
    wards = [u.code for u in Unit.objects.filter(code__startswith="vn34-", kind=UnitKind.COMMUNE)]
    owners = [w for w in wards if AN_NHUT in frame.members(w)]
    assert owners == [ward]
    as_was = unit_frame(UnitView.AS_WAS, D(2023, 12, 31), today)
    assert as_was.members(LONG_DIEN) >= {LONG_DIEN, AN_NHUT, LONG_HAI}
    # last year of Tam An (2024) is that of An Nhứt, An Ngãi and Tam Phước
    assert comparable_codes({TAM_AN}, D(2025, 6, 30)) == {
        TAM_AN, AN_NHUT, "vn63-26665", TAM_PHUOC
    }  # fmt: skip


@pytest.mark.parametrize(
    ("text", "view"),
    [("", UnitView.AS_WAS), ("as-is", UnitView.AS_IS), ("as_was", UnitView.AS_WAS)],
)
def test_parse_view(text: str, view: UnitView) -> None:
    assert parse_view(text) == view


def test_parse_view_refuses_anything_else() -> None:
    with pytest.raises(ValueError, match="as-was"):
        parse_view("yesterday")


def test_reloading_with_history_changes_nothing(brvt: None) -> None:
    again = load_vn_province("brvt")
    assert (again.created, again.updated, again.links_created, again.links_updated) == (0, 0, 0, 0)
    assert UnitFormer.objects.count() == 13


def test_a_corrected_history_file_replaces_what_was_loaded(brvt: None, tmp_path: Path) -> None:
    from cchc.core.units_history import shipped_history

    shipped = shipped_history(PROVINCE)
    assert shipped is not None
    text = shipped.read_text(encoding="utf-8").replace(
        'until = 2025-02-28\nname = "Thị xã Phú Mỹ"', 'until = 2025-02-27\nname = "Thị xã Phú Mỹ"'
    )
    corrected = tmp_path / "brvt.toml"
    corrected.write_text(text, encoding="utf-8")
    load_vn_province("brvt", history=corrected)
    assert list(UnitFormer.objects.filter(unit__code=PHU_MY).values_list("until", flat=True)) == [
        D(2025, 2, 27)
    ]


def test_a_bad_history_file_names_line_and_field_and_changes_nothing(
    db: None, tmp_path: Path
) -> None:
    bad = tmp_path / "bad.toml"
    bad.write_text(
        'province = "vn63-77"\n\n[[unit]]\ncode = "x-1"\nname = "Xã Thử"\nkind = "village"\n'
        '\n[[change]]\nkind = "merge"\ndate = 2025-01-01\nfrom = ["x-1"]\nto = "nowhere"\n',
        encoding="utf-8",
    )
    with pytest.raises(ImportRejected) as caught:
        load_vn_province("brvt", history=bad)
    report = caught.value.report()
    assert "bad.toml, dòng (line) 3, cột (field) 'kind' = 'village'" in report
    assert Unit.objects.count() == 0
    with pytest.raises(ImportRejected) as unknown:
        bad.write_text(bad.read_text().replace('"village"', '"commune"'), encoding="utf-8")
        load_vn_province("brvt", history=bad)
    assert "dòng (line) 8, cột (field) 'to' = 'nowhere'" in unknown.value.report()
    assert Unit.objects.count() == 0


@pytest.mark.django_db(transaction=True)
def test_units_history_shows_names_parents_and_every_step(
    capsys: pytest.CaptureFixture[str],
) -> None:
    assert cli.main(["units", "load-vn", "brvt"]) == 0
    capsys.readouterr()
    assert cli.main(["units", "history", AN_NHUT]) == 0
    out = capsys.readouterr().out
    assert "Xã An Nhứt" in out and "Huyện Long Điền" in out
    assert "01/01/2025 sáp nhập → Xã Tam An (vn63-26668)" in out
    assert "Nghị quyết 1256/NQ-UBTVQH15" in out
    assert "    01/07/2025 sáp nhập → " in out  # the second step, indented under the first
    assert cli.main(["units", "history", PHU_MY]) == 0
    out = capsys.readouterr().out
    assert (
        "… – 28/02/2025: Thị xã Phú Mỹ" in out
        and "01/03/2025 – 30/06/2025: Thành phố Phú Mỹ" in out
    )
    assert cli.main(["units", "history", "nope"]) == 1


def test_a_split_district_rolls_onto_the_city_and_an_unsplit_one_onto_its_heir(
    brvt: None,
) -> None:
    rollup = rollup_map(D(2026, 12, 5))
    # Long Điền → Long Đất → many wards: its own dossiers count for the city, in no ward
    assert rollup[LONG_DIEN] == rollup[DAT_DO] == rollup[LONG_DAT] == "vn34-79"
    assert rollup["vn63-755"] == "vn34-26732"  # Huyện Côn Đảo → Đặc khu Côn Đảo, one heir


@pytest.mark.parametrize(("note", "heir"), [("suy ra từ tên; mặc định", "W2"), ("", "P")])
def test_a_split_commune_goes_to_its_default_heir_else_to_their_parent(
    db: None, note: str, heir: str
) -> None:
    from cchc.core.models import LineageKind, UnitLineage

    day = D(2025, 7, 1)
    p = Unit.objects.create(code="P", name="Tỉnh P", kind=UnitKind.PROVINCE, valid_from=day)
    w1, w2 = (
        Unit.objects.create(code=c, name=c, kind=UnitKind.COMMUNE, parent=p, valid_from=day)
        for c in ("W1", "W2")
    )
    old = Unit.objects.create(code="O", name="Xã O", kind=UnitKind.COMMUNE, valid_to=D(2025, 6, 30))
    UnitLineage.objects.create(predecessor=old, successor=w1, date=day, kind=LineageKind.SPLIT)
    UnitLineage.objects.create(
        predecessor=old, successor=w2, date=day, kind=LineageKind.SPLIT, note=note
    )
    assert rollup_map(D(2026, 1, 1)) == {"O": heir}
