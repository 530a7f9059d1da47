"""Vietnamese numbers, rates and dates (the one formatter): expected strings written by hand."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from cchc.core.vn_format import vn_date, vn_datetime, vn_number, vn_percent, vn_points


def test_numbers_use_dots_for_thousands() -> None:
    assert vn_number(1234567) == "1.234.567"
    assert vn_number(999) == "999"
    assert vn_number(1000) == "1.000"
    assert vn_number(0) == "0"
    assert vn_number(-1234) == "-1.234"
    assert vn_number(None) == "–"
    assert vn_number(Decimal("2500")) == "2.500"
    assert vn_number(1234567, lang="en") == "1,234,567"


def test_decimals_use_a_comma() -> None:
    assert vn_number(12.5, 1) == "12,5"
    assert vn_number(12.345, 2) == "12,35"
    assert vn_number(1234.5, 1) == "1.234,5"
    assert vn_number(7, 1) == "7,0"
    assert vn_number(1234.5, 1, "en") == "1,234.5"
    assert vn_number(12.5) == "12"  # no decimals asked: rounded half to even
    assert vn_number(13.5) == "14"


def test_trimmed_numbers_drop_trailing_zeros() -> None:
    assert vn_number(1.5, 1, trim=True) == "1,5"
    assert vn_number(3.0, 1, trim=True) == "3"
    assert vn_number(2.96, 1, trim=True) == "3"
    assert vn_number(1000.0, 1, trim=True) == "1.000"


def test_changes_are_signed() -> None:
    assert vn_number(1234, signed=True) == "+1.234"
    assert vn_number(-5, signed=True) == "−5"
    assert vn_number(0, signed=True) == "±0"
    assert vn_number(-0.04, 1, signed=True) == "±0,0"  # rounds to zero: no direction


def test_rates_are_percentages_with_a_decimal_comma() -> None:
    assert vn_percent(0.935) == "93,5%"
    assert vn_percent(1.0) == "100,0%"
    assert vn_percent(0.0) == "0,0%"
    assert vn_percent(0.8, 0) == "80%"
    assert vn_percent(None) == "–"
    assert vn_percent(0.935, lang="en") == "93.5%"


def test_changes_of_a_rate_are_signed_points() -> None:
    assert vn_points(0.021) == "+2,1"
    assert vn_points(-0.1234) == "−12,3"
    assert vn_points(0.0) == "±0,0"
    assert vn_points(None) == "–"
    assert vn_points(0.021, lang="en") == "+2.1"


def test_dates_are_day_month_year() -> None:
    assert vn_date(dt.date(2024, 3, 7)) == "07/03/2024"
    assert vn_date(dt.datetime(2024, 12, 31, 23, 59)) == "31/12/2024"
    assert vn_date(None) == ""
    assert vn_datetime(dt.datetime(2024, 3, 7, 8, 5)) == "07/03/2024 08:05"
    assert vn_datetime(None) == ""


def test_a_stored_moment_shows_in_local_time_without_its_offset() -> None:
    from cchc.core.vn_format import vn_moment

    assert vn_moment("2026-12-05T19:01:22.792720+00:00") == "06/12/2026 02:01"
    assert vn_moment("2024-06-30T09:00:00+07:00") == "30/06/2024 09:00"
    assert vn_moment(None) == "—" and vn_moment("") == "—"
    assert vn_moment("not a moment") == "not a moment"
