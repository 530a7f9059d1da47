"""Vietnamese numbers, rates and dates."""

from __future__ import annotations

import datetime as dt

from cchc.web.formatting import (
    format_change_points,
    format_date,
    format_number,
    format_rate,
)


def test_numbers_use_dots_for_thousands() -> None:
    assert format_number(1234567) == "1.234.567"
    assert format_number(0) == "0"
    assert format_number(None) == "–"
    assert format_number(1234567, "en") == "1,234,567"


def test_rates_use_a_decimal_comma() -> None:
    assert format_rate(0.935) == "93,5%"
    assert format_rate(1.0) == "100,0%"
    assert format_rate(None) == "–"
    assert format_rate(0.935, "en") == "93.5%"


def test_changes_in_points_are_signed() -> None:
    assert format_change_points(0.021) == "+2,1"
    assert format_change_points(-0.1234) == "−12,3"
    assert format_change_points(0.0) == "±0,0"


def test_dates_are_day_month_year() -> None:
    assert format_date(dt.date(2024, 3, 7)) == "07/03/2024"
    assert format_date(None) == ""
