"""Figures of external indices as the page shows them: values with the 4 decimals PAPI publishes,
gaps signed with 2, and where each figure comes from."""

from __future__ import annotations

from decimal import Decimal

from django import template
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from cchc.core import vn_format

register = template.Library()


def _lang() -> str:
    return get_language() or "vi"


@register.filter
def idx_value(value: Decimal | None) -> str:
    return vn_format.vn_number(value, 4, _lang())


@register.filter
def idx_short(value: Decimal | None) -> str:
    return vn_format.vn_number(value, 2, _lang())


@register.filter
def idx_gap(value: Decimal | None) -> str:
    return vn_format.vn_number(value, 2, _lang(), signed=True)


@register.filter
def idx_max(value: Decimal | None) -> str:
    return vn_format.vn_number(value, 0, _lang()) if value is not None else ""


@register.filter
def origin_label(origin: str) -> str:
    labels = {"read": _("đọc từ nguồn"), "computed": _("tính từ số liệu")}
    return labels.get(origin, origin)


@register.filter
def lookup(mapping: dict[str, str], key: str) -> str:
    return mapping.get(key, key)
