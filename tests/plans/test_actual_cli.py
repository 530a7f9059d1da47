"""`cchc plans show ID`: the plan's rolled-up progress, each target's latest reading and whether
it is on track, and the tasks (tests/plans/actual_world.py)."""

from __future__ import annotations

import json

import pytest

from cchc.cli import CommandError, Commands
from cchc.plans.cli_plans_show import add_show
from cchc.plans.models_plans import Plan
from tests.plans.actual_world import build_world

pytestmark = pytest.mark.django_db(transaction=True)


def _run(*argv: str) -> int:
    commands = Commands()
    add_show(commands.group("plans", "Kế hoạch cải thiện (improvement plans)"))
    args = commands.parser.parse_args(["plans", "show", *argv])
    return int(args.handler(args) or 0)


@pytest.fixture
def plan() -> Plan:
    return build_world()[0]


def test_show_as_json_gives_progress_latest_readings_and_tasks(
    plan: Plan, capsys: pytest.CaptureFixture[str]
) -> None:
    assert _run(str(plan.pk), "--format", "json", "--today", "2025-08-15") == 0
    data = json.loads(capsys.readouterr().out)
    assert data["id"] == plan.pk and data["day"] == "2025-08-15"
    # top-level tasks of weight 1: 40 %, 100 %, 0 % → 140 / 3
    assert data["progress"] == pytest.approx(round(140 / 3, 1))
    t1 = next(t for t in data["targets"] if t["code"] == "T1")
    assert t1["latest"] == {
        "date": "2025-08-15",
        "value": 70.0,
        "source": "cchc, 6 tháng cuối năm 2025 (đến ngày 15/08/2025)",
        "origin": "measured",
    }
    assert (t1["on_track"], t1["met"], t1["progress"]) == (False, False, 70.0)  # (40 + 100) / 2
    t4 = next(t for t in data["targets"] if t["code"] == "T4")
    assert (t4["latest"], t4["on_track"]) == (None, None)
    tasks = {t["code"]: t for t in data["tasks"]}
    assert set(tasks["1"]) >= {
        "code",
        "name",
        "lead_unit",
        "deadline",
        "status",
        "progress",
        "overdue",
    }
    assert (tasks["1"]["lead_unit"], tasks["1"]["deadline"], tasks["1"]["overdue"]) == (
        "Sở Tư pháp",
        "2025-06-30",
        True,
    )
    assert (tasks["2"]["status"], tasks["2"]["progress"], tasks["2"]["overdue"]) == (
        "done",
        100,
        False,
    )


def test_show_as_text_in_vietnamese_dates(plan: Plan, capsys: pytest.CaptureFixture[str]) -> None:
    assert _run(str(plan.pk), "--today", "15/08/2025") == 0
    out = capsys.readouterr().out
    assert "tiến độ chung (progress) 46,7%" in out
    assert "hiện nay 70,00 ngày 15/08/2025" in out and "chậm so với lộ trình" in out
    assert "hạn 30/06/2025; Đang thực hiện; 40% QUÁ HẠN" in out


def test_show_an_unknown_plan_is_a_clear_error(plan: Plan) -> None:
    with pytest.raises(CommandError, match="Không có kế hoạch số 999"):
        _run("999", "--today", "2025-08-15")
