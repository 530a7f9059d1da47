"""What every figure page settles before its figures: the period and the unit view asked for in
the query string, the caller's scope as of the period's end, and what the header says about them
(the period form, the view toggle and statement, a unit head's notice when his unit did not exist
on that day)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.contrib import messages
from django.http import HttpRequest

from cchc.analytics.freshness import Source
from cchc.core import clock
from cchc.core.models import Role, Unit
from cchc.core.unit_views import UnitFrame
from cchc.dossiers.periods import Period
from cchc.web.access import profile_of, scope_of
from cchc.web.figures import as_of_context
from cchc.web.lineage_access import OwnUnitNotice, own_unit_notice
from cchc.web.periods import default_period, form_query, period_from_query
from cchc.web.scope import Scope
from cchc.web.unit_frames import frame_of, page_view, view_context


@dataclass(frozen=True)
class PageHeader:
    period: Period
    frame: UnitFrame
    viewer: Scope  # the caller's scope as of the period's end
    own_unit: OwnUnitNotice | None

    def context(self, request: HttpRequest, source: Source | None = None) -> dict[str, Any]:
        return {
            "period": self.period,
            "period_value": request.GET.get("period", "") or self.period.label,
            "from_value": request.GET.get("from", ""),
            "to_value": request.GET.get("to", ""),
            "extra_fields": [("view", self.frame.view.slug)],
            **as_of_context(source),
            "from_store": source.from_store if source else False,
            **view_context(request, self.frame),
            "own_unit": self.own_unit,
            "scope": self.viewer,
        }


def page_period(request: HttpRequest, scope: Scope) -> Period:
    """The period asked for; a bad one is explained and the default shown instead."""
    today = clock.today()
    try:
        return period_from_query(form_query(request.GET), scope.unit_codes, today)
    except ValueError as exc:
        messages.error(request, str(exc))
        return default_period(scope.unit_codes, today)


def own_unit(request: HttpRequest) -> Unit | None:
    """A unit head's unit (others: None; they see every unit, theirs is no notice's business)."""
    profile = profile_of(request)
    return profile.unit if profile is not None and profile.role == Role.UNIT_HEAD else None


def page_header(request: HttpRequest) -> PageHeader:
    period = page_period(request, scope_of(request))
    scope = scope_of(request, period.end)
    notice = own_unit_notice(own_unit(request), period.end)
    return PageHeader(period, frame_of(page_view(request), period), scope, notice)
