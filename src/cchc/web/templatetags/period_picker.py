"""`{% period_picker %}`: the choices of the period form, from the page's period context."""

from __future__ import annotations

from typing import Any

from django import template

from cchc.core import clock
from cchc.web.period_picker import (
    code_label,
    first_data_year,
    options_html,
    selected_code,
    spoken,
)

register = template.Library()


@register.simple_tag(takes_context=True)
def period_picker(context: Any) -> dict[str, Any]:
    """`groups` of choices, the `selected` code, the period `spoken` as people say it."""
    today = clock.today()
    selected = selected_code(
        str(context.get("period_value", "")),
        str(context.get("from_value", "")),
        str(context.get("to_value", "")),
    )
    period = context.get("period")
    return {
        "options": options_html(today, first_data_year(today), selected),
        "selected": selected,
        "spoken": spoken(period) if period is not None else "",
    }


@register.filter
def period_name(code: str) -> str:
    """{{ run.period_label|period_name }}: "2024-H1" → "6 tháng đầu năm 2024", "last-6m" →
    "6 tháng gần nhất" (period_picker.code_label); a code it does not know is shown as is."""
    return code_label(str(code))
