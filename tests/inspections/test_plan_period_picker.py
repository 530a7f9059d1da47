"""Issue #12, periods as people say them: the plan form picks its period from the project's
period picker (years, halves, quarters, months and relative periods, by name), not a typed
code; a period that has not begun is refused with a clear message and nothing is stored."""

from __future__ import annotations

import datetime as dt

import pytest
from django.test import Client

from cchc.dossiers.periods import relative_period
from cchc.inspections.models import PlanRun
from tests.inspections.web_world import InspectionWorld, build_inspection_world


@pytest.fixture
def iw(db: None) -> InspectionWorld:
    return build_inspection_world()


@pytest.fixture
def client(iw: InspectionWorld) -> Client:
    client = Client()
    client.force_login(iw.world.users["inspector"])
    return client


def test_the_form_offers_periods_by_name(client: Client) -> None:
    html = client.get("/kiem-tra/ke-hoach/").content.decode()
    assert "Kỳ (2024-H1, 2024)" not in html
    assert '<select id="f-period" name="period">' in html
    assert '<option value="last-6m"' in html and "6 tháng gần nhất" in html
    assert '<option value="2024-H1"' in html and "6 tháng đầu năm 2024" in html
    assert '<option value="2024-Q3"' in html and "Quý 3/2024" in html
    assert " selected>" in html  # a period is chosen from the start


def test_a_picked_half_year_makes_the_plan(client: Client) -> None:
    page = client.post("/kiem-tra/ke-hoach/", {"period": "2024-H1", "surprise": "1", "seed": "3"})
    assert page.status_code == 302
    assert PlanRun.objects.latest("pk").period_label == "2024-H1"


def test_a_relative_period_is_taken_on_today(client: Client) -> None:
    page = client.post("/kiem-tra/ke-hoach/", {"period": "last-6m", "surprise": "1", "seed": "3"})
    assert page.status_code == 302
    expected = relative_period("last-6m", dt.date.today())
    run = PlanRun.objects.latest("pk")
    assert (run.period_start, run.period_end) == (expected.start, expected.end)


@pytest.mark.parametrize(
    ("period", "message"),
    [
        (f"{dt.date.today().year + 1}", "chưa bắt đầu"),
        ("2024-H7", "Kỳ không hợp lệ"),
        ("", "Chọn kỳ của kế hoạch"),
    ],
)
def test_a_future_bad_or_missing_period_is_refused(
    client: Client, period: str, message: str
) -> None:
    before = PlanRun.objects.count()
    page = client.post("/kiem-tra/ke-hoach/", {"period": period, "surprise": "1"})
    assert page.status_code == 400
    assert message in page.content.decode()
    assert PlanRun.objects.count() == before


def test_plans_are_listed_by_their_period_as_people_say_it(client: Client) -> None:
    client.post("/kiem-tra/ke-hoach/", {"period": "last-6m", "surprise": "1", "seed": "3"})
    client.post("/kiem-tra/ke-hoach/", {"period": "2024-H1", "surprise": "1", "seed": "3"})
    html = client.get("/kiem-tra/ke-hoach/").content.decode()
    assert ">6 tháng gần nhất</td>" in html and ">6 tháng đầu năm 2024</td>" in html
    assert ">last-6m<" not in html
    run = PlanRun.objects.latest("pk")
    page = client.get(f"/kiem-tra/ke-hoach/{run.pk}/").content.decode()
    assert "· 6 tháng đầu năm 2024</h1>" in page
