"""Services: roles are checked, every change is audited, the right people are notified."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied
from django.core.files.base import ContentFile

from cchc.core.models import AuditEntry
from cchc.inspections import services
from cchc.inspections.models import ActionState, Evidence, Inspection
from cchc.inspections.notify import about_action
from cchc.inspections.workflow import InvalidTransition
from cchc.notices.models import Notice
from tests.inspections.steps import conclude, walk
from tests.inspections.world import World, build_world, dossier

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _media(settings: object, tmp_path: Path) -> None:
    settings.MEDIA_ROOT = tmp_path  # type: ignore[attr-defined]


@pytest.fixture
def w() -> World:
    return build_world()


def _inspection(w: World) -> Inspection:
    """X1's inspection of 05/02/2024, the team at the unit (visiting)."""
    inspection = services.create_inspection(
        w.officer,
        kind="surprise",
        unit=w.x1,
        date=dt.date(2024, 2, 5),
        team=[w.alice],
        leader=w.officer,
    )
    return walk(inspection)


def _audits(action: str) -> list[AuditEntry]:
    return list(AuditEntry.objects.filter(action=action).order_by("id"))


def test_the_full_cycle_is_audited_step_by_step(w: World) -> None:
    insp = _inspection(w)
    hs1, hs2 = (dossier("X1", dt.date(2024, 1, 2), dt.date(2024, 1, 9), None) for _ in "12")
    assert insp.content_items[0] == "directives.orders" and len(insp.content_items) == 12
    services.answer_item(w.alice, insp, "sensitive.land", "not_compliant", "3 hồ sơ trễ hạn")
    finding = services.record_finding(
        w.alice,
        insp,
        category="sensitive_dossiers",
        severity="correction",
        description="Hồ sơ đất đai trễ hạn không có văn bản xin lỗi",
        dossier_codes=[hs1.code, hs2.code],
    )
    conclude(finding.inspection)
    action = services.raise_action(
        w.alice, finding, description="Gửi văn bản xin lỗi", issued_on=dt.date(2024, 2, 5)
    )
    # 20 working days after 5 Feb 2024, Tết 8–14 Feb skipped: 6–7, 15–16, 19–23 Feb (9),
    # 26 Feb–1 Mar (14), 4–8 Mar (19), 11 Mar (20)
    assert action.deadline == dt.date(2024, 3, 11)
    services.report_done(
        w.head_x1, action, "Đã gửi 2 văn bản xin lỗi", [ContentFile(b"%PDF", name="xin-loi.pdf")]
    )
    services.reopen(w.alice, action, "Thiếu văn bản cho HS2", new_deadline=dt.date(2024, 3, 20))
    services.report_done(w.head_x1, action, "Đã bổ sung", [ContentFile(b"%PDF", name="hs2.pdf")])
    services.verify(w.alice, action, "Đạt")
    action.refresh_from_db()
    assert action.state == ActionState.CLOSED and action.closed_on is not None
    assert Evidence.objects.filter(report__action=action).count() == 2

    kinds = list(AuditEntry.objects.order_by("id").values_list("action", flat=True))
    assert kinds == [
        "inspection_create",
        "inspection_status",  # notified
        "inspection_status",  # visiting
        "checklist_answer",
        "finding_create",
        "inspection_status",  # concluded
        "action_create",
        "action_report",
        "action_reopen",
        "action_report",
        "action_verify",
    ]
    reopen = _audits("action_reopen")[0]
    assert reopen.user == w.alice
    assert reopen.before == {"state": "reported", "deadline": "2024-03-11"}
    assert reopen.after is not None and reopen.after["state"] == "reopened"
    assert reopen.after["deadline"] == "2024-03-20"
    assert reopen.object_type == "inspections.correctiveaction"
    assert reopen.object_id == str(action.pk)


