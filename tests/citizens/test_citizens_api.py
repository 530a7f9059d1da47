"""The citizens' voice JSON API (/api/citizens): the feedback list and item by the pages' rules
(a unit head sees his units only, another unit's item is 404, the citizen's contact only for the
staff handling it, never in the list), survey results per unit, 400 on bad input, 401/403 without
a login or a role."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

import pytest
from django.contrib.auth.models import User
from django.test import Client

from cchc.core import clock
from tests.citizens import feedback_world as fw
from tests.citizens.test_survey_pages import seed
from tests.web.world import World as SurveyWorld

TODAY = dt.date(2026, 12, 5)


@pytest.fixture
def w(db: None, monkeypatch: pytest.MonkeyPatch) -> fw.World:
    monkeypatch.setattr(clock, "today", lambda: TODAY)
    return fw.build_world()


def client(user: User) -> Client:
    c = Client()
    c.force_login(user)
    return c


def test_a_unit_head_lists_only_his_units_items_without_personal_data(w: fw.World) -> None:
    mine = fw.feedback(w)  # received Mon 2 Nov 2026, due Mon 23 Nov: 12 days late on 5 Dec
    fw.feedback(w, unit=w.x2, text="Cổng dịch vụ công báo lỗi khi nộp.")
    answer = client(w.head_x1).get("/api/citizens/feedback")
    assert answer.status_code == 200
    body = answer.json()
    assert body["total"] == 1 and [i["code"] for i in body["items"]] == [mine.code]
    row = body["items"][0]
    assert row["unit_code"] == "X1" and row["unit_name"] == "Xã Long Sơn"
    assert row["overdue"] is True and row["days_overdue"] == (TODAY - dt.date(2026, 11, 23)).days
    text = answer.content.decode()
    for private in ("Nguyễn Văn A", "0901 234 567", "079012345678", "pseudonym", "contact"):
        assert private not in text
    assert mine.citizen_pseudonym == "" or mine.citizen_pseudonym not in text


def test_the_list_filters_as_the_page_does(w: fw.World) -> None:
    fw.feedback(w)
    fw.feedback(w, unit=w.x2, received_at=dt.datetime(2026, 12, 4, 9, 0, tzinfo=dt.UTC))
    officer = client(w.officer)
    assert officer.get("/api/citizens/feedback").json()["total"] == 2
    assert officer.get("/api/citizens/feedback?overdue=true").json()["total"] == 1
    assert officer.get("/api/citizens/feedback?unit=X2").json()["total"] == 1
    assert officer.get("/api/citizens/feedback?limit=1&offset=1").json()["items"][0]["unit_code"]
    bad = officer.get("/api/citizens/feedback?state=bogus")
    assert bad.status_code == 400 and "Trạng thái không hợp lệ" in bad.json()["detail"]
    assert officer.get("/api/citizens/feedback?limit=0").status_code == 400
    assert client(w.head_x2).get("/api/citizens/feedback?unit=X1").status_code == 403


def test_an_item_of_another_unit_is_404(w: fw.World) -> None:
    item = fw.feedback(w)
    assert client(w.head_x2).get(f"/api/citizens/feedback/{item.pk}").status_code == 404
    assert client(w.head_x1).get("/api/citizens/feedback/999999").status_code == 404


def test_the_contact_only_for_the_staff_handling_the_item(w: fw.World) -> None:
    item = fw.feedback(w)
    url = f"/api/citizens/feedback/{item.pk}"
    expected = {"name": "Nguyễn Văn A", "phone": "0901 234 567", "id_number": "079012345678"}
    for handler in (w.head_x1, w.deputy_x1, w.officer):  # heads of X1, who took it in
        body = client(handler).get(url).json()
        assert body["contact"] == expected and body["text"] == item.text
    for outsider in (w.steering, w.officer2, w.head_prov):
        answer = client(outsider).get(url)
        assert answer.status_code == 200 and answer.json()["contact"] is None
        assert "Nguyễn Văn A" not in answer.content.decode()


def test_without_login_or_role(w: fw.World) -> None:
    item = fw.feedback(w)
    for url in (
        "/api/citizens/feedback",
        f"/api/citizens/feedback/{item.pk}",
        "/api/citizens/surveys/results?period=2025",
    ):
        assert Client().get(url).status_code in (401, 403)
    nobody = User.objects.create_user("nobody", password="x" * 12)
    assert client(nobody).get("/api/citizens/feedback").status_code == 403


def test_survey_results_per_unit_in_scope(
    sworld: SurveyWorld, survey_client: Callable[[str], Client]
) -> None:
    seed(sworld)  # X011: overall 5 and 2; X021: overall 4 (satisfied: 4 or 5 of 5)
    answer = survey_client("officer").get("/api/citizens/surveys/results?period=2025-H1")
    assert answer.status_code == 200
    body = answer.json()
    assert body["period"] == "2025-H1" and body["element"] == "overall"
    assert body["units_view"] == "as-was"
    units = {u["unit_code"]: u for u in body["units"]}
    assert set(units) == {"X011", "X021"}
    x011 = units["X011"]
    assert (x011["responses"], x011["answered"], x011["satisfied"]) == (2, 2, 1)
    assert x011["satisfied_share"] == 0.5 and x011["ci_low"] < 0.5 < x011["ci_high"]
    assert isinstance(x011["ranked"], bool) and x011["unit_name"] == "Xã Một Một"
    chair = survey_client("chair_x011").get("/api/citizens/surveys/results?period=2025-H1")
    assert [u["unit_code"] for u in chair.json()["units"]] == ["X011"]


def test_survey_results_refuse_a_bad_period_element_or_view(
    sworld: SurveyWorld, survey_client: Callable[[str], Client]
) -> None:
    officer = survey_client("officer")
    bad = officer.get("/api/citizens/surveys/results?period=2025-H3")
    assert bad.status_code == 400 and "Kỳ không hợp lệ" in bad.json()["detail"]
    wrong = officer.get("/api/citizens/surveys/results?period=2025&element=price")
    assert wrong.status_code == 400 and "Yếu tố không hợp lệ" in wrong.json()["detail"]
    view = officer.get("/api/citizens/surveys/results?period=2025&view=sideways")
    assert view.status_code == 400


def test_the_openapi_schema_still_builds(w: fw.World) -> None:
    schema = client(w.officer).get("/api/openapi.json")
    assert schema.status_code == 200
    assert "/api/citizens/feedback/{item_id}" in schema.json()["paths"]
