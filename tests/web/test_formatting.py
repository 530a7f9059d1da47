"""The template filters format through cchc.core.vn_format in the page's language."""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

from django.template import Context, Template
from django.utils import translation

FILTERS = Template(
    "{% load vn %}{{ n|vn_number }} {{ s|vn_number:1 }} {{ r|vn_rate }} {{ p|vn_points }} "
    "{{ c|vn_change }} {{ d|vn_date }} {{ t|vn_datetime }} [{{ none|vn_number }}]"
)
VALUES = {
    "n": 1234567,
    "s": 12.34,
    "r": 0.935,
    "p": -0.021,
    "c": 12,
    "d": dt.date(2024, 3, 7),
    "t": dt.datetime(2024, 3, 7, 1, 30, tzinfo=ZoneInfo("UTC")),  # 08:30 in Hồ Chí Minh City
    "none": None,
}


def test_vietnamese_pages_use_dots_for_thousands_and_a_decimal_comma() -> None:
    with translation.override("vi"):
        shown = FILTERS.render(Context(VALUES))
    assert shown == "1.234.567 12,3 93,5% −2,1 +12 07/03/2024 07/03/2024 08:30 [–]"


def test_english_pages_use_commas_for_thousands_and_dates_stay_day_first() -> None:
    with translation.override("en"):
        shown = FILTERS.render(Context(VALUES))
    assert shown == "1,234,567 12.3 93.5% −2.1 +12 07/03/2024 07/03/2024 08:30 [–]"