def test_finding_changes_are_audited_with_before_and_after(w: World) -> None:
    finding = services.record_finding(
        w.officer,
        _inspection(w),
        category="publicity",
        severity="reminder",
        description="Chưa niêm yết phí",
    )
    services.update_finding(w.alice, finding, severity="correction")
    entry = _audits("finding_update")[0]
    assert (entry.before, entry.after) == ({"severity": "reminder"}, {"severity": "correction"})


def test_roles_are_checked(w: World) -> None:
    with pytest.raises(PermissionDenied):
        services.create_inspection(w.head_x1, kind="periodic", unit=w.x1, date=dt.date(2024, 5, 1))
    with pytest.raises(PermissionDenied):
        services.create_inspection(w.steering, kind="periodic", unit=w.x1, date=dt.date(2024, 5, 1))
    insp = _inspection(w)
    with pytest.raises(PermissionDenied):  # inspector not on the team
        services.record_finding(w.bob, insp, category="other", severity="reminder", description="x")
    finding = services.record_finding(
        w.alice, insp, category="discipline", severity="reminder", description="Đi muộn"
    )
    conclude(finding.inspection)
    action = services.raise_action(
        w.alice, finding, description="Chấn chỉnh giờ giấc", issued_on=dt.date(2024, 2, 5)
    )
    with pytest.raises(PermissionDenied):  # head of another commune
        services.report_done(w.head_x2, action, "x", [ContentFile(b"x", name="x.txt")])
    with pytest.raises(PermissionDenied):  # a unit head cannot verify their own correction
        services.verify(w.head_x1, action)
    assert AuditEntry.objects.filter(action__startswith="action_").count() == 1  # create only


def test_invalid_transitions_are_refused_and_leave_no_trace(w: World) -> None:
    finding = services.record_finding(
        w.alice, _inspection(w), category="other", severity="reminder", description="x"
    )
    conclude(finding.inspection)
    action = services.raise_action(w.alice, finding, description="y", report_required=False)
    with pytest.raises(InvalidTransition):
        services.verify(w.alice, action)
    action.refresh_from_db()
    assert action.state == "open"
    assert not AuditEntry.objects.filter(action="action_verify").exists()


def test_evidence_is_required_when_a_report_is_required(w: World) -> None:
    finding = services.record_finding(
        w.alice, _inspection(w), category="other", severity="reminder", description="x"
    )
    conclude(finding.inspection)
    action = services.raise_action(w.alice, finding, description="y")
    with pytest.raises(ValueError, match="evidence"):
        services.report_done(w.head_x1, action, "xong")


def test_unit_heads_and_team_are_notified_in_app_and_by_email(
    w: World, django_capture_on_commit_callbacks: Any
) -> None:
    insp = _inspection(w)
    finding = services.record_finding(
        w.alice, insp, category="other", severity="reminder", description="x"
    )
    conclude(finding.inspection)
    with django_capture_on_commit_callbacks(execute=True):  # e-mails go once the change commits
        action = services.raise_action(
            w.alice, finding, description="Niêm yết lại TTHC", issued_on=dt.date(2024, 2, 5)
        )
    about = about_action(action)
    assert [n.user for n in Notice.objects.filter(about=about)] == [w.head_x1]
    assert mail.outbox[-1].to == ["head_x1@example.gov.vn"]
    assert "Yêu cầu khắc phục mới" in mail.outbox[-1].subject
    services.report_done(w.head_x1, action, "Đã niêm yết", [ContentFile(b"x", name="a.jpg")])
    team_notes = Notice.objects.filter(about=about, subject__contains="đã báo cáo")
    assert {n.user for n in team_notes} == {w.alice, w.officer}


def test_unknown_choices_are_refused_in_vietnamese_and_english(w: World) -> None:
    with pytest.raises(ValueError, match=r"không hợp lệ.*invalid"):
        services.create_inspection(w.officer, kind="secret", unit=w.x1, date=dt.date(2024, 1, 2))
    insp = _inspection(w)
    with pytest.raises(ValueError, match="item not in inspection"):
        services.answer_item(w.alice, insp, "nope", "compliant")
