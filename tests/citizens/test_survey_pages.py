"""The survey pages: who sees which unit, the paper form keeping input on error, the nav entry."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from django.test import Client

from cchc.citizens.models_surveys import SurveyResponse, SurveySource
from cchc.core.models import AuditEntry
from tests.web.world import World

Clients = Callable[[str], Client]


def seed(world: World) -> None:
    for i, (unit, overall) in enumerate([("X011", 5), ("X011", 2), ("X021", 4)]):
        SurveyResponse.objects.create(
            response_id=f"S-{i}",
            unit_code=unit,
            answered_on=dt.date(2025, 3, 1),
            overall=overall,
            official=3,
            observations={"asked_money": "yes", "trips": 2},
        )


def test_officer_sees_every_unit_by_name(sworld: World, survey_client: Clients) -> None:
    seed(sworld)
    page = survey_client("officer").get("/khao-sat/?period=2025-H1")
    html = page.content.decode()
    assert page.status_code == 200
    assert "Xã Một Một" in html and "Xã Hai Một" in html
    assert 'href="/khao-sat/"' in html and "Khảo sát</a>" in html  # the nav entry


def test_unit_head_sees_only_own_units(sworld: World, survey_client: Clients) -> None:
    seed(sworld)
    chair = survey_client("chair_x011")
    html = chair.get("/khao-sat/?period=2025-H1").content.decode()
    assert "Xã Một Một" in html and "Xã Hai Một" not in html
    assert chair.get("/khao-sat/don-vi/X021/?period=2025-H1").status_code == 404
    own = chair.get("/khao-sat/don-vi/X011/?period=2025-H1")
    text = own.content.decode()
    assert own.status_code == 200
    assert "Công chức giải quyết công việc" in text  # an element by its name
    assert "Cùng kỳ năm trước" in text and "Yếu tố bị đánh giá thấp nhất" in text


def test_anonymous_goes_to_login(sworld: World, survey_client: Clients) -> None:
    page = survey_client("anonymous").get("/khao-sat/")
    assert page.status_code == 302 and "/dang-nhap/" in page["Location"]


def test_only_officers_admins_and_unit_heads_enter_paper_forms(
    sworld: World, survey_client: Clients
) -> None:
    assert survey_client("steering").get("/khao-sat/nhap-phieu/").status_code == 403
    assert survey_client("inspector").get("/khao-sat/nhap-phieu/").status_code == 403
    assert survey_client("officer").get("/khao-sat/nhap-phieu/").status_code == 200


def test_the_paper_form_keeps_input_and_shows_the_error_beside_the_field(
    sworld: World, survey_client: Clients
) -> None:
    chair = survey_client("chair_x011")
    typed = {
        "unit_code": "X011",
        "answered_on": "32/13/2025",
        "procedure_code": "TT-HT-01",
        "overall": "4",
        "access": "5",
        "trips": "2",
        "asked_money": "no",
    }
    page = chair.post("/khao-sat/nhap-phieu/", typed)
    html = page.content.decode()
    assert page.status_code == 400
    assert 'id="f-answered_on-error"' in html
    assert 'value="32/13/2025"' in html and 'value="TT-HT-01"' in html
    assert 'name="overall" value="4" checked' in html
    assert 'name="asked_money" value="no" checked' in html
    assert SurveyResponse.objects.count() == 0
    other_unit = chair.post(
        "/khao-sat/nhap-phieu/", {**typed, "answered_on": "01/03/2025", "unit_code": "X021"}
    )
    assert other_unit.status_code == 400 and 'id="f-unit_code-error"' in other_unit.content.decode()
    assert SurveyResponse.objects.count() == 0


def test_a_saved_paper_form_is_stored_and_audited(sworld: World, survey_client: Clients) -> None:
    page = survey_client("officer").post(
        "/khao-sat/nhap-phieu/",
        {"unit_code": "X021", "answered_on": "01/03/2025", "overall": "5", "trips": "1"},
    )
    assert page.status_code == 302
    saved = SurveyResponse.objects.get()
    assert (saved.unit_code, saved.overall, saved.source) == ("X021", 5, SurveySource.PAPER)
    assert saved.observations == {"trips": 1}
    assert saved.entered_by == sworld.users["officer"]
    assert AuditEntry.objects.filter(action="survey_paper_entry", object_id=str(saved.pk)).exists()


def test_the_pages_speak_english_when_asked(sworld: World, survey_client: Clients) -> None:
    from django.conf import settings

    seed(sworld)
    client = survey_client("officer")
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    html = client.get("/khao-sat/?period=2025-H1").content.decode()
    assert "<h1>Satisfaction surveys" in html and "Share satisfied" in html
    assert 'href="/khao-sat/" aria-current="page">Surveys</a>' in html
