"""Template helpers of the paper-entry form: the typed value of a field, its error beside it."""

from __future__ import annotations

from collections.abc import Mapping

from django import template
from django.utils.html import format_html
from django.utils.safestring import SafeString

register = template.Library()


@register.simple_tag
def typed_value(typed: Mapping[str, str], name: str) -> str:
    return str(typed.get(name, ""))


@register.simple_tag
def field_error(errors: Mapping[str, str], name: str) -> SafeString | str:
    message = errors.get(name)
    if not message:
        return ""
    return format_html('<p class="error" id="f-{}-error">{}</p>', name, message)
