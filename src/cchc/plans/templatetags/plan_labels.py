"""{{ target|measured }}: what a target measures, in words with its code (target_labels)."""

from __future__ import annotations

from django import template
from django.utils.translation import get_language

from cchc.plans.models_plans import Target
from cchc.plans.target_labels import measured_label

register = template.Library()


@register.filter
def measured(target: Target) -> str:
    return measured_label(target, get_language() or "vi")
