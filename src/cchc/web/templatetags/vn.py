"""Template filters for Vietnamese numbers, rates and dates in the page's language
(cchc.core.vn_format; aware date-times are shown in local time)."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from urllib.parse import urlencode

from django import template
from django.utils import timezone
from django.utils.translation import get_language, gettext

from cchc.core import vn_format
from cchc.dossiers.late_names import channel_label

register = template.Library()


def _lang() -> str:
    return get_language() or "vi"


def _local(value: dt.datetime) -> dt.datetime:
    return timezone.localtime(value) if timezone.is_aware(value) else value


@register.filter
def vn_number(value: int | float | Decimal | None, digits: int = 0) -> str:
    """{{ n|vn_number }} → 1.234.567; {{ score|vn_number:1 }} → 12,5."""
    return vn_format.vn_number(value, int(digits), _lang())


@register.filter
def vn_rate(value: float | None) -> str:
    return vn_format.vn_percent(value, 1, _lang())


@register.filter
def vn_points(value: float | None) -> str:
    return vn_format.vn_points(value, 1, _lang())


@register.filter
def vn_change(value: int | None) -> str:
    return vn_format.vn_number(value, 0, _lang(), signed=True)


@register.filter
def vn_date(value: dt.date | dt.datetime | None) -> str:
    if isinstance(value, dt.datetime):
        value = _local(value)
    return vn_format.vn_date(value)


@register.filter
def vn_datetime(value: dt.datetime | None) -> str:
    return vn_format.vn_datetime(None if value is None else _local(value))


@register.filter
def channel(value: str) -> str:
    """{{ r.channel|channel }}: "online" → "Trực tuyến" (English: "Online")."""
    return gettext(channel_label(value))


@register.simple_tag
def late_href(period: object, view_slug: str = "", **asked: str) -> str:
    """The late list behind a figure: {% late_href period view_slug state="open" unit=code %} →
    /ho-so-tre-han/?period=2026-H1&view=as-was&state=open&unit=X1 (empty values left out)."""
    query = {"period": getattr(period, "label", ""), "view": view_slug, **asked}
    return "/ho-so-tre-han/?" + urlencode({k: v for k, v in query.items() if v})


@register.simple_tag
def dossiers_href(period: object, view_slug: str = "", count: str = "", **asked: str) -> str:
    """The dossiers behind a figure of the summary: {% dossiers_href period view_slug
    count="ended" unit=code %} → /ho-so/?period=2026-H1&view=as-was&count=ended&unit=X1 (the
    count's dossiers: dossiers.late.COUNTS, rules.LIST_COUNTS; empty values left out)."""
    query = {"period": getattr(period, "label", ""), "view": view_slug, "count": count, **asked}
    return "/ho-so/?" + urlencode({k: v for k, v in query.items() if v})
