"""The forms of the plan pages: what the reform officer types becomes a plan, a target and a
task (each in the audit log); bad input is refused with a Vietnamese message beside the field
and nothing is saved; a deadline on a day off is shown moved to the next working day; a task
answering an inspection finding is prefilled from it and cites it."""

from __future__ import annotations

import datetime as dt

from django.test import Client

from cchc.core.models import AuditEntry
from cchc.inspections.models import Finding, Inspection
from cchc.plans.models_plans import Plan, Target, Task
from tests.plans.pages_world import PlanWorld


def officer(world: PlanWorld) -> Client:
    c = Client()
    c.force_login(world.web.users["officer"])
    return c


def plan_form(**typed: str) -> dict[str, str]:
    return {
        "name": "Kế hoạch nâng cao Chỉ số SIPAS 2024",
        "decision_number": "25/KH-UBND",
        "decision_date": "15/01/2024",
        "period_start": "01/01/2024",
        "period_end": "31/12/2024",
        "description": "",
        **typed,
    }


def test_the_officer_creates_a_plan_with_dates_typed_dd_mm_yyyy(world: PlanWorld) -> None:
    data = plan_form(owner_unit=str(world.web.province.pk))
    answer = officer(world).post("/ke-hoach/moi/", data)
    plan = Plan.objects.get(decision_number="25/KH-UBND")
    assert answer.status_code == 302 and answer["Location"] == f"/ke-hoach/{plan.pk}/"
    assert (plan.period_start, plan.period_end) == (dt.date(2024, 1, 1), dt.date(2024, 12, 31))
    entry = AuditEntry.objects.get(object_type="plans.plan", object_id=str(plan.pk))
    assert entry.action == "create" and entry.before is None
    assert entry.user == world.web.users["officer"]


def test_it_refuses_a_plan_with_vietnamese_messages_and_saves_nothing(world: PlanWorld) -> None:
    data = plan_form(
        name="", period_start="31/12/2024", period_end="01/01/2024", decision_date="32/01/2024"
    )
    answer = officer(world).post("/ke-hoach/moi/", data)
    assert answer.status_code == 400
    page = answer.content.decode()
    assert "Cần nhập trường này" in page  # the name, and the owner unit
    assert "Ngày không hợp lệ, nhập theo dạng dd/mm/yyyy" in page
    assert "Ngày kết thúc trước ngày bắt đầu" in page
    assert "Chưa lưu: xem thông báo bên cạnh ô nhập." in page
    assert 'value="25/KH-UBND"' in page  # what was typed stays
    assert Plan.objects.count() == 1 and not AuditEntry.objects.exists()


def test_an_edit_is_logged_with_the_value_before(world: PlanWorld) -> None:
    data = plan_form(
        name="Nâng cao chỉ số PAPI 2023 (sửa đổi)", decision_number="1732/QĐ-UBND",
        decision_date="10/01/2023", period_start="01/01/2023", period_end="31/12/2023",
        owner_unit=str(world.web.province.pk),
    )  # fmt: skip
    assert officer(world).post(f"/ke-hoach/{world.plan.pk}/sua/", data).status_code == 302
    entry = AuditEntry.objects.get(object_type="plans.plan")
    assert entry.before["name"] == "Nâng cao chỉ số PAPI 2023"  # type: ignore[index]
    assert entry.after["name"] == "Nâng cao chỉ số PAPI 2023 (sửa đổi)"  # type: ignore[index]


def test_a_target_code_is_unique_in_its_plan_and_an_external_target_names_its_index(
    world: PlanWorld,
) -> None:
    data = {
        "code": "CT1", "name": "Chỉ số PAR INDEX", "kind": "external", "direction": "up",
        "target_value": "85", "target_date": "31/12/2023", "order": "2",
    }  # fmt: skip
    answer = officer(world).post(f"/ke-hoach/{world.plan.pk}/chi-tieu/moi/", data)
    assert answer.status_code == 400
    page = answer.content.decode()
    assert "Mã chỉ tiêu CT1 đã có trong kế hoạch" in page
    assert "Chỉ số bên ngoài cần tên chỉ số, ví dụ PAPI" in page
    good = {**data, "code": "CT2", "index_name": "PAR INDEX", "target_value": "85,5"}
    answer = officer(world).post(f"/ke-hoach/{world.plan.pk}/chi-tieu/moi/", good)
    assert answer.status_code == 400 and "Cần nhập một số" in answer.content.decode()
    good["target_value"] = "85.5"
    assert officer(world).post(f"/ke-hoach/{world.plan.pk}/chi-tieu/moi/", good).status_code == 302
    assert Target.objects.get(code="CT2").target_value == 85.5


