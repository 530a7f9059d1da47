"""Writing explanations: exactly one subject, who may write, the files' limits, the audit log."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied
from django.db import IntegrityError, transaction

from cchc.core.models import AuditEntry
from cchc.explanations import services
from cchc.explanations.models import Explanation
from cchc.explanations.services import ExplanationError
from tests.explanations.world import ExplanationWorld, letter

pytestmark = pytest.mark.django_db


def test_an_explanation_is_about_exactly_one_subject(xworld: ExplanationWorld) -> None:
    unit = xworld.base.world.commune11
    with pytest.raises(IntegrityError), transaction.atomic():
        Explanation.objects.create(unit=unit, text="cả hai", dossier=xworld.late_x011,
                                   finding=xworld.finding)  # fmt: skip
    with pytest.raises(IntegrityError), transaction.atomic():
        Explanation.objects.create(unit=unit, text="không có gì")
    Explanation.objects.create(unit=unit, text="một hồ sơ", dossier=xworld.late_x011)
    Explanation.objects.create(unit=unit, text="một tồn tại", finding=xworld.finding)
    assert Explanation.objects.count() == 2


def test_the_chairman_explains_his_communes_late_dossier_with_a_file(
    xworld: ExplanationWorld,
) -> None:
    chair = xworld.users["chair_x011"]
    explanation = services.explain_dossier(
        chair, xworld.late_x011, "  Thiếu hồ sơ địa chính từ huyện  ", [letter()]
    )
    assert explanation.text == "Thiếu hồ sơ địa chính từ huyện"
    assert explanation.unit == xworld.base.world.commune11 and explanation.author == chair
    [stored] = explanation.files.all()
    assert stored.name == "cong-van-giai-trinh.pdf" and stored.size == len(b"%PDF-1.4 giai trinh")
    assert stored.file.read() == b"%PDF-1.4 giai trinh"
    entry = AuditEntry.objects.get(object_type="explanations.explanation")
    assert (entry.action, entry.user, entry.before) == ("explanation_create", chair, None)
    assert entry.after is not None
    assert entry.after["text"] == "Thiếu hồ sơ địa chính từ huyện"
    assert entry.after["files"] == ["cong-van-giai-trinh.pdf"]


def test_writing_again_edits_the_units_explanation_and_the_log_keeps_the_old_text(
    xworld: ExplanationWorld,
) -> None:
    chair = xworld.users["chair_x011"]
    first = services.explain_dossier(chair, xworld.late_x011, "Lần đầu", [letter()])
    second = services.explain_dossier(chair, xworld.late_x011, "Bổ sung lý do", [letter("b.png")])
    assert second.pk == first.pk and Explanation.objects.count() == 1
    assert [f.name for f in second.files.all()] == ["cong-van-giai-trinh.pdf", "b.png"]
    update = AuditEntry.objects.filter(object_id=str(first.pk)).order_by("id").last()
    assert update is not None and update.action == "explanation_update"
    assert update.before is not None and set(update.before) == {"text", "files", "updated_at"}
    assert update.before["text"] == "Lần đầu"
    assert update.before["files"] == ["cong-van-giai-trinh.pdf"]
    assert update.after is not None and update.after["text"] == "Bổ sung lý do"
    assert update.after["files"] == ["cong-van-giai-trinh.pdf", "b.png"]


@pytest.mark.parametrize(
    "persona",
    ["officer", "inspector", "steering", "admin", "office_head", "district_head", "chair_x013"],
)
def test_nobody_but_the_handling_unit_writes(xworld: ExplanationWorld, persona: str) -> None:
    with pytest.raises(PermissionDenied):
        services.explain_dossier(xworld.users[persona], xworld.late_x011, "không phải đơn vị mình")
    assert (
        not Explanation.objects.exists()
        and not AuditEntry.objects.filter(object_type="explanations.explanation").exists()
    )


def test_a_successor_explains_its_predecessors_dossier_from_the_takeover(
    xworld: ExplanationWorld,
) -> None:
    chair_x013 = xworld.users["chair_x013"]
    with pytest.raises(PermissionDenied):  # before 01/01/2025 X013 did not exist
        services.explain_dossier(chair_x013, xworld.late_x012, "chưa", day=dt.date(2024, 12, 31))
    explanation = services.explain_dossier(
        chair_x013, xworld.late_x012, "Xã Một Hai cũ thiếu người", day=dt.date(2025, 1, 1)
    )
    assert explanation.unit.code == "X013"
    with pytest.raises(PermissionDenied):  # the predecessor's work is not the other commune's
        services.explain_dossier(xworld.users["chair_x011"], xworld.late_x012, "không")


def test_the_head_of_an_ended_unit_writes_nothing(xworld: ExplanationWorld) -> None:
    commune = xworld.base.world.commune11
    commune.valid_to = dt.date(2024, 12, 31)
    commune.save()
    with pytest.raises(PermissionDenied):
        services.explain_dossier(xworld.users["chair_x011"], xworld.late_x011, "đã giải thể")


def test_the_inspected_unit_explains_a_finding_and_others_may_not(
    xworld: ExplanationWorld,
) -> None:
    explanation = services.explain_finding(
        xworld.users["chair_x011"], xworld.finding, "Đã gửi văn bản xin lỗi", [letter()]
    )
    assert explanation.finding == xworld.finding and explanation.dossier is None
    for persona in ("inspector", "officer", "office_head"):
        with pytest.raises(PermissionDenied):
            services.explain_finding(xworld.users[persona], xworld.finding, "không")


@pytest.mark.parametrize(
    ("text", "files", "field"),
    [
        ("   ", [], "text"),
        ("x" * (services.MAX_TEXT + 1), [], "text"),
        ("có lý do", [letter("chay-thu.exe")], "files"),
        ("có lý do", [letter("trang.html")], "files"),
        ("có lý do", [letter(f"t{i}.pdf") for i in range(services.MAX_FILES + 1)], "files"),
    ],
)
def test_bad_input_is_refused_with_its_field_and_changes_nothing(
    xworld: ExplanationWorld, text: str, files: list[object], field: str
) -> None:
    with pytest.raises(ExplanationError) as caught:
        services.explain_dossier(xworld.users["chair_x011"], xworld.late_x011, text, files)  # type: ignore[arg-type]
    assert caught.value.field == field
    assert not Explanation.objects.exists()


def test_a_file_over_20_mb_is_refused(xworld: ExplanationWorld) -> None:
    big = letter("lon.pdf", b"0" * (services.MAX_FILE_BYTES + 1))
    with pytest.raises(ExplanationError, match="20 MB"):
        services.explain_dossier(xworld.users["chair_x011"], xworld.late_x011, "lý do", [big])
