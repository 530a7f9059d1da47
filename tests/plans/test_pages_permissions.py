"""Who sees and changes what on the plan pages (docs/plans.md, "Trang và API"): every role
reads; the reform officer and the administrator edit; the head of a task's lead unit (or of a
unit above it) updates that task; the steering committee and inspectors read only; a user
without a role is refused and an anonymous visitor is sent to log in."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.test import Client

from cchc.core.models import AuditEntry
from cchc.plans.models_plans import Task, TaskStatus
from tests.plans.pages_world import TODAY, PlanWorld

READERS = [
    "admin",
    "officer",
    "inspector",
    "steering",
    "district_head",
    "office_head",
    "chair_x011",
]


def client(world: PlanWorld, persona: str) -> Client:
    c = Client()
    if persona != "anonymous":
        c.force_login(world.web.users[persona])
    return c


def pages(world: PlanWorld) -> list[str]:
    return [
        "/ke-hoach/",
        f"/ke-hoach/{world.plan.pk}/",
        f"/ke-hoach/nhiem-vu/{world.tasks['1.1'].pk}/",
        f"/ke-hoach/nhiem-vu/{world.tasks['3'].pk}/",
    ]


@pytest.mark.parametrize("persona", READERS)
def test_every_role_reads_the_plans(world: PlanWorld, persona: str) -> None:
    c = client(world, persona)
    for url in pages(world):
        assert c.get(url).status_code == 200, url


def test_it_refuses_a_user_without_a_role_and_sends_a_visitor_to_log_in(world: PlanWorld) -> None:
    for url in pages(world):
        assert client(world, "norole").get(url).status_code == 403
        answer = client(world, "anonymous").get(url)
        assert answer.status_code == 302 and "/dang-nhap/" in answer["Location"]


@pytest.mark.parametrize("persona", ["admin", "officer"])
def test_editors_see_the_forms(world: PlanWorld, persona: str) -> None:
    c = client(world, persona)
    page = c.get(f"/ke-hoach/{world.plan.pk}/").content.decode()
    assert "Thêm nhiệm vụ" in page and f"/ke-hoach/{world.plan.pk}/xlsx/" in page
    for url in (
        "/ke-hoach/moi/",
        f"/ke-hoach/{world.plan.pk}/sua/",
        f"/ke-hoach/{world.plan.pk}/chi-tieu/moi/",
        f"/ke-hoach/chi-tieu/{world.target.pk}/sua/",
        f"/ke-hoach/{world.plan.pk}/nhiem-vu/moi/",
        f"/ke-hoach/nhiem-vu/{world.tasks['2'].pk}/sua/",
        f"/ke-hoach/nhiem-vu/{world.tasks['2'].pk}/xoa/",
    ):
        assert c.get(url).status_code == 200, url


@pytest.mark.parametrize("persona", ["inspector", "steering", "district_head", "chair_x011"])
def test_readers_get_no_form_and_their_posts_are_refused(world: PlanWorld, persona: str) -> None:
    c = client(world, persona)
    page = c.get(f"/ke-hoach/{world.plan.pk}/").content.decode()
    assert "Thêm nhiệm vụ" not in page and "/xlsx/" not in page and "Sửa kế hoạch" not in page
    plan, task = world.plan.pk, world.tasks["2"].pk
    for url in (
        "/ke-hoach/moi/",
        f"/ke-hoach/{plan}/sua/",
        f"/ke-hoach/{plan}/xoa/",
        f"/ke-hoach/{plan}/chi-tieu/moi/",
        f"/ke-hoach/{plan}/nhiem-vu/moi/",
        f"/ke-hoach/nhiem-vu/{task}/sua/",
        f"/ke-hoach/nhiem-vu/{task}/xoa/",
    ):
        assert c.get(url).status_code == 403, url
        assert c.post(url, {"name": "x"}).status_code == 403, url
    assert Task.objects.filter(pk=task).exists()


@pytest.mark.parametrize("persona", ["inspector", "steering"])
def test_read_only_roles_cannot_update_a_task(world: PlanWorld, persona: str) -> None:
    c = client(world, persona)
    task = world.tasks["1.1"]
    page = c.get(f"/ke-hoach/nhiem-vu/{task.pk}/").content.decode()
    assert "Cập nhật tiến độ" not in page and "Gửi ý kiến" not in page
    url = f"/ke-hoach/nhiem-vu/{task.pk}/cap-nhat/"
    assert c.post(url, {"status": "in_progress", "progress": "90"}).status_code == 403
    assert c.post(f"/ke-hoach/nhiem-vu/{task.pk}/y-kien/", {"text": "x"}).status_code == 403
    task.refresh_from_db()
    assert task.progress == 40


def test_a_unit_head_updates_own_units_task_with_before_and_after_in_the_log(
    world: PlanWorld,
) -> None:
    c = client(world, "chair_x011")
    task = world.tasks["1.1"]
    assert "Cập nhật tiến độ" in c.get(f"/ke-hoach/nhiem-vu/{task.pk}/").content.decode()
    answer = c.post(
        f"/ke-hoach/nhiem-vu/{task.pk}/cap-nhat/",
        {"status": "in_progress", "progress": "70", "note": "Đã niêm yết 7/10 thủ tục"},
    )
    assert answer.status_code == 302
    task.refresh_from_db()
    assert (task.status, task.progress, task.note) == (
        "in_progress",
        70,
        "Đã niêm yết 7/10 thủ tục",
    )
    entry = AuditEntry.objects.get(object_type="plans.task", object_id=str(task.pk))
    assert entry.user == world.web.users["chair_x011"] and entry.action == "update"
    before = {k: v for k, v in (entry.before or {}).items() if k != "updated_at"}
    after = {k: v for k, v in (entry.after or {}).items() if k != "updated_at"}
    assert before == {"progress": 40, "note": ""}
    assert after == {"progress": 70, "note": "Đã niêm yết 7/10 thủ tục"}
    history = c.get(f"/ke-hoach/nhiem-vu/{task.pk}/").content.decode()
    assert "40 → 70" in history


def test_a_unit_head_cannot_update_another_units_task(world: PlanWorld) -> None:
    c = client(world, "chair_x011")
    task = world.tasks["2"]  # led by X021 (district 2); X011 only co-operates
    assert "Cập nhật tiến độ" not in c.get(f"/ke-hoach/nhiem-vu/{task.pk}/").content.decode()
    answer = c.post(
        f"/ke-hoach/nhiem-vu/{task.pk}/cap-nhat/", {"status": "done", "progress": "100"}
    )
    assert answer.status_code == 403
    task.refresh_from_db()
    assert task.status == TaskStatus.NOT_STARTED
    assert not AuditEntry.objects.filter(object_type="plans.task").exists()


def test_the_head_of_the_district_updates_a_task_of_a_commune_under_it(world: PlanWorld) -> None:
    c = client(world, "district_head")
    task = world.tasks["1.2"]  # led by X012, under district H01
    answer = c.post(
        f"/ke-hoach/nhiem-vu/{task.pk}/cap-nhat/", {"status": "in_progress", "progress": "10"}
    )
    assert answer.status_code == 302
    assert client(world, "office_head").post(
        f"/ke-hoach/nhiem-vu/{task.pk}/cap-nhat/", {"status": "in_progress", "progress": "20"}
    ).status_code == 403  # fmt: skip
    task.refresh_from_db()
    assert task.progress == 10


def test_marking_done_needs_evidence(world: PlanWorld) -> None:
    c = client(world, "chair_x011")
    task = world.tasks["1.1"]
    url = f"/ke-hoach/nhiem-vu/{task.pk}/cap-nhat/"
    refused = c.post(url, {"status": "done", "progress": "100", "note": "Xong"})
    assert refused.status_code == 400
    page = refused.content.decode()
    assert "Cần ít nhất một minh chứng" in page and 'id="u-evidence-error"' in page
    task.refresh_from_db()
    assert task.status == TaskStatus.IN_PROGRESS
    done = c.post(url, {"status": "done", "progress": "100", "evidence_text": "Ảnh bảng niêm yết"})
    assert done.status_code == 302
    task.refresh_from_db()
    assert (task.status, task.progress, task.done_on) == ("done", 100, world_today())
    assert task.evidence.get().text == "Ảnh bảng niêm yết"
    kinds = set(AuditEntry.objects.values_list("object_type", flat=True))
    assert kinds == {"plans.task", "plans.taskevidence"}


def world_today() -> dt.date:
    return TODAY


def test_an_evidence_file_is_uploaded_and_served_to_readers_only(
    world: PlanWorld, settings: object, tmp_path: object
) -> None:
    from django.core.files.uploadedfile import SimpleUploadedFile

    settings.MEDIA_ROOT = tmp_path  # type: ignore[attr-defined]
    c = client(world, "chair_x011")
    task = world.tasks["1.1"]
    url = f"/ke-hoach/nhiem-vu/{task.pk}/cap-nhat/"
    wrong = SimpleUploadedFile("virus.exe", b"MZ")
    refused = c.post(url, {"status": "in_progress", "progress": "50", "evidence": wrong})
    assert refused.status_code == 400
    assert "Tệp virus.exe: chỉ nhận" in refused.content.decode()
    letter = SimpleUploadedFile("bien-ban.pdf", b"%PDF-1.4 bien ban")
    assert (
        c.post(url, {"status": "in_progress", "progress": "50", "evidence": letter}).status_code
        == 302
    )
    evidence = task.evidence.get()
    file_url = f"/ke-hoach/minh-chung/{evidence.pk}/"
    assert "bien-ban.pdf" in c.get(f"/ke-hoach/nhiem-vu/{task.pk}/").content.decode()
    answer = client(world, "steering").get(file_url)
    assert answer.status_code == 200 and b"".join(answer.streaming_content) == b"%PDF-1.4 bien ban"  # type: ignore[attr-defined]
    assert client(world, "norole").get(file_url).status_code == 403
    assert client(world, "anonymous").get(file_url).status_code == 302


def test_a_unit_head_marks_an_occurrence_done_and_comments(world: PlanWorld) -> None:
    c = client(world, "chair_x011")
    task = world.tasks["3"]  # monthly from 31/01/2023
    page = c.get(f"/ke-hoach/nhiem-vu/{task.pk}/").content.decode()
    assert "Đánh dấu đã thực hiện" in page
    answer = c.post(f"/ke-hoach/nhiem-vu/{task.pk}/lan-thuc-hien/", {"due_on": "31/01/2023"})
    assert answer.status_code == 302
    assert list(task.occurrences.values_list("due_on", flat=True)) == [dt.date(2023, 1, 31)]
    again = c.post(
        f"/ke-hoach/nhiem-vu/{task.pk}/lan-thuc-hien/", {"due_on": "31/01/2023"}, follow=True
    )
    assert "Lần này đã được đánh dấu" in again.content.decode()
    assert (
        c.post(
            f"/ke-hoach/nhiem-vu/{task.pk}/y-kien/", {"text": "Đã gửi báo cáo tháng 1"}
        ).status_code
        == 302
    )
    assert task.comments.get().text == "Đã gửi báo cáo tháng 1"
    assert AuditEntry.objects.filter(object_type="plans.occurrence").count() == 1
    assert AuditEntry.objects.filter(object_type="plans.taskcomment").count() == 1
    empty = c.post(f"/ke-hoach/nhiem-vu/{task.pk}/y-kien/", {"text": "  "})
    assert empty.status_code == 400 and "Cần nhập nội dung ý kiến" in empty.content.decode()


def test_the_english_locale_keeps_working(world: PlanWorld, settings: Any) -> None:
    c = client(world, "chair_x011")
    c.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    plan = c.get(f"/ke-hoach/{world.plan.pk}/").content.decode()
    assert (
        "Overall progress" in plan and "76 days overdue" in plan and "Plan against actual" in plan
    )
    task = c.get(f"/ke-hoach/nhiem-vu/{world.tasks['1.1'].pk}/").content.decode()
    assert "Update progress" in task and "Change history" in task
    home = c.get("/").content.decode()
    assert "Your unit's plan tasks" in home and ">Plans (2)</a>" in home