def task_form(world: PlanWorld, **typed: object) -> dict[str, object]:
    return {
        "code": "4", "name": "Số hóa hồ sơ", "lead_unit": str(world.web.commune12.pk),
        "deadline": "30/09/2023", "recurrence": "", "weight": "1", "order": "6", **typed,
    }  # fmt: skip


def test_a_task_on_a_day_off_is_moved_to_the_next_working_day_with_a_note(
    world: PlanWorld,
) -> None:
    # 02/09/2023 is National Day (a Saturday); 04/09/2023 was its day off in lieu; the
    # deadline ends on the next working day, Tuesday 05/09/2023 (Civil Code art. 148).
    data = task_form(world, deadline="02/09/2023", co_units=[str(world.web.commune11.pk)])
    answer = officer(world).post(f"/ke-hoach/{world.plan.pk}/nhiem-vu/moi/", data, follow=True)
    page = answer.content.decode()
    task = Task.objects.get(code="4")
    assert list(task.co_units.values_list("code", flat=True)) == ["X011"]
    assert "Thời hạn Thứ Bảy, 02/09/2023 là ngày nghỉ: hạn chuyển sang Thứ Ba, 05/09/2023" in page
    assert "Thứ Bảy, 02/09/2023 <span" in page  # the task page's deadline, with its weekday
    assert "(ngày nghỉ: hạn chuyển sang Thứ Ba, 05/09/2023)" in page
    entry = AuditEntry.objects.get(object_type="plans.task")
    assert entry.after["co_units"] == ["X011"]  # type: ignore[index]


def test_it_refuses_a_bad_task(world: PlanWorld) -> None:
    data = task_form(
        world, code="1", weight="-1", recurrence="", repeat_until="31/12/2023",
        co_units=[str(world.web.commune12.pk)],
    )  # fmt: skip
    answer = officer(world).post(f"/ke-hoach/{world.plan.pk}/nhiem-vu/moi/", data)
    assert answer.status_code == 400
    page = answer.content.decode()
    assert "Mã nhiệm vụ 1 đã có trong kế hoạch" in page
    assert "Trọng số không được âm" in page
    assert "Chỉ nhập khi nhiệm vụ lặp lại" in page
    assert "Đơn vị chủ trì không đồng thời là đơn vị phối hợp" in page
    assert Task.objects.count() == 5


def test_a_task_cannot_be_put_under_its_own_sub_task(world: PlanWorld) -> None:
    one = world.tasks["1"]
    data = task_form(
        world, code="1", lead_unit=str(one.lead_unit_id), parent=str(world.tasks["1.1"].pk)
    )
    answer = officer(world).post(f"/ke-hoach/nhiem-vu/{one.pk}/sua/", data)
    assert answer.status_code == 400
    assert "Nhiệm vụ cha không được là nhiệm vụ con của chính nó" in answer.content.decode()


def test_a_task_from_an_inspection_finding_is_prefilled_and_cites_it(world: PlanWorld) -> None:
    inspection = Inspection.objects.get()  # of commune X011
    finding = Finding.objects.create(
        inspection=inspection, category="discipline", severity="reminder",
        description="Chưa niêm yết công khai thủ tục hành chính",
    )  # fmt: skip
    c = officer(world)
    url = f"/ke-hoach/{world.plan.pk}/nhiem-vu/moi/?finding={finding.pk}"
    page = c.get(url).content.decode()
    assert "Khắc phục: Chưa niêm yết công khai thủ tục hành chính" in page
    assert f'<option value="{world.web.commune11.pk}" selected>' in page
    data = task_form(
        world, name="Khắc phục: Chưa niêm yết công khai thủ tục hành chính",
        lead_unit=str(world.web.commune11.pk), finding=str(finding.pk),
    )  # fmt: skip
    assert c.post(url, data).status_code == 302
    task = Task.objects.get(code="4")
    assert task.finding == finding
    page = c.get(f"/ke-hoach/nhiem-vu/{task.pk}/").content.decode()
    assert f'href="/kiem-tra/{inspection.pk}/#tt-{finding.pk}"' in page


