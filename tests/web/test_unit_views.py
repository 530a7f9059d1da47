"""The two unit views on every figure, with Bà Rịa – Vũng Tàu's real history.

Expected counts are worked by hand from tests/web/lineage_world.py's dossier table, not computed
by the code under test.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Callable
from typing import Any

import pytest
from django.test import Client

from cchc.dossiers.periods import parse_period
from cchc.web.figures import period_figures
from tests.web.lineage_world import (
    AN_NHUT,
    DISTRICT,
    LAND_OFFICE,
    PHUOC_HUNG,
    PHUONG_1,
    TAM_AN,
    TAM_PHUOC,
    TOWN_LONG_DIEN,
    WARD,
    WARD_LONG_HAI,
    WARD_VUNG_TAU,
    LineageWorld,
    build_lineage_world,
)

AS_IS_LABEL = "Đơn vị hiện nay, gộp đơn vị tiền thân"
AS_WAS_LABEL = "Đơn vị như khi đó"
ClientFor = Callable[[str], Client]


@pytest.fixture
def lw(db: None) -> LineageWorld:
    return build_lineage_world()


@pytest.fixture
def client_for(lw: LineageWorld) -> ClientFor:
    def make(persona: str) -> Client:
        client = Client()
        client.force_login(lw.users[persona])
        return client

    return make


def _by_unit(client: Client, query: str) -> dict[str, tuple[int, int]]:
    """unit code → (dossiers, late) from the summary API."""
    body = client.get(f"/api/dossiers/summary?by=unit&{query}").json()
    return {r["group_code"]: (r["dossiers"], r["late"]) for r in body["rows"]}


def _text(html: bytes) -> str:
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html.decode()))


def test_as_is_rolls_every_step_onto_todays_unit(lw: LineageWorld, client_for: ClientFor) -> None:
    officer = client_for("officer")
    span = "from=2024-01-01&to=2026-06-30"
    as_was = _by_unit(officer, span)
    # the predecessors, as they were: An Nhứt 2024, Tam Phước 2024, Tam An and the town 2025-H1,
    # the new commune 2025-H2 and 2026-H1
    assert as_was == {AN_NHUT: (4, 1), TAM_PHUOC: (2, 0), TAM_AN: (5, 2),
                      TOWN_LONG_DIEN: (2, 0), WARD: (9, 1)}  # fmt: skip
    # as is, all of them count for Xã Long Điền: 4 + 2 + 5 + 2 + 3 + 6 = 22, late 1 + 2 + 1 = 4
    assert _by_unit(officer, f"{span}&view=as-is") == {WARD: (22, 4)}
    one = officer.get(f"/api/dossiers/summary?{span}&unit={WARD}&view=as-is").json()
    assert one["view"]["slug"] == "as-is" and one["view"]["label"] == AS_IS_LABEL
    assert [(r["dossiers"], r["late"]) for r in one["rows"]] == [(22, 4)]
    was = officer.get(f"/api/dossiers/summary?{span}&unit={WARD}").json()
    assert was["view"]["slug"] == "as-was" and was["rows"][0]["dossiers"] == 9


def test_2023_by_unit_in_each_view(lw: LineageWorld, client_for: ClientFor) -> None:
    officer = client_for("officer")
    assert _by_unit(officer, "period=2023-H1") == {
        AN_NHUT: (3, 1), DISTRICT: (2, 0), LAND_OFFICE: (3, 1), PHUOC_HUNG: (2, 0),
        PHUONG_1: (2, 0),
    }  # fmt: skip
    # An Nhứt → Xã Long Điền; the district's own dossiers → the city (its work was split among
    # many wards: they count in the city's total, in no ward's); the land office has no
    # successor and stays itself
    assert _by_unit(officer, "period=2023-H1&view=as-is") == {
        WARD: (3, 1), "vn34-79": (2, 0), WARD_LONG_HAI: (2, 0), WARD_VUNG_TAU: (2, 0),
        LAND_OFFICE: (3, 1),
    }  # fmt: skip


def test_year_on_year_compares_like_with_like_across_the_merger(lw: LineageWorld) -> None:
    figures = period_figures(parse_period("2026-H1"), {WARD})
    assert (figures.total.dossiers, figures.total.late) == (6, 1)
    # 2025-H1: Tam An 5 (2 late) + Thị trấn Long Điền 2; before the fix, 0
    assert (figures.total_before.dossiers, figures.total_before.late) == (7, 2)
    assert figures.rolled_up == ((TOWN_LONG_DIEN, "Thị trấn Long Điền"), (TAM_AN, "Xã Tam An"))


def test_the_unit_page_says_last_year_rolled_up_the_predecessors(
    lw: LineageWorld, client_for: ClientFor
) -> None:
    page = _text(client_for("officer").get(f"/don-vi/{WARD}/?period=2026-H1").content)
    assert "Cùng kỳ năm trước: 7" in page
    assert "83,3%" in page and "71,4%" in page  # on time 5/6 now, 5/7 last year
    assert (
        "Cùng kỳ năm trước gộp số liệu các đơn vị tiền thân: Thị trấn Long Điền, Xã Tam An." in page
    )
    assert f"Số liệu theo: {AS_WAS_LABEL}" in page


def test_a_unit_that_did_not_exist_says_so_and_points_to_its_predecessors(
    lw: LineageWorld, client_for: ClientFor
) -> None:
    response = client_for("officer").get(f"/don-vi/{WARD}/?period=2023-H1")
    html = response.content.decode()
    assert "Đơn vị chưa tồn tại trong kỳ này (thành lập ngày 01/07/2025)" in html
    assert "Xem theo đơn vị hiện nay" in html and "view=as-is" in html
    assert f'href="/don-vi/{AN_NHUT}/?period=2023-H1&amp;view=as-was"' in html
    assert "Cùng kỳ năm trước" not in html  # no figures, no silent 0
    as_is = _text(client_for("officer").get(f"/don-vi/{WARD}/?period=2023-H1&view=as-is").content)
    assert f"Số liệu theo: {AS_IS_LABEL}" in as_is
    assert "Gồm cả số liệu của các đơn vị tiền thân" in as_is and "Xã An Nhứt" in as_is
    assert "Cùng kỳ năm trước: 0" in as_is  # 2022: no dossiers anywhere


def test_an_old_unit_as_is_points_to_the_unit_it_counts_for(
    lw: LineageWorld, client_for: ClientFor
) -> None:
    html = client_for("officer").get(f"/don-vi/{AN_NHUT}/?period=2024-H1&view=as-is").content
    page = html.decode()
    assert "Đơn vị không còn trong cơ cấu hiện nay (kết thúc hoạt động ngày 31/12/2024)" in page
    assert f'href="/don-vi/{WARD}/?period=2024-H1&amp;view=as-is"' in page
    was = _text(client_for("officer").get(f"/don-vi/{AN_NHUT}/?period=2024-H1").content)
    assert "Cùng kỳ năm trước: 3" in was  # 2023-H1: An Nhứt itself


def test_the_unit_list_shows_the_structure_of_the_view(
    lw: LineageWorld, client_for: ClientFor
) -> None:
    was = client_for("officer").get("/don-vi/?period=2023-H1").content.decode()
    assert "Xã Kim Long" in was and "Thị xã Phú Mỹ" in was  # their names in 2023
    assert "Thị trấn Kim Long" not in was and WARD not in was
    now = client_for("officer").get("/don-vi/?period=2023-H1&view=as-is").content.decode()
    assert WARD in now and "Xã Long Điền" in now and AN_NHUT not in now
    assert 'aria-current="true">Đơn vị hiện nay' in now


def test_exports_and_the_late_api_state_the_view(lw: LineageWorld, client_for: ClientFor) -> None:
    officer = client_for("officer")
    response = officer.get(f"/ho-so-tre-han/xuat.csv?period=2023-H1&unit={WARD}&view=as-is")
    assert "-as-is.csv" in response["Content-Disposition"]
    text = b"".join(response.streaming_content).decode("utf-8-sig")  # type: ignore[attr-defined]
    rows = list(csv.reader(io.StringIO(text)))
    assert rows[0][:4] == [
        "Mã hồ sơ", "Mã đơn vị", "Tên đơn vị (ngày cuối kỳ)", f"Đơn vị theo cách xem: {AS_IS_LABEL}"
    ]  # fmt: skip
    # its one late, by its name then and the unit it counts for today
    assert [tuple(r[1:4]) for r in rows[1:]] == [(AN_NHUT, "Xã An Nhứt", "Xã Long Điền")]
    body: dict[str, Any] = officer.get(
        f"/api/dossiers/late?period=2023-H1&unit={WARD}&view=as-is"
    ).json()
    assert body["view"]["slug"] == "as-is" and body["total"] == 1
    assert body["rows"][0]["unit_code"] == AN_NHUT and body["rows"][0]["shown_unit_code"] == WARD
    assert body["rows"][0]["unit_name"] == "Xã An Nhứt"
    assert body["rows"][0]["shown_unit_name"] == "Xã Long Điền"
    assert officer.get(f"/api/dossiers/late?period=2023-H1&unit={WARD}").json()["total"] == 0
    assert officer.get("/api/dossiers/late?period=2023-H1&view=sideways").status_code == 400
    units = officer.get("/api/units?view=as-is").json()
    ward = next(u for u in units if u["code"] == WARD)
    assert ward["view"] == "as-is" and AN_NHUT in ward["rolled_up"] and TAM_AN in ward["rolled_up"]


def test_the_public_page_and_overview_offer_both_views(
    lw: LineageWorld, client_for: ClientFor
) -> None:
    public = _text(Client().get("/cong-khai/?period=2023-H1&view=as-is").content)
    assert f"Số liệu theo: {AS_IS_LABEL}" in public
    overview = _text(client_for("officer").get("/?period=2023-H1&view=as-is").content)
    assert f"Số liệu theo: {AS_IS_LABEL}" in overview and "cơ cấu đơn vị ngày" in overview
    english = Client()
    english.cookies["django_language"] = "en"
    assert "Unit view" in english.get("/cong-khai/?view=as-is").content.decode()
    bad = client_for("officer").get("/?period=2023-H1&view=sideways")
    assert bad.status_code == 200 and "Cách xem đơn vị không hợp lệ" in bad.content.decode()
