"""The inspection team's "Việc cần làm" (issue #12): on a fixed today, 05/12/2026.

Alice is on the team of the X1 inspection, not of the X2 one. X1's action was reported done on
20/11/2026 (waiting 15 days), X2's on 01/12/2026 (4 days); X1 has another action still open,
which waits for the unit, not the team. Coming up: an X1 inspection on 15/12 with Alice's team
(listed), an X2 one on 20/12 already notified (listed: not started), one on 14/01/2027 (40 days
ahead: not listed), one on 10/12 already concluded (not listed). The officer sees every report,
oldest first; Alice only her team's; Bob (an inspector on no team) and the unit head see no team
block.
"""

from __future__ import annotations

import datetime as dt

import pytest
from django.contrib.auth.models import User
from django.test import Client
from django.utils import timezone

from cchc.core import clock
from cchc.core.models import Unit
from cchc.inspections import services
from cchc.inspections.models import (
    ActionReport,
    ActionState,
    CorrectiveAction,
    Finding,
    Inspection,
)
from cchc.inspections.team_todo import coming_up, to_verify, work_count
from tests.inspections.world import World, build_world

TODAY = dt.date(2026, 12, 5)


def _inspection(unit: Unit, day: dt.date, team: list[User]) -> Inspection:
    return services.create_inspection(None, kind="periodic", unit=unit, date=day, team=team)


def _action(inspection: Inspection, state: str, reported: dt.date | None = None) -> int:
    finding = Finding.objects.create(
        inspection=inspection, category="publicity", severity="correction", description="Thiếu"
    )
    action = CorrectiveAction.objects.create(
        finding=finding,
        owner_unit=inspection.unit,
        description=f"Khắc phục ở {inspection.unit.name}",
        deadline=TODAY + dt.timedelta(days=10),
        state=state,
    )
    if reported is not None:
        report = ActionReport.objects.create(action=action, kind="report", text="Đã xong")
        moment = timezone.make_aware(dt.datetime.combine(reported, dt.time(10)))
        ActionReport.objects.filter(pk=report.pk).update(at=moment)
    return action.pk


@pytest.fixture
def world(db: None, monkeypatch: pytest.MonkeyPatch) -> tuple[World, dict[str, int]]:
    monkeypatch.setattr(clock, "today", lambda: TODAY)
    w = build_world()
    x1 = _inspection(w.x1, dt.date(2026, 10, 1), [w.alice])
    x2 = _inspection(w.x2, dt.date(2026, 10, 2), [])
    ids = {
        "x1_reported": _action(x1, ActionState.REPORTED, dt.date(2026, 11, 20)),
        "x1_open": _action(x1, ActionState.OPEN),
        "x2_reported": _action(x2, ActionState.REPORTED, dt.date(2026, 12, 1)),
        "soon": _inspection(w.x1, dt.date(2026, 12, 15), [w.alice]).pk,
        "later": _inspection(w.x1, dt.date(2027, 1, 14), [w.alice]).pk,
    }
    done = _inspection(w.x3, dt.date(2026, 12, 10), [w.alice])
    Inspection.objects.filter(pk=done.pk).update(status=Inspection.Status.CONCLUDED)
    notified = _inspection(w.x2, dt.date(2026, 12, 20), [w.alice])
    Inspection.objects.filter(pk=notified.pk).update(status=Inspection.Status.NOTIFIED)
    ids["notified"] = notified.pk
    return w, ids


def test_the_team_sees_reports_to_verify_and_inspections_coming_up(
    world: tuple[World, dict[str, int]],
) -> None:
    w, ids = world
    officer = to_verify(w.officer, TODAY)
    assert [t.action.pk for t in officer] == [ids["x1_reported"], ids["x2_reported"]]
    assert [(t.reported_on, t.waiting_days) for t in officer] == [
        (dt.date(2026, 11, 20), 15),
        (dt.date(2026, 12, 1), 4),
    ]
    assert [t.action.pk for t in to_verify(w.alice, TODAY)] == [ids["x1_reported"]]
    assert to_verify(w.bob, TODAY) == [] and to_verify(w.head_x1, TODAY) == []
    assert [i.pk for i in coming_up(w.alice, TODAY)] == [ids["soon"], ids["notified"]]
    assert list(coming_up(w.bob, TODAY)) == []
    assert (work_count(w.officer, TODAY), work_count(w.alice, TODAY)) == (2, 1)


def _overview(user: User) -> str:
    client = Client()
    client.force_login(user)
    return client.get("/").content.decode()


def test_the_overview_shows_the_block_to_the_team_only(world: tuple[World, dict[str, int]]) -> None:
    w, ids = world
    page = _overview(w.alice)
    assert "Việc cần làm của đoàn kiểm tra" in page
    assert "Báo cáo khắc phục chờ xác minh (1)" in page and "chờ 15 ngày" in page
    assert f'href="/kiem-tra/{ids["soon"]}/"' in page and "15/12/2026" in page
    assert "Kiểm tra (1)" in page
    assert "Việc cần làm của đoàn kiểm tra" not in _overview(w.head_x1)
    assert "Việc cần làm của đoàn kiểm tra" not in _overview(w.steering)
