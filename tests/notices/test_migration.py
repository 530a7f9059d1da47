"""Notifications of earlier versions (inspections.Notification) become notices: same person,
subject, text, moment and read state, tagged with and linked to their corrective action."""

from __future__ import annotations

import datetime as dt

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.utils import timezone

from cchc.inspections import services
from cchc.notices.models import Notice
from tests.inspections.steps import conclude, walk
from tests.inspections.world import build_world

BEFORE = [("inspections", "0003_team_members")]


def _migrate(targets: list[tuple[str, str]] | None = None) -> None:
    executor = MigrationExecutor(connection)
    executor.migrate(targets or executor.loader.graph.leaf_nodes())


@pytest.mark.django_db(transaction=True)
def test_notifications_are_carried_into_notices() -> None:
    w = build_world()
    insp = services.create_inspection(None, kind="periodic", unit=w.x1, date=dt.date(2024, 2, 1))
    walk(insp)
    f = services.record_finding(None, insp, category="other", severity="reminder", description="y")
    conclude(insp)
    action = services.raise_action(None, f, description="Công khai TTHC")
    moment = timezone.make_aware(dt.datetime(2024, 2, 5, 10, 0))
    read = timezone.make_aware(dt.datetime(2024, 2, 6, 9, 0))
    Notice.objects.update(created_at=moment, read_at=read)
    _migrate(BEFORE)  # back: the notices become inspections' notifications again
    Notice.objects.all().delete()
    _migrate()  # forward: the notifications are copied, then their table goes
    notice = Notice.objects.get()
    assert notice.user == w.head_x1 and notice.subject.startswith("Yêu cầu khắc phục mới")
    assert notice.about == f"inspections.action:{action.pk}"
    assert notice.link == f"/kiem-tra/{insp.pk}/#kp-{action.pk}"
    assert notice.created_at == moment and notice.read_at == read
    assert "inspections_notification" not in connection.introspection.table_names()
