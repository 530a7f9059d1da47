"""New-plan templates: PAPI's 8 dimensions, PAR INDEX's 8 areas, Decision 766's 5 groups; filled
in, each imports as a new plan."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from cchc.core.importing import ImportRejected
from cchc.core.models import Unit, UnitKind
from cchc.plans.models_plans import Plan, Target
from cchc.plans.plan_templates import write_template
from cchc.plans.xlsx_import import import_plan_book
from tests.plans.xlsx_world import set_cell, sheet_rows

PAPI_DIMENSIONS = [
    ("D1", "Tham gia của người dân ở cấp cơ sở"),
    ("D2", "Công khai, minh bạch trong việc ra quyết định ở địa phương"),
    ("D3", "Trách nhiệm giải trình với người dân"),
    ("D4", "Kiểm soát tham nhũng trong khu vực công"),
    ("D5", "Thủ tục hành chính công"),
    ("D6", "Cung ứng dịch vụ công"),
    ("D7", "Quản trị môi trường"),
    ("D8", "Quản trị điện tử"),
]
PAR_AREAS = [
    "Công tác chỉ đạo, điều hành cải cách hành chính",
    "Xây dựng và tổ chức thi hành thể chế",
    "Cải cách thủ tục hành chính",
    "Cải cách tổ chức bộ máy hành chính nhà nước",
    "Cải cách chế độ công vụ",
    "Cải cách tài chính công",
    "Xây dựng và phát triển chính quyền điện tử, chính quyền số",
    "Tác động của cải cách hành chính đến người dân, tổ chức và phát triển kinh tế - xã hội",
]
GROUPS_766 = [
    ("766.g1", "Công khai, minh bạch"),
    ("766.g2", "Tiến độ, kết quả giải quyết"),
    ("766.g3", "Số hóa hồ sơ"),
    ("766.g4", "Cung cấp dịch vụ trực tuyến"),
    ("766.g5", "Mức độ hài lòng"),
]


@pytest.fixture
def province(db: None) -> Unit:
    return Unit.objects.create(code="TINH", name="Tỉnh Thử", kind=UnitKind.PROVINCE)


def _targets(path: Path) -> list[dict[str, object]]:
    return sheet_rows(path, "Chỉ tiêu")


def test_the_papi_template_has_the_eight_dimensions(province: Unit, tmp_path: Path) -> None:
    path = tmp_path / "papi.xlsx"
    write_template("papi", path, 2026)
    rows = _targets(path)
    assert [(r["Mã nội dung"], r["Tên chỉ tiêu"]) for r in rows] == PAPI_DIMENSIONS
    assert {r["Chỉ số bên ngoài"] for r in rows} == {"PAPI"}
    assert {r["Hạn đạt"] for r in rows} == {dt.datetime(2026, 12, 31)}
    (plan,) = sheet_rows(path, "Kế hoạch")
    assert plan["Mã kế hoạch"] is None
    assert (plan["Mã đơn vị chủ trì"], plan["Thực hiện từ ngày"]) == (
        "TINH",
        dt.datetime(2026, 1, 1),
    )


def test_the_par_index_template_has_the_eight_areas(province: Unit, tmp_path: Path) -> None:
    path = tmp_path / "par.xlsx"
    write_template("par", path, 2026)
    rows = _targets(path)
    assert [r["Tên chỉ tiêu"] for r in rows] == PAR_AREAS
    assert [r["Mã nội dung"] for r in rows] == [f"LV{n}" for n in range(1, 9)]


def test_the_766_template_has_the_five_groups(province: Unit, tmp_path: Path) -> None:
    path = tmp_path / "766.xlsx"
    write_template("766", path, 2026)
    rows = _targets(path)
    assert [(r["Mã chỉ số cchc"], r["Tên chỉ tiêu"]) for r in rows] == GROUPS_766
    assert {r["Loại"] for r in rows} == {"Đo từ hồ sơ"}


def test_a_template_left_blank_names_each_missing_target_value(
    province: Unit, tmp_path: Path
) -> None:
    path = tmp_path / "papi.xlsx"
    write_template("papi", path, 2026)
    with pytest.raises(ImportRejected) as caught:
        import_plan_book(path, day=dt.date(2026, 1, 5))
    assert [(e.line, e.field) for e in caught.value.errors] == [
        (n, "M: Giá trị mục tiêu") for n in range(2, 10)
    ]
    assert not Plan.objects.exists()


@pytest.mark.parametrize("kind", ["papi", "par", "766"])
def test_a_filled_in_template_imports_as_a_new_plan(
    province: Unit, tmp_path: Path, kind: str
) -> None:
    path = tmp_path / f"{kind}.xlsx"
    write_template(kind, path, 2026)
    for row in range(2, len(_targets(path)) + 2):
        set_cell(path, "Chỉ tiêu", str(row), "Giá trị mục tiêu", 8)
    result = import_plan_book(path, day=dt.date(2026, 1, 5))
    assert result.plan_created
    plan = Plan.objects.get(pk=result.plan_id)
    assert plan.owner_unit == province
    assert Target.objects.filter(plan=plan, target_value=8).count() == len(_targets(path))


def test_the_papi_baselines_are_the_served_provinces_last_published_figures(
    papi: None, province: Unit, tmp_path: Path
) -> None:
    # Bà Rịa – Vũng Tàu, PAPI 2023 (src/cchc/plans/data/papi/papi-brvt-history.csv, lines 52–59)
    path = tmp_path / "papi.xlsx"
    write_template("papi", path, 2024)
    rows = _targets(path)
    assert [r["Giá trị gốc"] for r in rows] == [
        4.6407,
        5.6430,
        4.2696,
        7.2181,
        7.4515,
        8.1626,
        3.5328,
        3.6563,
    ]
    assert {r["Thời điểm gốc"] for r in rows} == {dt.datetime(2023, 12, 31)}
