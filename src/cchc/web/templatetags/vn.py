"""Template filters for Vietnamese number, rate and date formatting (see cchc.web.formatting)."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from django import template
from django.utils import timezone
from django.utils.translation import get_language

from cchc.web import formatting

register = template.Library()


def _lang() -> str:
    return get_language() or "vi"


@register.filter
def vn_number(value: int | float | Decimal | None) -> str:
    return formatting.format_number(value, _lang())


@register.filter
def vn_rate(value: float | None) -> str:
    return formatting.format_rate(value, _lang())


@register.filter
def vn_points(value: float | None) -> str:
    return formatting.format_change_points(value, _lang())


@register.filter
def vn_change(value: int | None) -> str:
    return formatting.format_change_count(value, _lang())


@register.filter
def vn_date(value: dt.date | dt.datetime | None) -> str:
    if isinstance(value, dt.datetime) and timezone.is_aware(value):
        value = timezone.localtime(value)
    return formatting.format_date(value)


@register.filter
def vn_datetime(value: dt.datetime | None) -> str:
    if value is not None and timezone.is_aware(value):
        value = timezone.localtime(value)
    return formatting.format_datetime(value)
