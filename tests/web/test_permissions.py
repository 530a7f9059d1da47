"""Permission matrix: every persona × every page and API endpoint × read/write.

Expected answers: 200 allowed; 302 anonymous sent to the login page; 401 anonymous API call;
403 refused; 404 a unit outside the caller's scope (no hint it exists); 400 allowed but the
request is incomplete (writes without a file).
"""

from __future__ import annotations

from collections.abc import Callable

import pytest
from django.test import Client

from tests.web.world import World

PERSONAS = [
    "anonymous",
    "norole",
    "admin",
    "officer",
    "inspector",
    "steering",
    "district_head",
    "office_head",
    "chair_x011",
]
READERS = {"admin": 200, "officer": 200, "inspector": 200, "steering": 200,
           "district_head": 200, "office_head": 200, "chair_x011": 200}  # fmt: skip
PAGE = {"anonymous": 302, "norole": 403, **READERS}
API = {"anonymous": 401, "norole": 403, **READERS}
IMPORTERS = {
    **dict.fromkeys(READERS, 403),
    "anonymous": 302,
    "norole": 403,
    "admin": 200,
    "officer": 200,
}


def _with(base: dict[str, int], **changes: int) -> dict[str, int]:
    return {**base, **changes}


P = "period=2024-H1"
GET_MATRIX: list[tuple[str, dict[str, int]]] = [
    ("/", PAGE),
    (f"/?{P}", PAGE),
    ("/don-vi/", PAGE),
    (f"/don-vi/H01/?{P}", _with(PAGE, office_head=404, chair_x011=404)),
    (f"/don-vi/X011/?{P}", _with(PAGE, office_head=404)),
    (f"/don-vi/X021/?{P}", _with(PAGE, district_head=404, office_head=404, chair_x011=404)),
    (f"/don-vi/KHONG-CO/?{P}", _with(PAGE, **dict.fromkeys(READERS, 404))),
    (f"/ho-so-tre-han/?{P}", PAGE),
    (
        f"/ho-so-tre-han/?{P}&unit=X021",
        _with(PAGE, inspector=403, district_head=403, office_head=403, chair_x011=403),
    ),
    (f"/ho-so-tre-han/xuat.csv?{P}", PAGE),
    (f"/ho-so-tre-han/xuat.xlsx?{P}&unit=X011", _with(PAGE, office_head=403)),
    ("/nhap-du-lieu/", IMPORTERS),
    ("/cong-khai/", dict.fromkeys(PERSONAS, 200)),
    ("/dang-nhap/", _with(dict.fromkeys(PERSONAS, 302), anonymous=200)),
    ("/api/units", API),
    ("/api/procedures", API),
    (f"/api/dossiers/summary?{P}&by=unit", API),
    (
        f"/api/dossiers/summary?{P}&unit=X021",
        _with(API, district_head=403, office_head=403, chair_x011=403),
    ),
    (f"/api/dossiers/late?{P}", API),
    (
        f"/api/dossiers/late?{P}&unit=H01",
        _with(API, inspector=403, office_head=403, chair_x011=403),
    ),
    (
        "/api/imports",
        _with(API, inspector=403, steering=403, district_head=403, office_head=403, chair_x011=403),
    ),
    ("/api/openapi.json", dict.fromkeys(PERSONAS, 200)),
]
ClientFor = Callable[[str], Client]


def _status(client: Client, method: str, url: str) -> int:
    response = client.get(url) if method == "GET" else client.post(url, {})
    return int(response.status_code)


@pytest.mark.parametrize(("url", "expected"), GET_MATRIX, ids=[u for u, _ in GET_MATRIX])
def test_read_access_matches_the_matrix(
    world: World, client_for: ClientFor, url: str, expected: dict[str, int]
) -> None:
    got = {p: _status(client_for(p), "GET", url) for p in PERSONAS}
    assert got == expected


