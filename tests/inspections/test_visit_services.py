"""Issue #12's services on the database: status steps (audited, refused out of turn, before the
date, or while an action is open), the rules they set for results and actions, the team with
roles (audited, one leader), and findings citing only dossiers of the inspected unit."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from django.core.exceptions import PermissionDenied

from cchc.core.models import AuditEntry
from cchc.inspections import services, team, visit_steps
from cchc.inspections.audit_display import describe_all
from cchc.inspections.finding_dossiers import UnknownDossiers
from cchc.inspections.models import Inspection
from cchc.inspections.permissions import can_lead, can_record
from cchc.inspections.visit_states import RefusedTransition
from tests.inspections.steps import conclude, walk
from tests.inspections.world import World, build_world, dossier

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _media(settings: object, tmp_path: Path) -> None:
    settings.MEDIA_ROOT = tmp_path  # type: ignore[attr-defined]


@pytest.fixture
def w() -> World:
    return build_world()


def _inspection(w: World, day: dt.date = dt.date(2024, 2, 5)) -> Inspection:
    """X1's inspection: alice leads, officer… not on it; bob is not on the team."""
    return services.create_inspection(
        w.officer, kind="surprise", unit=w.x1, date=day, team=[], leader=w.alice
    )


def test_each_step_is_audited_with_the_status_before_and_after(w: World) -> None:
    insp = _inspection(w)
    for event in ("notify", "start", "conclude", "close"):
        visit_steps.take_step(w.alice, insp, event)
    insp.refresh_from_db()
    assert insp.status == "closed"
    steps = AuditEntry.objects.filter(action="inspection_status").order_by("id")
    assert [(e.before, e.after) for e in steps] == [
        ({"status": "planned"}, {"status": "notified"}),
        ({"status": "notified"}, {"status": "visiting"}),
        ({"status": "visiting"}, {"status": "concluded"}),
        ({"status": "concluded"}, {"status": "closed"}),
    ]
    assert {e.user for e in steps} == {w.alice}


def test_refused_steps_change_nothing_and_leave_no_trace(w: World) -> None:
    future = _inspection(w, dt.date.today() + dt.timedelta(days=3))
    visit_steps.take_step(None, future, "notify")
    with pytest.raises(RefusedTransition, match="Chưa đến ngày kiểm tra"):
        visit_steps.take_step(None, future, "start")
    with pytest.raises(RefusedTransition, match="Không thể"):
        visit_steps.take_step(None, future, "close")
    future.refresh_from_db()
    assert future.status == "notified"
    assert AuditEntry.objects.filter(action="inspection_status").count() == 1


def test_results_only_during_the_visit_and_actions_only_after_the_conclusion(w: World) -> None:
    insp = _inspection(w)
    with pytest.raises(ValueError, match="during the visit"):
        services.answer_item(w.alice, insp, "sensitive.land", "compliant")
    with pytest.raises(ValueError, match="during the visit"):
        services.record_finding(
            w.alice, insp, category="other", severity="reminder", description="x"
        )
    walk(insp)
    finding = services.record_finding(
        w.alice, insp, category="other", severity="reminder", description="x"
    )
    with pytest.raises(ValueError, match="follow the conclusion"):
        services.raise_action(w.alice, finding, description="y")
    conclude(insp)
    action = services.raise_action(w.alice, finding, description="y", report_required=False)
    with pytest.raises(RefusedTransition, match="Còn 1 yêu cầu khắc phục"):
        visit_steps.take_step(w.alice, insp, "close")
    services.report_done(None, action, "xong")
    services.verify(w.alice, action)
    assert visit_steps.take_step(w.alice, insp, "close").status == "closed"


def test_the_whole_checklist_in_one_go_leaves_the_unanswered_unanswered(w: World) -> None:
    insp = walk(_inspection(w))
    first, second, *rest = insp.content_items
    services.answer_checklist(
        w.alice, insp, {first: ("compliant", "", []), second: ("not_compliant", "thiếu", [])}
    )
    saved = dict(insp.answers.values_list("item_code", "answer"))
    assert saved == {first: "compliant", second: "not_compliant"}
    assert rest and not insp.answers.filter(item_code__in=rest).exists()


def test_findings_cite_only_dossiers_of_the_inspected_unit(w: World) -> None:
    insp = walk(_inspection(w))
    own = dossier("X1", dt.date(2024, 1, 2), dt.date(2024, 1, 9), None)
    other = dossier("X2", dt.date(2024, 1, 2), dt.date(2024, 1, 9), None)
    with pytest.raises(UnknownDossiers, match="Không có hồ sơ mã HS-X") as unknown:
        services.record_finding(
            w.alice,
            insp,
            category="other",
            severity="reminder",
            description="x",
            dossier_codes=[own.code, "HS-X"],
        )
    assert unknown.value.codes == ["HS-X"] and unknown.value.field == "dossier_codes"
    with pytest.raises(UnknownDossiers, match=f"Hồ sơ {other.code} không thuộc Xã Long Sơn"):
        services.record_finding(
            w.alice,
            insp,
            category="other",
            severity="reminder",
            description="x",
            dossier_codes=[other.code],
        )
    finding = services.record_finding(
        w.alice,
        insp,
        category="other",
        severity="reminder",
        description="x",
        dossier_codes=[f" {own.code} ", own.code],
    )
    assert finding.dossier_codes == [own.code]
    assert (
        not AuditEntry.objects.filter(action="finding_create")
        .exclude(object_id=str(finding.pk))
        .exists()
    )


def test_the_team_with_roles_is_audited_and_has_one_leader(w: World) -> None:
    insp = _inspection(w)
    team.set_member(w.officer, insp, w.bob, "secretary")
    assert can_record(w.bob, insp) and not can_lead(w.bob, insp)
    team.set_member(w.alice, insp, w.bob, "leader")  # the leader hands over
    roles = {m.user.username: m.role for m in insp.members.select_related("user")}
    assert roles == {"alice": "member", "bob": "leader"}
    assert insp.leader == w.bob
    team.remove_member(w.bob, insp, w.alice)
    assert not can_record(w.alice, insp)  # off the team: no more writing
    changes = AuditEntry.objects.filter(action="team_change").order_by("id")
    bob, alice = w.bob.pk, w.alice.pk
    assert [(e.before, e.after) for e in changes] == [
        (None, {"team_member": [bob, "secretary"]}),
        ({"team_member": [alice, "leader"]}, {"team_member": [alice, "member"]}),
        ({"team_member": [bob, "secretary"]}, {"team_member": [bob, "leader"]}),
        ({"team_member": [alice, "member"]}, None),
    ]
    shown = describe_all(changes, {})[1].changes[0]
    assert (shown.before, shown.after) == ("alice (Trưởng đoàn)", "alice (Thành viên)")


def test_only_officers_and_the_leader_run_the_inspection(w: World) -> None:
    insp = _inspection(w)
    team.set_member(None, insp, w.bob, "member")
    with pytest.raises(PermissionDenied):  # a member records, but does not lead
        visit_steps.take_step(w.bob, insp, "notify")
    with pytest.raises(PermissionDenied):
        team.set_member(w.bob, insp, w.steering, "member")
    with pytest.raises(PermissionDenied):  # the unit's head
        visit_steps.take_step(w.head_x1, insp, "notify")
    assert visit_steps.take_step(w.officer, insp, "notify").status == "notified"
    assert visit_steps.take_step(w.alice, insp, "start").status == "visiting"
