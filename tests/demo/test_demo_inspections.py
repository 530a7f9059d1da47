"""`cchc demo` builds a year and more of inspection history through the real planner and
services: the planted problem units are ranked high by the risk model, inspected in 2023-H1 with
the article's counts, their corrections reported and verified, and their late rate falls."""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import timezone

from cchc.cli import main
from cchc.core.models import AuditEntry
from cchc.demo import patterns
from cchc.dossiers.periods import parse_period
from cchc.inspections.effect_db import inspection_effect
from cchc.inspections.models import ActionState, CorrectiveAction, Evidence, Inspection, PlanRun
from cchc.inspections.stats import compare, ratio_text
from cchc.inspections.views_planning import risk_table
from cchc.notices.models import Notice

LAND, COMMUNE, AGENCY = "77.VPDK.748", "vn63-26574", "77.SXD"


@pytest.mark.django_db(transaction=True)
def test_the_demo_holds_the_inspection_history(capsys: pytest.CaptureFixture[str]) -> None:
    args = ["demo", "--dossiers", "40000", "--no-serve", "--today", "2026-11-26"]
    assert main(args) == 0
    assert "Lịch sử kiểm tra 2022–2024" in capsys.readouterr().out

    # the risk model, as the planner saw it on 14/04/2023, ranks the planted units near the top
    # of ~100 units (after their visits, "time since inspected" lowers their scores)
    table = risk_table(parse_period("2023-H1"), as_of=dt.date(2023, 4, 14))
    ranks = {u.unit_code: u.rank for u in table.ranked()}
    assert ranks[LAND] <= 5 and ranks[COMMUNE] <= 15, (ranks[LAND], ranks[COMMUNE])

    # 2023-H1 as in the article: 5 agencies (periodic), 7 communes and 2 land branches (surprise)
    h1 = Inspection.objects.filter(date__gte=dt.date(2023, 1, 1), date__lte=dt.date(2023, 6, 30))
    kinds = sorted((i.kind, i.unit.kind) for i in h1.select_related("unit"))
    assert kinds.count(("periodic", "agency")) == 5
    assert kinds.count(("surprise", "commune")) == 7
    assert kinds.count(("surprise", "division")) == 2 and len(kinds) == 14
    now, before = compare(parse_period("2023-H1"), dt.date(2026, 11, 26))
    assert (now.inspections, before.inspections) == (14, 5)
    assert ratio_text(now.inspections, before.inspections) == "×2,8"
    for half in ("2023-H2", "2024-H1", "2024-H2"):
        assert compare(parse_period(half))[0].inspections >= 8
    assert PlanRun.objects.filter(period_label="2023-H1").count() == 3

    # the planted units are visited on the days the generator's story names
    land = Inspection.objects.get(unit__code=LAND, date=patterns.LAND_OFFICE_INSPECTED)
    assert land.kind == "surprise" and land.plan_pick is not None
    assert Inspection.objects.get(unit__code=COMMUNE, date=patterns.SUPPLEMENT_INSPECTED)
    assert Inspection.objects.get(unit__code=AGENCY, date=patterns.APPOINTMENT_INSPECTED)

    # corrected: reported with evidence, verified closed, every step audited
    action = CorrectiveAction.objects.get(finding__inspection=land)
    assert action.state == ActionState.CLOSED and action.closed_on is not None
    assert Evidence.objects.filter(report__action=action).count() == 1
    steps = set(
        AuditEntry.objects.filter(
            object_type="inspections.correctiveaction", object_id=str(action.pk)
        ).values_list("action", flat=True)
    )
    assert steps == {"action_create", "action_report", "action_verify"}
    assert AuditEntry.objects.filter(object_type="inspections.planrun").count() == 8
    states = set(CorrectiveAction.objects.values_list("state", flat=True))
    assert ActionState.CLOSED in states and len(states) >= 2  # some still open or reported
    # …around today only: the history is closed, and what it told the team and units was read
    # (no "chờ 800 ngày" on the inspector's to-do, no years-old unread notices)
    old = CorrectiveAction.objects.filter(finding__inspection__date__lte=dt.date(2024, 12, 31))
    assert set(old.values_list("state", flat=True)) == {ActionState.CLOSED}
    history_end = timezone.make_aware(dt.datetime(2025, 1, 1))
    assert not Notice.objects.filter(read_at__isnull=True, created_at__lt=history_end).exists()

    # statuses agree with the rule (issue #12): closed exactly when every action is closed,
    # concluded otherwise; the land branch's walked every step, each audited
    history = Inspection.objects.filter(date__lte=dt.date(2024, 12, 31))
    for inspection in history.prefetch_related("findings__actions"):
        actions = [a for f in inspection.findings.all() for a in f.actions.all()]
        every_closed = all(a.state == ActionState.CLOSED for a in actions)
        assert inspection.status == ("closed" if every_closed else "concluded"), inspection.pk
    walked = AuditEntry.objects.filter(
        object_type="inspections.inspection", object_id=str(land.pk), action="inspection_status"
    ).order_by("at", "id")
    assert [e.after["status"] for e in walked if e.after] == [
        "notified",
        "visiting",
        "concluded",
        "closed",
    ]

    # the effect: fewer late dossiers at the land branch after its inspection than before
    effect = inspection_effect(land, today=dt.date(2026, 11, 26)).effect
    assert effect.did is not None and effect.did < 0


@pytest.mark.django_db(transaction=True)
def test_the_demo_has_work_around_today_for_each_persona(
    capsys: pytest.CaptureFixture[str],
) -> None:
    from django.contrib.auth.models import User

    from cchc.inspections.team_todo import coming_up, to_verify
    from cchc.inspections.todo import unit_head_todos

    today = dt.date(2026, 11, 26)
    assert main(["demo", "--dossiers", "20000", "--no-serve", "--today", "2026-11-26"]) == 0
    assert "Kiểm tra quanh hôm nay" in capsys.readouterr().out
    users = {u.username: u for u in User.objects.all()}
    # the commune: one action overdue (5 days, to the nearest weekday), one due in about 13 days
    commune = unit_head_todos(users["chutichxa"], today)
    assert sorted(t.level for t in commune) == ["ok", "overdue"]
    assert all(t.action.finding.inspection.status == "concluded" for t in commune)
    cited = [t.action.finding.dossier_codes for t in commune]
    assert any(cited), cited  # its late dossiers, which the finding form checks exist
    # the land office: one open action for its head; one reported, waiting for the inspector
    assert len(unit_head_todos(users["truongphong"], today)) == 1
    land = users["truongphong"].cchc_profile.unit
    waiting = [t for t in to_verify(users["thanhtra"], today) if t.action.owner_unit == land]
    assert [t.reported_on for t in waiting] == [dt.date(2026, 11, 20)]  # 4 days back: a Sunday
    # two visits coming up, the first notified; the steering committee has a year-earlier base
    assert [i.status for i in coming_up(users["thanhtra"], today)] == ["notified", "planned"]
    year_before = Inspection.objects.filter(
        date__gte=dt.date(2025, 7, 1), date__lte=dt.date(2025, 11, 26)
    )
    assert year_before.count() == 2
