"""A running period against the same days of last year, and periods that have not begun.

Today is fixed at Saturday 05/12/2026 (cchc.core.clock.today), with data as of that day: 2026-H2
is running. One commune, X1, with dossiers worked by hand:

  this year (2026-H2, judged on 05/12/2026)       last year (2025-H2)
  A 06/07 → 15/07 early                            D 07/07 → 10/07 early
  B 02/11 → 20/11 late (deadline 16/11)            E 01/12 → 04/12 late (deadline 03/12)
  C 01/12, open, deadline 15/12: in time           G 20/11 → 20/12 late (deadline 02/12)
                                                   F 08/12 → 10/12 early
                                                   H 10/12 → 29/12 on time (deadline 30/12)

Up to 05/12/2025, G was open and overdue; F and H had not been received. So the same elapsed part
of last year (01/07–05/12/2025) holds D, E, G: 3 dossiers, 1 finished late, 1 open overdue,
on time 1/3 = 33,3%. All of 2025-H2 would be 5 dossiers, 2 late, on time 3/5 = 60,0%.
This year: 3 dossiers, 1 late, on time 2/3 = 66,7%.
"""

from __future__ import annotations

import datetime as dt
import json

import pytest
from django.test import Client
from django.utils import timezone

from cchc.analytics.freshness import current_source
from cchc.cli import main
from cchc.core.models import ImportBatch
from cchc.dossiers.periods import parse_period
from cchc.web.figures import period_figures
from tests.web.running_world import TODAY


def test_a_running_half_year_is_compared_with_the_same_days_of_last_year(
    steering_dec_2026: Client,
) -> None:
    figures = period_figures(parse_period("2026-H2"), None, TODAY)
    before = figures.previous
    assert (before.start, before.end) == (dt.date(2025, 7, 1), dt.date(2025, 12, 5))
    assert figures.running_to == TODAY
    then = figures.total_before
    assert (then.dossiers, then.late, then.open_overdue) == (3, 1, 1)
    assert then.on_time_rate == pytest.approx(1 / 3)
    now = figures.total
    assert (now.dossiers, now.late, now.open_overdue) == (3, 1, 0)
    changes = {c.label: c.change for c in figures.compare}
    assert changes["Hồ sơ"] == 0  # not 3 − 5
    assert changes["Tỷ lệ đúng hạn"] == pytest.approx(2 / 3 - 1 / 3)  # up, not 66,7 − 60,0


def test_the_page_says_to_which_day_and_marks_the_running_month(
    steering_dec_2026: Client,
) -> None:
    page = steering_dec_2026.get("/?period=2026-H2").content.decode()
    assert 'Cùng kỳ năm trước <span class="running">(đến ngày 05/12/2025)</span>: 33,3%' in page
    assert "so với 01/07/2025 – 05/12/2025" in page
    assert "Tháng 12/2026 (đến 05/12)" in page or "2026-12 (đến 05/12)" in page
    chart = json.loads(page.split('id="chart-monthly" type="application/json">')[1].split("<")[0])
    assert chart["labels"][-1] == "12/2026 (đến 05/12)"
    assert [label for label in chart["labels"] if "đến" in label] == [chart["labels"][-1]]


def test_an_ended_period_is_compared_with_all_of_last_year(
    steering_dec_2026: Client,
) -> None:
    page = steering_dec_2026.get("/?period=2025-H2").content.decode()
    assert 'class="running"' not in page and "(đến " not in page
    assert "so với 01/07/2024 – 31/12/2024" in page
    figures = period_figures(parse_period("2025-H2"), None, TODAY)
    assert figures.running_to is None and figures.total.dossiers == 5


def test_last_year_stops_at_the_last_import_when_it_is_older_than_today(
    steering_dec_2026: Client,
) -> None:
    # 06:30 on 01/12 in the province is still 30/11 in UTC: the province's day counts
    ImportBatch.objects.update(finished_at=timezone.make_aware(dt.datetime(2026, 12, 1, 6, 30)))
    figures = period_figures(parse_period("2026-H2"), None, TODAY, source=current_source())
    assert figures.previous.end == dt.date(2025, 12, 1)
    then = figures.total_before  # on Monday 01/12/2025: D early; E and G open, not yet overdue
    assert (then.dossiers, then.early, then.late, then.open_overdue) == (3, 1, 0, 0)
    # G (deadline Tue 02/12) had 1 working day left: due soon; E (Wed 03/12) had 2: in time
    assert (then.open_due_soon, then.open_in_time) == (1, 1)


@pytest.mark.parametrize("code", ["2027", "2030-Q1"])
def test_a_period_that_has_not_begun_is_refused_everywhere(
    steering_dec_2026: Client, code: str, capsys: pytest.CaptureFixture[str]
) -> None:
    page = steering_dec_2026.get(f"/?period={code}").content.decode()
    assert "chưa bắt đầu" in page
    assert "6 tháng đầu năm 2026" in page  # the default period instead
    api = steering_dec_2026.get(f"/api/dossiers/summary?period={code}")
    assert api.status_code == 400 and "chưa bắt đầu" in api.json()["detail"]
    as_of = ["--as-of", TODAY.isoformat()]
    assert main(["dossiers", "summary", "--period", code, *as_of]) == 1
    assert "chưa bắt đầu" in capsys.readouterr().err
    assert main(["dossiers", "summary", "--period", "2026-H2", *as_of]) == 0
