"""The target page /ke-hoach/<plan>/chi-tieu/<target>/: every role reads it; units by name; a
unit head sees the province's figures but only his units among those holding back."""

from __future__ import annotations

import re

import pytest
from django.contrib.auth.models import User
from django.test import Client

from cchc.core import clock
from cchc.plans.models_plans import Plan, Target
from tests.plans.actual_world import TODAY, build_world

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def world(monkeypatch: pytest.MonkeyPatch) -> tuple[Plan, dict[str, User]]:
    monkeypatch.setattr(clock, "today", lambda: TODAY)
    return build_world()


def _url(plan: Plan, code: str) -> str:
    target = Target.objects.get(plan=plan, code=code)
    return f"/ke-hoach/{plan.pk}/chi-tieu/{target.pk}/"


def _client(user: User) -> Client:
    client = Client()
    client.force_login(user)
    return client


def _section(html: str, anchor: str) -> str:
    return html.split(f'id="{anchor}"', 1)[1].split("</section>", 1)[0]


def test_the_officer_sees_path_readings_units_by_name_and_tasks(
    world: tuple[Plan, dict[str, User]],
) -> None:
    plan, people = world
    html = _client(people["officer"]).get(_url(plan, "T1")).content.decode()
    assert "<svg" in html and "Chậm so với lộ trình" in html
    readings = _section(html, "lo-trinh")
    assert "30/06/2025" in readings and "90,0" in readings and "88,9" in readings
    assert "15/08/2025" in readings and "70,0" in readings and "91,2" in readings
    units = _section(html, "don-vi")
    assert "Sở Tư pháp" in units and "Xã Long Hải" in units
    assert not re.search(r"<th>(A|B)</th>", units)  # names, not codes
    assert "/ho-so/?period=2025-H2&amp;count=dossiers&amp;unit=A" in units
    assert "66,7%" in units and "33,3%" in units
    assert "Toàn bộ còn thiếu 3 hồ sơ" in units
    tasks = _section(html, "nhiem-vu")
    assert "Rà soát hồ sơ trễ hạn" in tasks and "Quá hạn" in tasks
    assert "Tuyên truyền PAPI" not in tasks


def test_a_unit_head_sees_the_province_figure_but_only_his_units(
    world: tuple[Plan, dict[str, User]],
) -> None:
    plan, people = world
    html = _client(people["head_b"]).get(_url(plan, "T1")).content.decode()
    assert "70,0" in _section(html, "lo-trinh")
    units = _section(html, "don-vi")
    assert "Xã Long Hải" in units and "Sở Tư pháp" not in units
    assert "trong phạm vi của bạn" in units


def test_the_steering_committee_reads_an_external_target_without_units(
    world: tuple[Plan, dict[str, User]],
) -> None:
    plan, people = world
    response = _client(people["steering"]).get(_url(plan, "T4"))
    assert response.status_code == 200
    html = response.content.decode()
    assert "không có số liệu theo đơn vị" in _section(html, "don-vi")
    assert "Tuyên truyền PAPI" in _section(html, "nhiem-vu")


def test_no_role_no_page_and_a_target_of_another_plan_is_not_found(
    world: tuple[Plan, dict[str, User]],
) -> None:
    plan, people = world
    assert _client(people["norole"]).get(_url(plan, "T1")).status_code == 403
    assert Client().get(_url(plan, "T1")).status_code == 302  # to the login page
    target = Target.objects.get(plan=plan, code="T1")
    wrong = f"/ke-hoach/{plan.pk + 1}/chi-tieu/{target.pk}/"
    assert _client(people["officer"]).get(wrong).status_code == 404


def test_the_page_speaks_english_when_asked(world: tuple[Plan, dict[str, User]]) -> None:
    plan, people = world
    client = _client(people["officer"])
    client.cookies["django_language"] = "en"
    html = client.get(_url(plan, "T1")).content.decode()
    assert "Units holding the target back" in html
