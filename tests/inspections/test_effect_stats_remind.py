"""Effect (difference-in-differences), review statistics and reminders."""

from __future__ import annotations

import datetime as dt
import json

import pytest
from django.core import mail

from cchc.cli import main
from cchc.inspections import services
from cchc.inspections.effect import Counts, difference_in_differences, similar_units
from cchc.inspections.models import ReminderSent
from cchc.inspections.stats import ratio_text
from cchc.notices.models import Notice
from tests.inspections.steps import conclude, walk
from tests.inspections.world import build_world, dossier

D = dt.date


def test_did_subtracts_the_change_in_similar_units() -> None:
    e = difference_in_differences(
        Counts(40, 100), Counts(10, 100), Counts(30, 300), Counts(24, 300)
    )
    assert e.change_treated == pytest.approx(-0.30)
    assert e.change_control == pytest.approx(-0.02)
    assert e.did == pytest.approx(-0.28)
    assert e.on_time_did == pytest.approx(0.28)
    assert e.low is not None and e.high is not None and e.did is not None
    assert e.low < e.did < e.high < 0  # clearly fewer late dossiers
    se = ((0.4 * 0.6 / 100) + (0.1 * 0.9 / 100) + (0.1 * 0.9 / 300) + (0.08 * 0.92 / 300)) ** 0.5
    assert e.high - e.low == pytest.approx(2 * 1.96 * se)


def test_did_is_unknown_without_dossiers() -> None:
    e = difference_in_differences(Counts(0, 0), Counts(1, 10), Counts(1, 10), Counts(1, 10))
    assert e.did is None and e.low is None


def test_similar_units_have_the_same_kind_and_a_comparable_volume() -> None:
    volumes = {"T": 100, "A": 60, "B": 250, "C": 150, "D": 120, "E": 90}
    kinds = {
        "T": "commune",
        "A": "commune",
        "B": "commune",
        "C": "commune",
        "D": "agency",
        "E": "commune",
    }
    assert similar_units(volumes, kinds, "T", excluded={"E"}) == ["A", "C"]


