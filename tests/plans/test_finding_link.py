"""The inspection page shows, under a finding, the plan tasks that answer it, and a link to create
one for those who may edit plans (the reform officer and the administrator) only."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.test import Client

from cchc.inspections.models import Finding, Inspection
from tests.plans.plan_world import PlanWorld, build_plan_world

D = dt.date
pytestmark = pytest.mark.django_db
CREATE = "Tạo nhiệm vụ trong kế hoạch"


@pytest.fixture
def world() -> PlanWorld:
    return build_plan_world(D(2025, 1, 1), D(2025, 12, 31))


@pytest.fixture
def finding(world: PlanWorld) -> Finding:
    inspection = Inspection.objects.create(
        kind="surprise", unit=world.commune, date=D(2025, 3, 10), status="concluded"
    )
    return Finding.objects.create(
        inspection=inspection,
        category="online_services",
        severity="correction",
        description="Tỷ lệ hồ sơ trực tuyến thấp",
    )


def _page(world: PlanWorld, who: str, finding: Finding) -> str:
    client = Client()
    client.force_login(world.users[who])
    response = client.get(f"/kiem-tra/{finding.inspection_id}/")
    assert response.status_code == 200
    return response.content.decode()


def test_an_editor_sees_the_task_answering_the_finding_and_may_create_another(
    world: PlanWorld, finding: Finding
) -> None:
    task = world.task("2.1", D(2025, 6, 30), finding=finding)
    for who in ("officer", "admin"):
        html = _page(world, who, finding)
        assert "Nhiệm vụ kế hoạch" in html
        assert f'href="/ke-hoach/nhiem-vu/{task.pk}/"' in html
        assert "2.1. Nhiệm vụ 2.1" in html and "hạn 30/06/2025" in html
        assert CREATE in html
        assert f'href="/ke-hoach/nhiem-vu/moi/?finding={finding.pk}"' in html


def test_readers_see_the_task_but_no_link_to_create_one(world: PlanWorld, finding: Finding) -> None:
    task = world.task("2.1", D(2025, 6, 30), finding=finding)
    for who in ("head", "steering", "inspector"):
        html = _page(world, who, finding)
        assert f'href="/ke-hoach/nhiem-vu/{task.pk}/"' in html, who
        assert CREATE not in html and "nhiem-vu/moi" not in html, who


def test_without_a_task_only_editors_see_the_block(world: PlanWorld, finding: Finding) -> None:
    assert "Nhiệm vụ kế hoạch" not in _page(world, "steering", finding)
    html = _page(world, "officer", finding)
    assert "Nhiệm vụ kế hoạch" in html and "chưa có" in html and CREATE in html


def test_a_task_of_another_finding_is_not_listed(world: PlanWorld, finding: Finding) -> None:
    other = Finding.objects.create(
        inspection=finding.inspection, category="discipline", severity="reminder", description="x"
    )
    task = world.task("3.1", D(2025, 6, 30), finding=other)
    html = _page(world, "officer", finding)
    # listed once: under its own finding (after the first finding's block, which ends with its
    # create link), not under the first one
    link = html.index(f'href="/ke-hoach/nhiem-vu/{task.pk}/"')
    assert html.count(f'href="/ke-hoach/nhiem-vu/{task.pk}/"') == 1
    assert html.index(f"/ke-hoach/nhiem-vu/moi/?finding={finding.pk}") < link
    assert html.index(f"/ke-hoach/nhiem-vu/moi/?finding={other.pk}") > link


def test_the_block_speaks_english_in_the_english_locale(
    world: PlanWorld, finding: Finding, settings: Any
) -> None:
    world.task("2.1", D(2025, 6, 30), finding=finding)
    client = Client()
    client.force_login(world.users["officer"])
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    html = client.get(f"/kiem-tra/{finding.inspection_id}/").content.decode()
    assert "Plan tasks" in html and "Create a plan task" in html and "due 30/06/2025" in html
    assert CREATE not in html
