"""Calendar months and years added to dates (python-dateutil), on worked cases."""

from __future__ import annotations

import datetime as dt

from cchc.core.months import add_months, add_years, month_end


def test_a_day_the_target_month_lacks_becomes_its_last_day() -> None:
    assert add_months(dt.date(2024, 8, 31), 6) == dt.date(2025, 2, 28)
    assert add_months(dt.date(2023, 8, 31), 6) == dt.date(2024, 2, 29)  # leap year
    assert add_months(dt.date(2024, 8, 31), -6) == dt.date(2024, 2, 29)
    assert add_months(dt.date(2024, 3, 31), 1) == dt.date(2024, 4, 30)


def test_months_cross_years() -> None:
    assert add_months(dt.date(2024, 12, 15), 1) == dt.date(2025, 1, 15)
    assert add_months(dt.date(2024, 1, 15), -1) == dt.date(2023, 12, 15)
    assert add_months(dt.date(2024, 5, 1), 24) == dt.date(2026, 5, 1)


def test_29_february_plus_a_year_is_28_february() -> None:
    assert add_years(dt.date(2024, 2, 29), 1) == dt.date(2025, 2, 28)
    assert add_years(dt.date(2024, 2, 29), -1) == dt.date(2023, 2, 28)
    assert add_years(dt.date(2024, 2, 29), 4) == dt.date(2028, 2, 29)
    assert add_years(dt.date(2023, 7, 1), 3) == dt.date(2026, 7, 1)


def test_month_ends() -> None:
    assert month_end(dt.date(2024, 2, 10)) == dt.date(2024, 2, 29)
    assert month_end(dt.date(2025, 2, 1)) == dt.date(2025, 2, 28)
    assert month_end(dt.date(2024, 4, 30)) == dt.date(2024, 4, 30)
    assert month_end(dt.date(2024, 12, 1)) == dt.date(2024, 12, 31)