# Writes: only importers may start an import; an empty form is then refused as incomplete (400).
WRITE_MATRIX: list[tuple[str, dict[str, int]]] = [
    ("/nhap-du-lieu/", _with(IMPORTERS, admin=400, officer=400)),
]


@pytest.mark.parametrize(("url", "expected"), WRITE_MATRIX, ids=[u for u, _ in WRITE_MATRIX])
def test_write_access_matches_the_matrix(
    world: World, client_for: ClientFor, url: str, expected: dict[str, int]
) -> None:
    got = {p: _status(client_for(p), "POST", url) for p in PERSONAS}
    assert got == expected


def test_api_write_methods_are_not_allowed(world: World, client_for: ClientFor) -> None:
    client = client_for("admin")
    for url in ["/api/units", "/api/dossiers/late", "/api/imports"]:
        assert client.post(url, {}).status_code in {403, 405}  # CSRF or method not allowed


def test_anonymous_is_sent_to_the_login_page(world: World, client_for: ClientFor) -> None:
    response = client_for("anonymous").get("/ho-so-tre-han/")
    assert response["Location"].startswith("/dang-nhap/?next=")


def test_unit_heads_see_only_their_subtree_in_the_api(world: World, client_for: ClientFor) -> None:
    codes = {u["code"] for u in client_for("district_head").get("/api/units").json()}
    assert codes == {"H01", "X011", "X012", "H01-VPDK"}
    codes = {u["code"] for u in client_for("chair_x011").get("/api/units").json()}
    assert codes == {"X011"}
    assert len(client_for("steering").get("/api/units").json()) == 7


def test_unit_head_summary_counts_only_their_units(world: World, client_for: ClientFor) -> None:
    url = f"/api/dossiers/summary?{P}&by=unit"
    rows = client_for("chair_x011").get(url).json()["rows"]
    assert [r["group_code"] for r in rows] == ["X011"]
    every = {r["group_code"]: r for r in client_for("admin").get(url).json()["rows"]}
    assert rows[0]["dossiers"] == every["X011"]["dossiers"] > 0


def test_late_list_shows_applicants_only_to_the_handling_unit(
    world: World, client_for: ClientFor
) -> None:
    url = f"/api/dossiers/late?{P}&unit=X011&limit=1000"
    own = client_for("chair_x011").get(url).json()["rows"]
    assert own and all(r["applicant_pseudonym"] == "ps-x011-applicant" for r in own)
    other = client_for("district_head").get(url).json()["rows"]
    assert other and all(r["applicant_pseudonym"] is None for r in other)
    page = client_for("district_head").get(f"/ho-so-tre-han/?{P}&unit=X011").content.decode()
    assert "ps-x011-applicant" not in page
    page = client_for("chair_x011").get(f"/ho-so-tre-han/?{P}").content.decode()
    assert "ps-x011-applicant" in page


def test_inspectors_see_all_figures_but_only_their_inspected_units_dossiers(
    world: World, client_for: ClientFor
) -> None:
    inspector = client_for("inspector")
    summary = inspector.get(f"/api/dossiers/summary?{P}&by=unit").json()["rows"]
    assert {r["group_code"] for r in summary} == {"H01", "H01-VPDK", "X011", "X012", "H02", "X021"}
    rows = inspector.get(f"/api/dossiers/late?{P}&limit=1000").json()["rows"]
    assert rows and {r["unit_code"] for r in rows} == {"X011"}
    assert all(r["applicant_pseudonym"] is None for r in rows)  # not of the handling unit
    page = inspector.get(f"/ho-so-tre-han/?{P}").content.decode()
    assert "X021" not in page and "X011" in page
    assert inspector.get(f"/don-vi/X021/?{P}").status_code == 200  # indicators stay province-wide


def test_an_inspector_without_inspections_lists_no_dossiers(
    world: World, client_for: ClientFor
) -> None:
    world.users["inspector"].inspections.clear()
    body = client_for("inspector").get(f"/api/dossiers/late?{P}").json()
    assert body["total"] == 0 and body["rows"] == []