def _late_series(unit: str, start: D, months: int, n: int, late: int) -> None:
    for i in range(n):
        received = start + dt.timedelta(days=(i * 28 * months) // n)
        deadline = received + dt.timedelta(days=5)
        finished = deadline + dt.timedelta(days=2 if i < late else -1)
        dossier(unit, received, deadline, finished)


@pytest.mark.django_db(transaction=True)
def test_effect_command_compares_with_units_not_inspected(
    capsys: pytest.CaptureFixture[str],
) -> None:
    w = build_world()
    # X1 inspected on 1 Jul 2024: 20/40 late before, 4/40 after. X2 (similar): 10/50 → 9/50.
    # X3 is inspected too in the window, so it is not a control.
    _late_series("X1", D(2024, 1, 5), 5, 40, 20)
    _late_series("X1", D(2024, 7, 5), 5, 40, 4)
    _late_series("X2", D(2024, 1, 5), 5, 50, 10)
    _late_series("X2", D(2024, 7, 5), 5, 50, 9)
    _late_series("X3", D(2024, 1, 5), 5, 45, 10)
    insp = services.create_inspection(None, kind="surprise", unit=w.x1, date=D(2024, 7, 1))
    services.create_inspection(None, kind="rotation", unit=w.x3, date=D(2024, 9, 1))
    assert (
        main(["inspections", "effect", str(insp.pk), "--today", "2025-03-01", "--format", "json"])
        == 0
    )
    doc = json.loads(capsys.readouterr().out)
    assert doc["controls"] == ["X2"]
    assert doc["treated_before"] == {"late": 20, "ended": 40}
    assert doc["treated_after"] == {"late": 4, "ended": 40}
    assert doc["control_before"] == {"late": 10, "ended": 50}
    assert doc["did_late_rate"] == pytest.approx((0.1 - 0.5) - (0.18 - 0.2))
    assert doc["complete"] is True
    assert main(["inspections", "effect", str(insp.pk), "--today", "2025-03-01"]) == 0
    out = capsys.readouterr().out
    assert "Chênh lệch kép" in out and "20/40" in out


def test_ratio_text_reads_like_the_review_report() -> None:
    assert ratio_text(15, 5) == "×3"
    assert ratio_text(3, 2) == "×1,5"
    assert ratio_text(0, 0) == "–"
    assert ratio_text(4, 0) == "mới (new)"


@pytest.mark.django_db(transaction=True)
def test_stats_compare_with_the_same_period_a_year_earlier(
    capsys: pytest.CaptureFixture[str],
) -> None:
    w = build_world()
    for unit, day in [
        (w.x1, D(2023, 3, 1)),
        (w.x2, D(2024, 2, 1)),
        (w.x3, D(2024, 3, 1)),
        (w.x1, D(2024, 4, 1)),
        (w.sxd, D(2024, 8, 1)),
    ]:
        insp = walk(services.create_inspection(None, kind="surprise", unit=unit, date=day))
        f = services.record_finding(
            None, insp, category="discipline", severity="reminder", description="Đi muộn"
        )
        conclude(insp)
        services.raise_action(None, f, description="Chấn chỉnh", deadline=day + dt.timedelta(30))
    assert (
        main(
            [
                "inspections",
                "stats",
                "--period",
                "2024-H1",
                "--today",
                "2024-12-31",
                "--format",
                "json",
            ]
        )
        == 0
    )
    rows = {r["code"]: r for r in json.loads(capsys.readouterr().out)["rows"]}
    assert (rows["inspections"]["now"], rows["inspections"]["previous"]) == (3, 1)
    assert rows["inspections"]["ratio"] == "×3"
    assert rows["units_covered"]["now"] == 3
    assert rows["findings_discipline"]["now"] == 3
    assert rows["actions_overdue"]["now"] == 3
    assert main(["inspections", "stats", "--period", "2024-H1", "--today", "2024-12-31"]) == 0
    out = capsys.readouterr().out
    assert "6 tháng đầu năm 2024" in out and "×3" in out


@pytest.mark.django_db(transaction=True)
def test_reminders_then_escalation_each_sent_once(capsys: pytest.CaptureFixture[str]) -> None:
    w = build_world()
    insp = services.create_inspection(
        None, kind="periodic", unit=w.x1, date=D(2024, 2, 1), team=[w.alice]
    )
    walk(insp)
    f = services.record_finding(
        None, insp, category="publicity", severity="reminder", description="Chưa niêm yết"
    )
    conclude(insp)
    services.raise_action(None, f, description="Niêm yết TTHC", deadline=D(2024, 2, 19))
    done = services.raise_action(
        None, f, description="Sửa nội quy", deadline=D(2024, 2, 19), report_required=False
    )
    services.report_done(None, done, "Đã sửa")
    Notice.objects.all().delete()
    mail.outbox.clear()
    # 3 working days before Mon 19 Feb 2024 is Wed 7 Feb (Tết 8–14 Feb in between)
    assert main(["inspections", "remind", "--today", "2024-02-06"]) == 0
    assert not ReminderSent.objects.exists()
    assert main(["inspections", "remind", "--today", "2024-02-07"]) == 0
    assert main(["inspections", "remind", "--today", "2024-02-16"]) == 0  # not again
    assert list(ReminderSent.objects.values_list("kind", flat=True)) == ["reminder"]
    assert [n.user for n in Notice.objects.all()] == [w.head_x1]
    assert main(["inspections", "remind", "--today", "2024-02-20"]) == 0
    assert main(["inspections", "remind", "--today", "2024-02-21"]) == 0
    escalated = Notice.objects.filter(subject__startswith="Quá hạn")
    assert {n.user for n in escalated} == {w.steering, w.head_x1, w.alice}
    assert escalated.count() == 3
    assert any("steering@example.gov.vn" in m.to for m in mail.outbox)
    out = capsys.readouterr().out
    assert "0 nhắc hạn" in out.splitlines()[-1]
    # The action reported done is neither reminded nor escalated.
    assert not ReminderSent.objects.filter(action=done).exists()
