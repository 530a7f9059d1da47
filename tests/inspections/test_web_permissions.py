"""Permission matrix for the inspection pages and API: every persona × every page/endpoint.

Expected answers as in tests/web/test_permissions.py: 200 allowed; 302 anonymous sent to the
login page (pages) or a write done and redirected; 401 anonymous API call; 403 refused; 404 an
inspection outside the caller's units (no hint it exists); 400 allowed but bad input.
Province-wide views (risk ranking, plans, statistics) are for those who see every unit.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from django.test import Client

from cchc.core.models import AuditEntry
from cchc.inspections.models import CorrectiveAction, Inspection
from tests.inspections.web_world import InspectionWorld, build_inspection_world, evidence_file

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
READERS = dict.fromkeys(PERSONAS[2:], 200)
PAGE = {"anonymous": 302, "norole": 403, **READERS}
API = {"anonymous": 401, "norole": 403, **READERS}
HEADS = ("district_head", "office_head", "chair_x011")


def _with(base: dict[str, int], **changes: int) -> dict[str, int]:
    return {**base, **changes}


PROVINCE_PAGE = _with(PAGE, **dict.fromkeys(HEADS, 403))
PROVINCE_API = _with(API, **dict.fromkeys(HEADS, 403))
HIDDEN_X021 = dict.fromkeys(HEADS, 404)
P = "period=2024-H1"


@pytest.fixture
def iw(db: None) -> InspectionWorld:
    return build_inspection_world()


@pytest.fixture
def client_for(iw: InspectionWorld) -> Callable[[str], Client]:
    def make(persona: str) -> Client:
        client = Client()
        if persona != "anonymous":
            client.force_login(iw.world.users[persona])
        return client

    return make


def get_matrix(iw: InspectionWorld) -> list[tuple[str, dict[str, int]]]:
    a, b, run = iw.x011.pk, iw.x021.pk, iw.run.pk
    return [
        ("/kiem-tra/", PAGE),
        (f"/kiem-tra/{a}/", _with(PAGE, office_head=404)),
        (f"/kiem-tra/{b}/", _with(PAGE, **HIDDEN_X021)),
        (f"/kiem-tra/{a}/bien-ban.docx", _with(PAGE, office_head=404)),
        (f"/kiem-tra/{b}/ket-luan.docx", _with(PAGE, **HIDDEN_X021)),
        ("/kiem-tra/999999/", _with(PAGE, **dict.fromkeys(READERS, 404))),
        (f"/kiem-tra/minh-chung/{iw.evidence.pk}/", _with(PAGE, office_head=404)),
        (f"/kiem-tra/rui-ro/?{P}&top=5", PROVINCE_PAGE),
        (
            "/kiem-tra/rui-ro/?period=2024-H9",
            _with(
                PROVINCE_PAGE, **dict.fromkeys(["admin", "officer", "inspector", "steering"], 400)
            ),
        ),
        ("/kiem-tra/ke-hoach/", PROVINCE_PAGE),
        (f"/kiem-tra/ke-hoach/{run}/", PROVINCE_PAGE),
        ("/kiem-tra/khac-phuc/", PAGE),
        ("/kiem-tra/khac-phuc/?state=overdue", PAGE),
        ("/kiem-tra/khac-phuc/?state=nonsense", _with(PAGE, **dict.fromkeys(READERS, 400))),
        ("/kiem-tra/khac-phuc/?unit=X021", _with(PAGE, **dict.fromkeys(HEADS, 403))),
        (f"/kiem-tra/thong-ke/?{P}", PROVINCE_PAGE),
        ("/kiem-tra/thong-bao/", PAGE),
        (f"/api/inspections/risk?{P}&top=3", PROVINCE_API),
        (
            f"/api/inspections/risk?{P}&top=0",
            _with(
                PROVINCE_API, **dict.fromkeys(["admin", "officer", "inspector", "steering"], 400)
            ),
        ),
        ("/api/inspections/plans", PROVINCE_API),
        (f"/api/inspections/plans/{run}", PROVINCE_API),
        (
            "/api/inspections/plans/999999",
            _with(
                PROVINCE_API, **dict.fromkeys(["admin", "officer", "inspector", "steering"], 404)
            ),
        ),
        ("/api/inspections/inspections", API),
        (f"/api/inspections/inspections?{P}&unit=X021", _with(API, **dict.fromkeys(HEADS, 403))),
        (f"/api/inspections/inspections/{a}", _with(API, office_head=404)),
        (f"/api/inspections/inspections/{b}", _with(API, **HIDDEN_X021)),
        ("/api/inspections/actions?state=open", API),
        ("/api/inspections/actions?state=bad", _with(API, **dict.fromkeys(READERS, 400))),
        (f"/api/inspections/stats?{P}", PROVINCE_API),
    ]


def test_read_access_matches_the_matrix(iw: InspectionWorld, client_for: Any) -> None:
    clients = {p: client_for(p) for p in PERSONAS}
    wrong = {}
    for url, expected in get_matrix(iw):
        got = {p: clients[p].get(url).status_code for p in PERSONAS}
        if got != expected:
            wrong[url] = {p: (got[p], expected[p]) for p in PERSONAS if got[p] != expected[p]}
    assert wrong == {}


def test_unit_heads_see_only_their_units_inspections(iw: InspectionWorld, client_for: Any) -> None:
    codes = {
        i["unit_code"] for i in client_for("chair_x011").get("/api/inspections/inspections").json()
    }
    assert codes == {"X011"}
    codes = {
        i["unit_code"] for i in client_for("steering").get("/api/inspections/inspections").json()
    }
    assert codes == {"X011", "X021"}
    page = client_for("district_head").get("/kiem-tra/khac-phuc/").content.decode()
    assert "Gửi văn bản xin lỗi" in page and "Niêm yết lại" not in page


# Writes: one fresh world per persona (a write changes the state the next one would see).
def _write(iw: InspectionWorld, client: Client, what: str) -> int:
    a = iw.x011.pk
    finding = iw.x011.findings.get().pk
    posts: dict[str, tuple[str, dict[str, Any]]] = {
        "create": ("/kiem-tra/", {"kind": "surprise", "unit": "X012", "date": "03/06/2024"}),
        "plan": ("/kiem-tra/ke-hoach/", {"period": "2024-H1", "surprise": "1", "seed": "3"}),
        "finding": (
            f"/kiem-tra/{a}/ton-tai/",
            {"category": "publicity", "severity": "reminder", "description": "Thiếu niêm yết"},
        ),
        "action": (f"/kiem-tra/{a}/ton-tai/{finding}/khac-phuc/", {"description": "Niêm yết"}),
        "answer": (
            f"/kiem-tra/{a}/noi-dung/",
            {"answer-publicity.procedures": "compliant"},
        ),
        "team": (
            f"/kiem-tra/{a}/doan/",
            {"member": str(iw.world.users["officer"].pk), "role": "secretary"},
        ),
        "report": (
            f"/kiem-tra/khac-phuc/{iw.open_action.pk}/report/",
            {"text": "Đã rà soát", "evidence": evidence_file()},
        ),
        "verify": (f"/kiem-tra/khac-phuc/{iw.reported.pk}/verify/", {"text": "Đạt"}),
        "reopen": (f"/kiem-tra/khac-phuc/{iw.reported.pk}/reopen/", {"text": "Chưa đạt"}),
    }
    if what in ("finding", "answer"):  # results are recorded during the visit
        Inspection.objects.filter(pk=a).update(status="visiting")
    url, data = posts[what]
    return int(client.post(url, data).status_code)


RECORDERS = {
    "anonymous": 302,
    "norole": 403,
    "admin": 302,
    "officer": 302,
    "inspector": 302,
    "steering": 403,
    "district_head": 403,
    "office_head": 404,
    "chair_x011": 403,
}
WRITE_MATRIX: dict[str, dict[str, int]] = {
    "create": _with(RECORDERS, office_head=403),
    "plan": _with(RECORDERS, office_head=403),
    "finding": RECORDERS,
    "action": RECORDERS,
    "answer": RECORDERS,
    # the team: officers and the team's leader (the inspector leads X011's)
    "team": RECORDERS,
    # Reporting: the commune's head and the district head above it; officers; not the team.
    "report": _with(RECORDERS, inspector=403, district_head=302, chair_x011=302),
    "verify": RECORDERS,
    "reopen": RECORDERS,
}


@pytest.mark.parametrize("persona", PERSONAS)
@pytest.mark.parametrize("what", list(WRITE_MATRIX))
def test_write_access_matches_the_matrix(
    iw: InspectionWorld, client_for: Any, what: str, persona: str
) -> None:
    before = AuditEntry.objects.count()
    status = _write(iw, client_for(persona), what)
    assert status == WRITE_MATRIX[what][persona]
    # a write that went through left an audit entry; a refused one left none
    assert (AuditEntry.objects.count() > before) == (status == 302 and persona != "anonymous")


def test_api_writes_follow_the_same_rules(iw: InspectionWorld, client_for: Any) -> None:
    body = {"category": "publicity", "severity": "reminder", "description": "Thiếu"}
    url = f"/api/inspections/inspections/{iw.x011.pk}/findings"
    assert client_for("steering").post(url, body, "application/json").status_code == 403
    assert client_for("office_head").post(url, body, "application/json").status_code == 404
    late = client_for("inspector").post(url, body, "application/json")  # x011 is concluded
    assert late.status_code == 400 and "during the visit" in late.json()["detail"]
    Inspection.objects.filter(pk=iw.x011.pk).update(status="visiting")
    bad = client_for("inspector").post(url, body | {"severity": "x"}, "application/json")
    assert bad.status_code == 400 and "mức độ" in bad.json()["detail"]
    made = client_for("inspector").post(url, body, "application/json")
    assert made.status_code == 201
    early = client_for("inspector").post(
        f"/api/inspections/findings/{made.json()['id']}/actions",
        {"description": "Niêm yết"},
        "application/json",
    )
    assert early.status_code == 400 and "follow the conclusion" in early.json()["detail"]
    Inspection.objects.filter(pk=iw.x011.pk).update(status="concluded")
    act = f"/api/inspections/findings/{made.json()['id']}/actions"
    assert (
        client_for("inspector").post(act, {"description": ""}, "application/json").status_code
        == 400
    )
    action = client_for("inspector").post(act, {"description": "Niêm yết"}, "application/json")
    assert action.status_code == 201 and action.json()["state"] == "open"
    aid = action.json()["id"]
    no_file = client_for("chair_x011").post(f"/api/inspections/actions/{aid}/report", {"text": "x"})
    assert no_file.status_code == 400 and "minh chứng" in no_file.json()["detail"]
    done = client_for("chair_x011").post(
        f"/api/inspections/actions/{aid}/report",
        {"text": "Đã niêm yết", "evidence": evidence_file()},
    )
    assert done.status_code == 200 and done.json()["state"] == "reported"
    verify = f"/api/inspections/actions/{aid}/verify"
    assert client_for("chair_x011").post(verify, {}, "application/json").status_code == 403
    ok = client_for("inspector").post(verify, {"note": "Đạt"}, "application/json")
    assert ok.status_code == 200 and ok.json()["state"] == "closed"
    again = client_for("inspector").post(verify, {}, "application/json")
    assert again.status_code == 400 and "cannot verify" in again.json()["detail"]
    plan = client_for("inspector").post(
        "/api/inspections/plans",
        {"period": "2024-H1", "surprise": 2, "seed": 5},
        "application/json",
    )
    assert plan.status_code == 201 and len(plan.json()["picks"]) == 2
    for bad_plan in (
        {"period": "2024-H7"},
        {"period": "2024", "surprise": -1},
        {"period": "2024", "periodic": ["NOPE"]},
        {"surprise": 1},
    ):
        r = client_for("officer").post("/api/inspections/plans", bad_plan, "application/json")
        assert r.status_code in (400, 422), bad_plan
    assert CorrectiveAction.objects.get(pk=aid).state == "closed"
    kinds = list(
        AuditEntry.objects.filter(
            object_id=str(aid), object_type="inspections.correctiveaction"
        ).values_list("action", flat=True)
    )
    assert sorted(kinds) == ["action_create", "action_report", "action_verify"]


def test_admin_is_read_only(iw: InspectionWorld, client_for: Any) -> None:
    admin = client_for("admin")
    assert admin.get("/quan-tri/inspections/correctiveaction/").status_code == 200
    url = f"/quan-tri/inspections/correctiveaction/{iw.reported.pk}/change/"
    assert admin.get(url).status_code == 200  # shown read-only
    assert admin.post(url, {"state": "closed"}).status_code == 403
    assert admin.get("/quan-tri/inspections/finding/add/").status_code == 403
    assert CorrectiveAction.objects.get(pk=iw.reported.pk).state == "reported"