def test_deleting_asks_first_and_is_logged(world: PlanWorld) -> None:
    c = officer(world)
    task = world.tasks["2"]
    confirm = c.get(f"/ke-hoach/nhiem-vu/{task.pk}/xoa/").content.decode()
    assert "Xác nhận xóa" in confirm and "Khảo sát hài lòng tại xã" in confirm
    assert Task.objects.filter(pk=task.pk).exists()
    answer = c.post(f"/ke-hoach/nhiem-vu/{task.pk}/xoa/")
    assert answer.status_code == 302 and answer["Location"] == f"/ke-hoach/{world.plan.pk}/"
    assert not Task.objects.filter(pk=task.pk).exists()
    entry = AuditEntry.objects.get(object_type="plans.task", object_id=str(task.pk))
    assert entry.action == "delete" and entry.after is None
    assert entry.before["name"] == "Khảo sát hài lòng tại xã"  # type: ignore[index]


def test_the_target_form_offers_indicators_by_name_and_a_rank(world: PlanWorld) -> None:
    c = officer(world)
    page = c.get(f"/ke-hoach/{world.plan.pk}/chi-tieu/moi/").content.decode()
    assert '<option value="766.total">Tổng điểm Bộ chỉ số 766 (766.total)</option>' in page
    assert '<option value="rank">Thứ hạng (chỉ số bên ngoài)</option>' in page
    response = c.post(
        f"/ke-hoach/{world.plan.pk}/chi-tieu/moi/",
        {"code": "CT9", "name": "Hạng PAPI", "kind": "external", "index_name": "PAPI",
         "index_code": "TOTAL", "measure": "rank", "direction": "down", "target_value": "10",
         "target_date": "31/12/2023", "order": "9"},
    )  # fmt: skip
    assert response.status_code == 302
    assert world.plan.targets.get(code="CT9").measure == "rank"
    bad = c.post(
        f"/ke-hoach/{world.plan.pk}/chi-tieu/moi/",
        {"code": "CT8", "name": "x", "kind": "indicator", "indicator_code": "766.9z",
         "direction": "up", "target_value": "1", "target_date": "31/12/2023", "order": "8"},
    )  # fmt: skip
    assert bad.status_code == 400


def test_the_officer_records_a_review_value_and_corrects_it(world: PlanWorld) -> None:
    c = officer(world)
    page = c.get(f"/ke-hoach/{world.plan.pk}/chi-tieu/{world.target.pk}/").content.decode()
    assert f"/ke-hoach/chi-tieu/{world.target.pk}/danh-gia/" in page
    url = f"/ke-hoach/chi-tieu/{world.target.pk}/danh-gia/"
    one = {"review_date": "30/06/2023", "value": "7,3", "source": "PAPI 2023"}
    assert c.post(url, {**one, "value": "7.3"}).status_code == 302
    assert c.post(url, {**one, "value": "7.35"}).status_code == 302  # the same date: corrected
    values = list(world.target.reviews.values_list("review_date", "value"))
    assert values == [(dt.date(2023, 3, 31), 7.2), (dt.date(2023, 6, 30), 7.35)]
    entries = AuditEntry.objects.filter(object_type="plans.targetreview").order_by("pk")
    assert [(e.action, e.after) for e in entries][1] == ("update", {"value": 7.35})
    assert c.post(url, {"review_date": "31/02/2023", "value": "1"}).status_code == 400


def test_readers_cannot_record_a_review_value(world: PlanWorld) -> None:
    c = Client()
    c.force_login(world.web.users["steering"])
    url = f"/ke-hoach/chi-tieu/{world.target.pk}/danh-gia/"
    assert c.post(url, {"review_date": "30/06/2023", "value": "9"}).status_code == 403
    page = c.get(f"/ke-hoach/{world.plan.pk}/chi-tieu/{world.target.pk}/").content.decode()
    assert url not in page
