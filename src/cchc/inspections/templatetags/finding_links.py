"""`{% finding_links finding %}`: what other apps show under a finding on the inspection page
(cchc.inspections.finding_links)."""

from __future__ import annotations

from typing import Any

from django import template

from cchc.inspections.finding_links import finding_blocks
from cchc.inspections.models import Finding

register = template.Library()


@register.inclusion_tag("inspections/_finding_links.html", takes_context=True)
def finding_links(context: dict[str, Any], finding: Finding) -> dict[str, Any]:
    request = context.get("request")
    return {"finding": finding, "blocks": finding_blocks(request, finding) if request else []}
