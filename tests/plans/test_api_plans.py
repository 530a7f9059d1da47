"""/api/plans: the list and one plan with the pages' figures, and a task's progress reported
with the task page's rules (who may, status and progress consistent, evidence to mark done).

The figures on TODAY (15/06/2023, tests/plans/pages_world.py), by the weighted-mean rule
restated: task 1 = mean of its sub-tasks 1.1 (40) and 1.2 (0), weights 1 and 1 → 20; task 2 →
0; task 3 (monthly, none of 12 occurrences done) → 0. Target CT1 holds tasks 1 (weight 3) and 2
(weight 1): (3 × 20 + 1 × 0) / 4 = 15. The plan: (3 × 20 + 1 × 0 + 1 × 0) / 5 = 12. Overdue: 1.1
(deadline 31/03/2023: 76 days) and 3 (first deadline 31/01/2023 not done: 135 days)."""

from __future__ import annotations

import json

import pytest
from django.test import Client

from cchc.core.models import AuditEntry
from tests.plans.pages_world import PlanWorld


def client(world: PlanWorld, persona: str) -> Client:
    c = Client()
    if persona != "anonymous":
        c.force_login(world.web.users[persona])
    return c


def post(c: Client, task_id: int, body: dict[str, object]) -> tuple[int, dict[str, object]]:
    answer = c.post(
        f"/api/plans/tasks/{task_id}/progress", json.dumps(body), content_type="application/json"
    )
    return answer.status_code, answer.json()


def test_the_list_and_one_plan_carry_the_rolled_up_figures(world: PlanWorld) -> None:
    c = client(world, "steering")
    [item] = c.get("/api/plans").json()
    assert item["id"] == world.plan.pk and item["progress"] == pytest.approx(12.0)
    assert item["overdue_count"] == 2
    plan = c.get(f"/api/plans/{world.plan.pk}").json()
    [target] = plan["targets"]
    assert (target["code"], target["progress"]) == ("CT1", pytest.approx(15.0))
    assert (target["latest_value"], target["latest_date"]) == (7.2, "2023-03-31")
    tasks = {t["code"]: t for t in plan["tasks"]}
    assert [t["code"] for t in plan["tasks"]] == ["1", "1.1", "1.2", "2", "3"]  # the tree
    assert tasks["1"]["progress"] == pytest.approx(20.0) and tasks["1.1"]["depth"] == 1
    assert (tasks["1.1"]["overdue"], tasks["1.1"]["days_overdue"]) == (True, 76)
    assert (tasks["3"]["next_due"], tasks["3"]["days_overdue"]) == ("2023-01-31", 135)
    assert tasks["2"]["co_unit_codes"] == ["X011"] and not tasks["2"]["overdue"]


def test_it_refuses_who_has_no_role_and_answers_404_for_an_unknown_plan(world: PlanWorld) -> None:
    assert client(world, "norole").get("/api/plans").status_code == 403
    assert client(world, "anonymous").get("/api/plans").status_code == 401
    assert client(world, "officer").get("/api/plans/999999").status_code == 404
    assert client(world, "officer").get(f"/api/plans/{2**40}").status_code == 404


def test_a_unit_head_reports_progress_of_own_units_task(world: PlanWorld) -> None:
    task = world.tasks["1.1"]
    status, body = post(
        client(world, "chair_x011"), task.pk, {"status": "in_progress", "progress": 80}
    )
    assert status == 200 and body["progress"] == 80
    task.refresh_from_db()
    assert task.progress == 80
    assert AuditEntry.objects.filter(object_type="plans.task", object_id=str(task.pk)).count() == 1
    [parent] = [
        t
        for t in client(world, "officer").get(f"/api/plans/{world.plan.pk}").json()["tasks"]
        if t["code"] == "1"
    ]
    assert parent["progress"] == pytest.approx(40.0)  # (80 + 0) / 2


@pytest.mark.parametrize("persona", ["steering", "inspector", "office_head"])
def test_who_may_not_update_is_refused(world: PlanWorld, persona: str) -> None:
    status, _ = post(
        client(world, persona), world.tasks["1.1"].pk, {"status": "in_progress", "progress": 90}
    )
    assert status == 403
    world.tasks["1.1"].refresh_from_db()
    assert world.tasks["1.1"].progress == 40


def test_a_unit_head_cannot_update_another_units_task(world: PlanWorld) -> None:
    status, body = post(
        client(world, "chair_x011"), world.tasks["2"].pk, {"status": "done", "progress": 100}
    )
    assert status == 403 and "đơn vị khác" in str(body["detail"])


def test_done_needs_evidence_and_bad_input_is_400(world: PlanWorld) -> None:
    c = client(world, "chair_x011")
    task = world.tasks["1.1"]
    status, body = post(c, task.pk, {"status": "done", "progress": 100})
    assert status == 400 and "Cần ít nhất một minh chứng" in str(body["detail"])
    status, body = post(c, task.pk, {"status": "in_progress", "progress": 140})
    assert status == 400 and "Tiến độ phải từ 0 đến 100" in str(body["detail"])
    status, body = post(c, task.pk, {"status": "finished", "progress": 10})
    assert status == 400 and "Trạng thái không hợp lệ" in str(body["detail"])
    status, body = post(
        c, task.pk, {"status": "done", "progress": 100, "evidence_text": "Biên bản"}
    )
    assert status == 200 and body["status"] == "done" and body["evidence_count"] == 1
    assert post(c, 999999, {"status": "done", "progress": 100})[0] == 404
