"""The unit picker of the inspection and plan forms (issue #12, names everywhere): the resolver
takes a code, a picker label or an unambiguous name (diacritics ignored), refuses an ambiguous
name with its candidates and an unknown one; the forms keep what was typed, the error beside
the field."""

from __future__ import annotations

import datetime as dt

import pytest
from django.conf import settings
from django.test import Client

from cchc.core.models import Unit, UnitKind
from cchc.inspections.models import Inspection, PlanRun
from cchc.inspections.unit_picker import UnitNotFound, choices, fold, resolve, resolve_many
from tests.inspections.web_world import InspectionWorld, build_inspection_world

BEFORE, AFTER = dt.date(2025, 3, 1), dt.date(2025, 9, 1)


@pytest.fixture
def wards(db: None) -> dict[str, Unit]:
    def unit(code: str, name: str, kind: str, parent: Unit | None, **life: dt.date) -> Unit:
        return Unit.objects.create(code=code, name=name, kind=kind, parent=parent, **life)

    end, start = {"valid_to": dt.date(2025, 6, 30)}, {"valid_from": dt.date(2025, 7, 1)}
    brvt = unit("77", "Tỉnh Bà Rịa - Vũng Tàu", UnitKind.PROVINCE, None, **end)
    hcm = unit("79", "Thành phố Hồ Chí Minh", UnitKind.PROVINCE, None)
    town = unit("754", "Thành phố Phú Mỹ", UnitKind.DISTRICT, brvt, **end)
    return {
        "old": unit("26560", "Phường Phú Mỹ", UnitKind.COMMUNE, town, **end),
        "new": unit("26561", "Phường Phú Mỹ", UnitKind.COMMUNE, hcm, **start),
        "tan_hai": unit("26500", "Phường Tân Hải", UnitKind.COMMUNE, hcm, **start),
        "hai_a": unit("90001", "Xã Hải An", UnitKind.COMMUNE, hcm),
        "hai_b": unit("90002", "Xã Hải An", UnitKind.COMMUNE, town, **end),
    }


def test_fold_drops_marks_and_case() -> None:
    assert fold("  Phường  Phú Mỹ ") == "phuong phu my"
    assert fold("Đặc khu Côn Đảo") == "dac khu con dao"


def test_labels_tell_duplicates_apart_current_first(wards: dict[str, Unit]) -> None:
    found = choices(AFTER)
    labels = {c.unit.code: c.label for c in found}
    assert labels["26560"] == "Phường Phú Mỹ — Thành phố Phú Mỹ, đến 30/06/2025"
    assert labels["26561"] == "Phường Phú Mỹ — Thành phố Hồ Chí Minh, từ 01/07/2025"
    current = [c.unit.code for c in found if c.current]
    assert [c.unit.code for c in found[: len(current)]] == current
    assert "26561" in current and "26560" not in current
    hint = next(c.hint for c in found if c.unit.code == "26561")
    assert hint == "phuong phu my · mã 26561"


def test_resolve_by_code_and_label(wards: dict[str, Unit]) -> None:
    assert resolve("26560", AFTER) == wards["old"]
    assert resolve(" 26561 ", BEFORE) == wards["new"]
    label = "Phường Phú Mỹ — Thành phố Phú Mỹ, đến 30/06/2025"
    assert resolve(label, AFTER) == wards["old"]
    assert resolve("phuong phu my — thanh pho ho chi minh, tu 01/07/2025", AFTER) == wards["new"]


def test_resolve_by_name_diacritics_insensitive(wards: dict[str, Unit]) -> None:
    assert resolve("Phường Tân Hải", AFTER) == wards["tan_hai"]
    assert resolve("phuong tan hai", AFTER) == wards["tan_hai"]
    assert resolve("tan hai", AFTER) == wards["tan_hai"]
    # two wards of the name, but only one of them exists on the day
    assert resolve("phu my", AFTER) == wards["new"]
    assert resolve("Phường Phú Mỹ", BEFORE) == wards["old"]


