"""The period picker: what it offers on a fixed day, and the page it leads to."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator

import pytest
from django.conf import settings
from django.test import Client
from django.utils import translation

from cchc.dossiers.periods import resolve_period
from cchc.web.period_picker import period_choices, selected_code, spoken
from tests.web.running_world import TODAY


@pytest.fixture(autouse=True)
def vietnamese() -> Iterator[None]:
    with translation.override("vi"):
        yield


def _options(page: str) -> list[tuple[str, str, bool]]:
    select = page.split('<select id="f-period" name="period">')[1].split("</select>")[0]
    found = re.findall(r'<option value="([^"]*)"( selected)?>([^<]*)</option>', select)
    return [(value, label, bool(chosen)) for value, chosen, label in found]


def test_it_offers_periods_that_have_begun_newest_first() -> None:
    groups = {g.label: [c.value for c in g.choices] for g in period_choices(TODAY, 2025, "")}
    assert groups["Gần đây"] == ["this-month", "last-6m", "last-12m", "this-year"]
    assert groups["Năm"] == ["2026", "2025"]  # not 2027: it has not begun
    assert groups["6 tháng"] == ["2026-H2", "2026-H1", "2025-H2", "2025-H1"]
    assert groups["Quý"][:2] == ["2026-Q4", "2026-Q3"] and len(groups["Quý"]) == 8
    assert groups["Tháng"][0] == "2026-12" and len(groups["Tháng"]) == 24
    march = period_choices(dt.date(2026, 3, 9), 2026, "")
    spring = {g.label: [c.value for c in g.choices] for g in march}
    assert spring["Quý"] == ["2026-Q1"] and spring["Tháng"] == ["2026-03", "2026-02", "2026-01"]


def test_a_code_it_does_not_offer_is_kept_first() -> None:
    groups = period_choices(TODAY, 2025, "2019-Q2")
    assert (groups[0].label, groups[0].choices[0].label) == ("Kỳ đang xem", "Quý 2/2019")
    assert selected_code("2024-h1", "", "") == "2024-H1"
    assert selected_code("LAST-6M", "", "") == "last-6m"
    assert selected_code("2024", "01/01/2024", "") == ""  # dates win the select


def test_it_says_the_period_as_people_say_it() -> None:
    assert spoken(resolve_period("2026-H1", None, None)) == (
        "6 tháng đầu năm 2026 (01/01/2026 – 30/06/2026)"
    )
    assert spoken(resolve_period("last-12m", None, None, TODAY)) == (
        "12 tháng gần nhất (01/01/2026 – 31/12/2026)"
    )
    assert spoken(resolve_period(None, "2026-02-03", "2026-03-04")) == "03/02/2026 – 04/03/2026"


def test_the_form_shows_the_default_period_chosen(
    steering_dec_2026: Client,
) -> None:
    page = steering_dec_2026.get("/").content.decode()
    chosen = [(v, label) for v, label, on in _options(page) if on]
    assert chosen == [("2026-H1", "6 tháng đầu năm 2026")]
    assert "Đang xem: <strong>6 tháng đầu năm 2026 (01/01/2026 – 30/06/2026)</strong>" in page
    values = [v for v, _, _ in _options(page)]
    assert "2027" not in values and "2025-07" in values


def test_a_relative_period_in_the_address_is_chosen_and_shown(
    steering_dec_2026: Client,
) -> None:
    page = steering_dec_2026.get("/?period=last-6m").content.decode()
    assert [v for v, _, on in _options(page) if on] == ["last-6m"]
    assert "6 tháng gần nhất (01/07/2026 – 31/12/2026)" in page
    # The same dossiers as 2026-H2 (A, B, C), compared with 01/07–05/12/2025
    assert "so với 01/07/2025 – 05/12/2025" in page
    steering_dec_2026.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    english = steering_dec_2026.get("/?period=last-6m").content.decode()
    assert "Last 6 months" in english and "First half of 2026" in english


def test_the_public_page_has_the_picker_too(steering_dec_2026: Client) -> None:
    page = Client().get("/cong-khai/?period=last-6m").content.decode()
    assert [v for v, _, on in _options(page) if on] == ["last-6m"]
    assert "Đang xem: <strong>6 tháng gần nhất (01/07/2026 – 31/12/2026)</strong>" in page
    assert page.count('name="view"') >= 1


def test_dates_typed_in_the_form_win_over_the_period_chosen(steering_dec_2026: Client) -> None:
    page = steering_dec_2026.get("/?period=2026-H1&from=01/03/2026&to=31/03/2026").content
    text = page.decode()
    assert "Đang xem: <strong>01/03/2026 – 31/03/2026</strong>" in text
    assert [v for v, _, on in _options(text) if on] == [""]  # "Khoảng ngày"
    api = steering_dec_2026.get(
        "/api/dossiers/summary?period=2026-H1&from=2026-03-01&to=2026-03-31"
    )
    assert api.status_code == 400  # the API keeps refusing both
