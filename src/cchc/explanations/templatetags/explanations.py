"""`{% finding_explanations finding %}`: a finding's explanations on the inspection page, with a
link to write one for the unit it is about (the inspections app's template loads this; the
inspections code imports nothing of this app)."""

from __future__ import annotations

from typing import Any

from django import template

from cchc.core import clock
from cchc.explanations.permissions import can_write_finding
from cchc.explanations.queries import explanations_of
from cchc.inspections.models import Finding

register = template.Library()


@register.inclusion_tag("explanations/_finding.html", takes_context=True)
def finding_explanations(context: dict[str, Any], finding: Finding) -> dict[str, Any]:
    user = context["request"].user
    return {
        "finding": finding,
        "explanations": list(explanations_of(finding=finding)),
        "can_write": can_write_finding(user, finding, clock.today()),
    }