def test_ambiguous_name_lists_candidates(wards: dict[str, Unit]) -> None:
    with pytest.raises(UnitNotFound) as caught:
        resolve("xa hai an", BEFORE)  # both valid that day
    message = str(caught.value)
    assert "Có 2 đơn vị khớp với “xa hai an”" in message
    assert "Xã Hải An — Thành phố Hồ Chí Minh (mã 90001)" in message
    assert "Xã Hải An — Thành phố Phú Mỹ, đến 30/06/2025 (mã 90002)" in message


def test_unknown_and_empty(wards: dict[str, Unit]) -> None:
    with pytest.raises(UnitNotFound, match="Không có đơn vị nào có mã hoặc tên “Phú Quốc”"):
        resolve("Phú Quốc", AFTER)
    with pytest.raises(UnitNotFound, match="Cần chọn đơn vị"):
        resolve("  ", AFTER)


def test_resolve_many_keeps_comma_separated_codes(wards: dict[str, Unit]) -> None:
    units, errors = resolve_many(["26500, 90001", "tan hai", "nowhere"], AFTER)
    assert [u.code for u in units] == ["26500", "90001", "26500"]
    assert errors[:2] == ["", ""] and "Không có đơn vị nào" in errors[2]


@pytest.fixture
def iw(db: None) -> InspectionWorld:
    return build_inspection_world()


def _client(iw: InspectionWorld) -> Client:
    client = Client()
    client.force_login(iw.world.users["inspector"])
    return client


def test_inspection_form_by_name_and_bad_unit_keeps_what_was_typed(iw: InspectionWorld) -> None:
    client = _client(iw)
    typed = {"kind": "surprise", "unit": "Xã Không Có", "date": "03/06/2024"}
    typed["decision_number"] = "7/QĐ"
    page = client.post("/kiem-tra/", typed)
    assert page.status_code == 400
    html = page.content.decode()
    assert 'id="c-unit-error"' in html and "Không có đơn vị nào có mã hoặc tên" in html
    assert 'value="Xã Không Có"' in html and 'value="03/06/2024"' in html and 'value="7/QĐ"' in html
    assert '<option value="Xã Một Hai — Huyện Một, từ 01/01/2020">' in html
    assert not Inspection.objects.filter(decision_number="7/QĐ").exists()

    page = client.post("/kiem-tra/", {**typed, "unit": "xa mot hai"})
    assert page.status_code == 302
    assert Inspection.objects.get(decision_number="7/QĐ").unit.code == "X012"


def test_plan_form_bad_unit_keeps_every_field(iw: InspectionWorld) -> None:
    client = _client(iw)
    before = PlanRun.objects.count()
    x011 = "Xã Một Một — Huyện Một, từ 01/01/2020"
    post = {"period": "2024-H1", "periodic": [x011, "Xã Ma"], "surprise": "2"}
    page = client.post("/kiem-tra/ke-hoach/", {**post, "seed": "5"})
    assert page.status_code == 400
    html = page.content.decode()
    assert f'value="{x011}"' in html and 'value="Xã Ma"' in html
    assert 'value="2024-H1" selected' in html and 'value="5"' in html
    assert 'id="p-periodic-error-1"' in html and "Không có đơn vị nào" in html
    assert 'id="p-periodic-error-0"' not in html
    assert PlanRun.objects.count() == before

    page = client.post("/kiem-tra/ke-hoach/", {**post, "periodic": [x011]})
    assert page.status_code == 302
    run = PlanRun.objects.latest("pk")
    assert [p.unit_code for p in run.picks.filter(kind="periodic")] == ["X011"]


def test_picker_labels_in_english(iw: InspectionWorld) -> None:
    client = _client(iw)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    assert "Unit (type a name or code)" in client.get("/kiem-tra/").content.decode()
    assert "Periodic units (type a name or code, then pick)" in (
        client.get("/kiem-tra/ke-hoach/").content.decode()
    )
