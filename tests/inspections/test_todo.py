"""A unit head's "Việc cần làm" (issue #12): on a fixed today, 05/12/2026, X1 has an action due in
3 days, one overdue by 5, one closed, one reported, and X2 has one of its own. The head of X1 sees
exactly his two open ones, nearest deadline first, badged; the navigation says "Kiểm tra (2)"; the
head of X2 sees only his; other roles see no such section, and the steering committee a short
"Tổng quan kiểm tra" (inspections this half-year against the last, actions open and overdue).
Across a reorganisation the successor's head answers for a predecessor's action dated after the
takeover, not for one before it."""

from __future__ import annotations

import datetime as dt

import pytest
from django.contrib.auth.models import User
from django.test import Client

from cchc.core import clock
from cchc.core.models import Unit
from cchc.inspections import services
from cchc.inspections.models import ActionState, CorrectiveAction
from cchc.inspections.steering_overview import inspection_summary
from cchc.inspections.todo import todo_count, unit_head_todos
from tests.inspections.steps import conclude, walk
from tests.inspections.world import World, build_world
from tests.web.lineage_world import AN_NHUT, build_lineage_world

TODAY = dt.date(2026, 12, 5)


def _action(
    unit: Unit, description: str, deadline: dt.date, state: str = "open"
) -> CorrectiveAction:
    inspection = services.create_inspection(
        None, kind="surprise", unit=unit, date=dt.date(2026, 10, 1)
    )
    walk(inspection)
    finding = services.record_finding(
        None, inspection, category="publicity", severity="correction", description="Thiếu niêm yết"
    )
    conclude(inspection)
    action = services.raise_action(None, finding, description=description, deadline=deadline)
    if state != ActionState.OPEN:
        CorrectiveAction.objects.filter(pk=action.pk).update(state=state)
        action.refresh_from_db()
    return action


@pytest.fixture
def world(db: None, monkeypatch: pytest.MonkeyPatch) -> World:
    monkeypatch.setattr(clock, "today", lambda: TODAY)
    world = build_world()
    _action(world.x1, "Niêm yết lại thủ tục", TODAY + dt.timedelta(days=3))
    _action(world.x1, "Trả lời phản ánh tồn đọng", TODAY - dt.timedelta(days=5))
    _action(world.x1, "Đã xong từ trước", TODAY - dt.timedelta(days=20), ActionState.CLOSED)
    _action(
        world.x1, "Đã báo cáo, chờ xác minh", TODAY + dt.timedelta(days=1), ActionState.REPORTED
    )
    _action(world.x2, "Việc của Rạch Dừa", TODAY + dt.timedelta(days=2))
    return world


def _page(user: User) -> str:
    client = Client()
    client.force_login(user)
    response = client.get("/")
    assert response.status_code == 200
    return response.content.decode()


def test_unit_head_sees_his_two_open_actions_nearest_first(world: World) -> None:
    todos = unit_head_todos(world.head_x1, TODAY)
    assert [t.action.description for t in todos] == [
        "Trả lời phản ánh tồn đọng",
        "Niêm yết lại thủ tục",
    ]
    assert [(t.badge, t.level) for t in todos] == [
        ("quá hạn 5 ngày", "overdue"),
        ("còn 3 ngày", "soon"),
    ]
    assert todos[0].url == f"/kiem-tra/{todos[0].inspection.pk}/#kp-{todos[0].action.pk}"
    assert todo_count(world.head_x1, TODAY) == 2


def test_the_link_leads_to_the_report_form(world: World) -> None:
    client = Client()
    client.force_login(world.head_x1)
    for todo in unit_head_todos(world.head_x1, TODAY):
        page = client.get(todo.url.split("#")[0]).content.decode()
        assert f'id="kp-{todo.action.pk}"' in page
        assert f"/kiem-tra/khac-phuc/{todo.action.pk}/report/" in page


def test_overview_shows_the_section_and_the_count(world: World) -> None:
    html = _page(world.head_x1)
    assert "Việc cần làm" in html
    assert '<span class="tag overdue">quá hạn 5 ngày</span>' in html
    assert '<span class="tag soon">còn 3 ngày</span>' in html
    assert "Kiểm tra (2)" in html
    assert "Việc của Rạch Dừa" not in html
    assert "Đã xong từ trước" not in html and "chờ xác minh" not in html
    top = html.index("Việc cần làm")
    assert html.index("Trả lời phản ánh tồn đọng", top) < html.index("Niêm yết lại thủ tục", top)


def test_another_unit_head_sees_none_of_his(world: World) -> None:
    assert [t.action.description for t in unit_head_todos(world.head_x2, TODAY)] == [
        "Việc của Rạch Dừa"
    ]
    html = _page(world.head_x2)
    assert "Kiểm tra (1)" in html and "còn 2 ngày" in html
    assert "Niêm yết lại thủ tục" not in html and "Trả lời phản ánh" not in html


def test_other_roles_get_no_unit_section(world: World) -> None:
    # the officer gets the team's block instead (test_team_todo.py): one report waits for him
    html = _page(world.officer)
    assert "Yêu cầu khắc phục đơn vị cần báo cáo" not in html
    assert "Việc cần làm của đoàn kiểm tra" in html and "Kiểm tra (1)" in html
    html = _page(world.steering)
    assert "Việc cần làm" not in html and "Kiểm tra (" not in html


def test_nothing_to_do_says_so(world: World) -> None:
    CorrectiveAction.objects.filter(owner_unit=world.x2).update(state=ActionState.CLOSED)
    html = _page(world.head_x2)
    assert "Không có yêu cầu khắc phục nào đang chờ" in html
    assert "Kiểm tra (" not in html


def test_successor_answers_for_a_predecessor_action_after_the_takeover(db: None) -> None:
    world = build_lineage_world()
    an_nhut = Unit.objects.get(code=AN_NHUT)
    before = _action(an_nhut, "Trước khi sáp nhập", dt.date(2026, 12, 20))
    after = _action(an_nhut, "Sau khi sáp nhập", dt.date(2026, 12, 18))
    before.finding.inspection.date = dt.date(2024, 5, 10)
    before.finding.inspection.save(update_fields=["date"])
    todos = unit_head_todos(world.users["ward_head"], TODAY)
    assert [t.action.pk for t in todos] == [after.pk]
    assert todos[0].badge == "còn 13 ngày" and todos[0].level == "ok"
    assert unit_head_todos(world.users["vung_tau_head"], TODAY) == []


def test_steering_sees_the_inspection_overview(world: World) -> None:
    # like with like: 2025-H2 up to 05/12/2025 (the day matching today), not the whole half-year
    # and not the half-year just ended
    for day in (dt.date(2026, 3, 2), dt.date(2025, 10, 1), dt.date(2025, 12, 20)):
        services.create_inspection(None, kind="surprise", unit=world.x3, date=day)
    summary = inspection_summary(TODAY)
    assert summary.this_half.label == "2026-H2"
    assert (summary.last_half.start, summary.last_half.end) == (
        dt.date(2025, 7, 1), dt.date(2025, 12, 5)
    )  # fmt: skip
    assert (summary.inspections_now, summary.inspections_last) == (5, 1)  # 01/10/2025 only
    assert (summary.actions_open, summary.actions_overdue) == (3, 1)  # reported, closed: not open
    html = _page(world.steering)
    assert "Tổng quan kiểm tra" in html and "Việc cần làm" not in html
    assert "<strong>5</strong>" in html and "cùng kỳ năm trước (01/07/2025 – 05/12/2025): 1" in html
    for user in (world.head_x1, world.officer):
        assert "Tổng quan kiểm tra" not in _page(user)
