"""Reporting periods as users write them."""

from __future__ import annotations

import datetime as dt

import pytest

from cchc.dossiers.periods import parse_period, period_from_dates, resolve_period

D = dt.date


@pytest.mark.parametrize(
    ("text", "start", "end"),
    [
        ("2023", D(2023, 1, 1), D(2023, 12, 31)),
        ("2023-H1", D(2023, 1, 1), D(2023, 6, 30)),
        ("2023-h2", D(2023, 7, 1), D(2023, 12, 31)),
        ("2023-Q3", D(2023, 7, 1), D(2023, 9, 30)),
        ("2024-02", D(2024, 2, 1), D(2024, 2, 29)),
    ],
)
def test_period_labels(text: str, start: dt.date, end: dt.date) -> None:
    period = parse_period(text)
    assert (period.start, period.end) == (start, end)


@pytest.mark.parametrize("bad", ["2023-H3", "2023-13", "23", "2023-Q5", "last year"])
def test_bad_periods_are_refused_in_both_languages(bad: str) -> None:
    with pytest.raises(ValueError, match=r"Kỳ không hợp lệ.*invalid period"):
        parse_period(bad)


def test_same_period_last_year() -> None:
    prev = parse_period("2024-02").previous_year()
    assert (prev.start, prev.end, prev.label) == (D(2023, 2, 1), D(2023, 2, 28), "2023-02")
    assert parse_period("2023-H1").previous_year().label == "2022-H1"
    leap = parse_period("2025-02").previous_year()  # a month's end stays one: 28/02 → 29/02
    assert (leap.start, leap.end) == (D(2024, 2, 1), D(2024, 2, 29))
    custom = period_from_dates(D(2024, 2, 29), D(2024, 3, 10)).previous_year()
    assert (custom.start, custom.end) == (D(2023, 2, 28), D(2023, 3, 10))


def test_months_of_a_period() -> None:
    months = parse_period("2023-Q3").months()
    assert [m.label for m in months] == ["2023-07", "2023-08", "2023-09"]
    across = period_from_dates(D(2023, 12, 15), D(2024, 2, 10)).months()
    assert [(m.start, m.end, m.label) for m in across] == [
        (D(2023, 12, 15), D(2023, 12, 31), "2023-12"),
        (D(2024, 1, 1), D(2024, 1, 31), "2024-01"),
        (D(2024, 2, 1), D(2024, 2, 10), "2024-02"),
    ]


def test_explicit_dates_and_their_errors() -> None:
    period = resolve_period(None, "01/03/2024", "2024-03-31")
    assert (period.start, period.end) == (D(2024, 3, 1), D(2024, 3, 31))
    with pytest.raises(ValueError, match="trước ngày bắt đầu"):
        period_from_dates(D(2024, 3, 2), D(2024, 3, 1))
    with pytest.raises(ValueError, match="either --period"):
        resolve_period("2023", "2023-01-01", None)
    with pytest.raises(ValueError, match="give --period"):
        resolve_period(None, "2023-01-01", None)


TODAY = D(2026, 12, 5)  # a Saturday; 2026-H2 is running


def test_a_running_period_is_compared_with_the_same_elapsed_part_of_last_year() -> None:
    h2 = parse_period("2026-H2")
    before = h2.previous_year_to(TODAY)
    assert (before.start, before.end) == (D(2025, 7, 1), D(2025, 12, 5))
    ended = parse_period("2026-H1").previous_year_to(TODAY)  # over: the whole of 2025-H1
    assert (ended.start, ended.end, ended.label) == (D(2025, 1, 1), D(2025, 6, 30), "2025-H1")
    on_its_last_day = h2.previous_year_to(D(2026, 12, 31))
    assert on_its_last_day.label == "2025-H2"
    leap = parse_period("2028-Q1").previous_year_to(D(2028, 2, 29))
    assert (leap.start, leap.end) == (D(2027, 1, 1), D(2027, 2, 28))


@pytest.mark.parametrize(
    ("code", "start", "end", "display"),
    [
        ("this-month", D(2026, 12, 1), D(2026, 12, 31), "Tháng này (12/2026)"),
        ("last-6m", D(2026, 7, 1), D(2026, 12, 31), "6 tháng gần nhất (07/2026 – 12/2026)"),
        ("LAST-12M", D(2026, 1, 1), D(2026, 12, 31), "12 tháng gần nhất (01/2026 – 12/2026)"),
        ("this-year", D(2026, 1, 1), D(2026, 12, 31), "Năm nay (2026)"),
    ],
)
def test_relative_periods_count_from_today(
    code: str, start: dt.date, end: dt.date, display: str
) -> None:
    period = resolve_period(code, None, None, TODAY)
    assert (period.start, period.end, period.display) == (start, end, display)


def test_last_six_months_reach_into_last_year_in_spring() -> None:
    period = resolve_period("last-6m", None, None, D(2026, 3, 31))
    assert (period.start, period.end) == (D(2025, 10, 1), D(2026, 3, 31))
    with pytest.raises(ValueError, match="Kỳ không hợp lệ"):  # no day to count from
        resolve_period("last-6m", None, None)


@pytest.mark.parametrize(("code", "starts"), [("2027", "01/01/2027"), ("2030-H2", "01/07/2030")])
def test_a_period_that_has_not_begun_is_refused(code: str, starts: str) -> None:
    with pytest.raises(ValueError, match=rf"chưa bắt đầu \(bắt đầu ngày {starts}.*not begun"):
        resolve_period(code, None, None, TODAY)
    with pytest.raises(ValueError, match="chưa bắt đầu"):
        resolve_period(None, "2026-12-06", "2026-12-31", TODAY)
    assert resolve_period("2026-12", None, None, TODAY).label == "2026-12"  # running: fine
    assert resolve_period(code, None, None).label == code  # without a day: not judged
