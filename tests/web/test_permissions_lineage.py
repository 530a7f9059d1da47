"""Permission matrix across the reorganisations (tests/web/lineage_world.py): a unit head sees his
unit's predecessors' history, read-only; the head of an ended unit keeps his own past; an
unrelated unit head sees neither. Same answers as tests/web/test_permissions.py: 200 allowed,
403 refused (API, late list), 404 a unit outside the caller's scope.
"""

from __future__ import annotations

from collections.abc import Callable

import pytest
from django.test import Client

from tests.web.lineage_world import (
    AN_NHUT,
    DISTRICT,
    LAND_OFFICE,
    PHUOC_HUNG,
    WARD,
    LineageWorld,
    build_lineage_world,
)

PERSONAS = ["officer", "ward_head", "district_head", "office_head", "vung_tau_head"]
ClientFor = Callable[[str], Client]


def _m(**answers: int) -> dict[str, int]:
    return {"officer": 200, **answers}


P = "period=2023-H1"
MATRIX: list[tuple[str, dict[str, int]]] = [
    # a predecessor commune's 2023 page and dossiers: its successor and its district, no one else
    (f"/don-vi/{AN_NHUT}/?{P}",
     _m(ward_head=200, district_head=200, office_head=404, vung_tau_head=404)),
    (f"/api/dossiers/late?{P}&unit={AN_NHUT}",
     _m(ward_head=200, district_head=200, office_head=403, vung_tau_head=403)),
    (f"/ho-so-tre-han/?{P}&unit={AN_NHUT}",
     _m(ward_head=200, district_head=200, office_head=403, vung_tau_head=403)),
    # the ended district's own records: all its successors, and its own head
    (f"/don-vi/{DISTRICT}/?{P}",
     _m(ward_head=200, district_head=200, office_head=404, vung_tau_head=404)),
    # the land office ended with the district, without a successor: part of the district's past
    (f"/don-vi/{LAND_OFFICE}/?{P}",
     _m(ward_head=200, district_head=200, office_head=200, vung_tau_head=404)),
    # a commune of the same district whose work went to another commune: not Xã Long Điền's
    (f"/don-vi/{PHUOC_HUNG}/?{P}",
     _m(ward_head=404, district_head=200, office_head=404, vung_tau_head=404)),
    (f"/api/dossiers/summary?{P}&unit={PHUOC_HUNG}",
     _m(ward_head=403, district_head=200, office_head=403, vung_tau_head=403)),
    # today's commune: its head; not the heads of the ended units it came from
    (f"/don-vi/{WARD}/?period=2026-H1",
     _m(ward_head=200, district_head=404, office_head=404, vung_tau_head=404)),
    (f"/don-vi/{WARD}/?{P}&view=as-is",
     _m(ward_head=200, district_head=404, office_head=404, vung_tau_head=404)),
]  # fmt: skip


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


def test_read_access_follows_the_lineage(lw: LineageWorld, client_for: ClientFor) -> None:
    clients = {p: client_for(p) for p in PERSONAS}
    wrong = {}
    for url, expected in MATRIX:
        got = {p: clients[p].get(url).status_code for p in PERSONAS}
        if got != expected:
            wrong[url] = {p: (got[p], expected[p]) for p in PERSONAS if got[p] != expected[p]}
    assert wrong == {}


def _dossiers_by_unit(client: Client, query: str) -> dict[str, int]:
    rows = client.get(f"/api/dossiers/summary?by=unit&{query}").json()["rows"]
    return {r["group_code"]: r["dossiers"] for r in rows}


def test_each_head_counts_what_he_may_see_in_2023(lw: LineageWorld, client_for: ClientFor) -> None:
    # the successor: An Nhứt 3, the district's own 2, its heirless land office 3; not Phước Hưng
    assert _dossiers_by_unit(client_for("ward_head"), P) == {
        AN_NHUT: 3, DISTRICT: 2, LAND_OFFICE: 3
    }  # fmt: skip
    # the ended district keeps its whole 2023 subtree
    assert _dossiers_by_unit(client_for("district_head"), P) == {
        AN_NHUT: 3, DISTRICT: 2, LAND_OFFICE: 3, PHUOC_HUNG: 2
    }  # fmt: skip
    assert _dossiers_by_unit(client_for("office_head"), P) == {LAND_OFFICE: 3}
    assert _dossiers_by_unit(client_for("vung_tau_head"), P) == {"vn63-26506": 2}


def test_the_successor_does_not_see_a_predecessors_applicants(
    lw: LineageWorld, client_for: ClientFor
) -> None:
    url = f"/api/dossiers/late?{P}&unit={AN_NHUT}"
    rows = client_for("ward_head").get(url).json()["rows"]
    assert len(rows) == 1 and rows[0]["applicant_pseudonym"] is None
    page = client_for("ward_head").get(f"/ho-so-tre-han/?{P}&unit={AN_NHUT}").content.decode()
    assert f"ps-{AN_NHUT}" not in page


def test_an_ended_units_head_is_told_and_shown_the_successor(
    lw: LineageWorld, client_for: ClientFor
) -> None:
    page = client_for("district_head").get("/?period=2025-H2").content.decode()
    assert "Đơn vị của bạn, Huyện Long Điền, đã kết thúc hoạt động ngày 31/12/2024." in page
    assert "Đơn vị kế thừa: Xã Long Điền, Xã Long Hải, Xã Đất Đỏ, Xã Phước Hải." in page
    assert "Cùng kỳ năm trước:" not in page  # an explanation instead of empty figures
    page = client_for("office_head").get("/ho-so-tre-han/?period=2025-H2").content.decode()
    assert "đã kết thúc hoạt động ngày 31/12/2024" in page
    assert "Không có đơn vị kế thừa được ghi nhận." in page
    # the default period is his unit's last half-year with data, not an empty one
    assert "6 tháng đầu năm 2023" in client_for("office_head").get("/").content.decode()


def test_the_successors_head_is_told_whose_history_he_reads(
    lw: LineageWorld, client_for: ClientFor
) -> None:
    page = client_for("ward_head").get(f"/?{P}").content.decode()
    assert "Đơn vị của bạn, Xã Long Điền, thành lập ngày 01/07/2025" in page
    assert "Xã An Nhứt" in page
