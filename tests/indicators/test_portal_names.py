"""Normalising the portal's unit names, on the forms the portal and cchc really write."""

from __future__ import annotations

import datetime as dt

from cchc.indicators.portal_names import (
    SAME_NAME,
    SAME_WITHOUT_KIND,
    Candidate,
    Index,
    keys,
    normalise,
)

DAY = dt.date(2026, 10, 10)


def test_the_forms_of_one_city_name_are_one_key() -> None:
    forms = [
        "UBND Thành phố Hồ Chí Minh",
        "Thành phố Hồ Chí Minh",
        "TP. Hồ Chí Minh",
        "TP Hồ Chí Minh",
        "Ủy ban nhân dân thành phố Hồ Chí Minh",
        "Uỷ ban nhân dân  THÀNH PHỐ HỒ CHÍ MINH",
        "TP.HCM",
    ]
    assert {normalise(f) for f in forms} == {"thanh pho ho chi minh"}


def test_d_with_stroke_and_punctuation() -> None:
    assert normalise("UBND tỉnh Đắk Lắk") == "tinh dak lak"
    assert normalise("Sở Văn hóa, Thể thao và Du lịch - tỉnh Gia Lai") == (
        "so van hoa the thao va du lich tinh gia lai"
    )
    assert normalise("Sở Tư pháp tỉnh X") == "so tu phap tinh x"


def test_a_department_s_name_without_its_province() -> None:
    assert keys("Sở Tư pháp - tỉnh Gia Lai", ["UBND tỉnh Gia Lai"]) == {
        "so tu phap tinh gia lai",
        "so tu phap",
    }
    # "Thanh tra tỉnh" keeps its own "tỉnh": only the parent's whole name is taken off
    assert "thanh tra tinh" in keys("Thanh tra tỉnh - tỉnh Gia Lai", ["UBND tỉnh Gia Lai"])
    assert keys("Sở Tư pháp Gia Lai", ["UBND tỉnh Gia Lai"]) >= {"so tu phap"}


def test_the_unit_valid_on_the_day_and_under_the_parent_is_suggested() -> None:
    index = Index(
        [
            Candidate("vn63-64", "Tỉnh Gia Lai", valid_to=dt.date(2025, 6, 30)),
            Candidate("vn34-52", "Tỉnh Gia Lai", valid_from=dt.date(2025, 7, 1)),
            Candidate("GL-STP", "Sở Tư pháp", "Tỉnh Gia Lai"),
            Candidate("DT-STP", "Sở Tư pháp", "Tỉnh Đồng Tháp"),
            Candidate("vn34-24", "Tỉnh Bắc Ninh"),
        ]
    )
    assert index.suggest("UBND tỉnh Gia Lai", [], DAY).unit_code == "vn34-52"
    dept = index.suggest("Sở Tư pháp - tỉnh Gia Lai", ["UBND tỉnh Gia Lai"], DAY)
    assert (dept.unit_code, dept.basis) == ("GL-STP", SAME_NAME)
    city = index.suggest("UBND thành phố Bắc Ninh", [], DAY)
    assert (city.unit_code, city.basis) == ("vn34-24", SAME_WITHOUT_KIND)
    nowhere = index.suggest("Sở Tư pháp", [], DAY)
    assert nowhere.unit_code is None and nowhere.others == ("DT-STP", "GL-STP")
    assert index.suggest("UBND tỉnh Cà Mau", [], DAY).unit_code is None
