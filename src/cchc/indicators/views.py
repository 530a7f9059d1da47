"""Indicator pages: rankings, a unit's scorecard with trends, drill-down to the dossiers.

Thin: read the period and the caller's Scope (cchc.web.access), call web_data, render.
A unit outside the caller's scope answers 404, as on the web app's unit page.
"""

from __future__ import annotations

import datetime as dt
from typing import Any
from urllib.parse import urlencode

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext

from cchc.core.models import Unit
from cchc.core.unit_views import UnitFrame, UnitView, structure_day
from cchc.core.units import names_on
from cchc.dossiers.late_names import procedure_names
from cchc.dossiers.periods import Period
from cchc.dossiers.rulebook.version import RULES_VERSION
from cchc.indicators.compute import ExplainRow, ItemRow, explain
from cchc.indicators.counted import ELEMENT_NAMES, STATE_NAMES, Counted, counted
from cchc.indicators.scorecard import scorecard
from cchc.indicators.web_data import min_ranked, ranking, trend
from cchc.indicators.weights import catalogue_for
from cchc.web.access import role_required, scope_of
from cchc.web.page_header import page_period
from cchc.web.scope import Scope
from cchc.web.unit_frames import page_view, view_context

DRILL_ROWS_SHOWN = 500


def _view_context(request: HttpRequest, view: UnitView, period: Period) -> dict[str, Any]:
    """The toggle and the statement: the view and its day (the computation rolls units up
    itself, so the page builds no roll-up map of its own)."""
    return view_context(request, UnitFrame(view, structure_day(view, period.end)))


def _context(request: HttpRequest, period: Period) -> dict[str, Any]:
    return {
        "period": period,
        "period_value": request.GET.get("period", "") or period.label,
        "from_value": request.GET.get("from", ""),
        "to_value": request.GET.get("to", ""),
    }


def _visible_unit(request: HttpRequest, code: str, period: Period) -> tuple[Unit, Scope]:
    scope = scope_of(request, period.end)
    unit = Unit.objects.filter(code=code).first()
    # Outside the caller's scope looks the same as unknown: no hint that the unit exists.
    if unit is None or not scope.can_see_unit(code):
        raise Http404("Không tìm thấy đơn vị (unit not found)")
    return unit, scope


@role_required()
def rankings_page(request: HttpRequest) -> HttpResponse:
    scope = scope_of(request)
    period = page_period(request, scope)
    scope = scope_of(request, period.end)
    minimum = min_ranked(request.GET.get("min"))
    view = page_view(request)
    ranked = ranking(period, scope.unit_codes, minimum, view=view)
    context = {**_context(request, period), "ranking": ranked, "scope": scope,
               **_view_context(request, view, period),
               "extra_fields": [("min", str(minimum))]}  # fmt: skip
    return render(request, "indicators/rankings.html", context)


@role_required()
def scorecard_page(request: HttpRequest, code: str) -> HttpResponse:
    period = page_period(request, scope_of(request))
    unit, _ = _visible_unit(request, code, period)
    view = page_view(request)
    card = scorecard(code, period, as_is=view == UnitView.AS_IS)
    chart = trend(code, period, view=view)
    context = {
        **_context(request, period),
        **_view_context(request, view, period),
        "unit": unit,
        "card": card,
        "chart": chart,
        "counted": counted_by_code(period),
        "trend_rows": list(zip(chart["labels"], chart["total"], chart["on_time"], strict=False)),
        # the store's moment and rules version, shown as on every page (web/_as_of.html)
        "data_as_of": dt.datetime.fromisoformat(card.data_as_of) if card.data_as_of else None,
        "rules_version": card.rules_version,
        "rules_current": RULES_VERSION,
    }
    return render(request, "indicators/scorecard.html", context)


@role_required()
def drilldown_page(request: HttpRequest, code: str, indicator: str) -> HttpResponse:
    period = page_period(request, scope_of(request))
    unit, scope = _visible_unit(request, code, period)
    view = page_view(request)
    try:
        ind, found = explain(indicator, period, code, view=view)
    except KeyError as exc:
        raise Http404("Không có chỉ số (unknown indicator)") from exc
    # explain() covers the unit and the units below it; cut to the scope all the same.
    rows: list[ExplainRow | ItemRow] = [r for r in found if scope.can_see_unit(r.unit_code)]
    what = counted(ind)
    shown = rows[:DRILL_ROWS_SHOWN]
    units = names_on(period.end)
    procedures = procedure_names(r.procedure_code for r in shown)
    context = {
        **_context(request, period),
        **_view_context(request, view, period),
        "unit": unit,
        "indicator": ind,
        # each row with its unit's name on the period's end and its procedure's name
        # (a survey answer's third cell: its question's name; a feedback item's: its state's)
        "rows": [(r, units.get(r.unit_code, ""), _third(r, procedures)) for r in shown],
        "total_rows": len(rows),
        "in_numerator": sum(r.in_numerator for r in rows),
        "in_denominator": sum(r.in_denominator for r in rows),
        "counted": what,
        "late_list_href": late_list_href(what, code, period.label, view.slug),
        # a complement indicator's scorecard shows denominator − numerator (counted.py)
        "scored_numerator": sum(r.in_denominator and not r.in_numerator for r in rows),
        "shown_max": DRILL_ROWS_SHOWN,
    }
    return render(request, "indicators/drilldown.html", context)


def _third(row: ExplainRow | ItemRow, procedures: dict[str, str]) -> str:
    """A dossier's procedure name; a survey answer's question (element) name; a feedback item's
    state name."""
    if isinstance(row, ItemRow):
        names, key = (ELEMENT_NAMES, row.element) if row.element else (STATE_NAMES, row.state)
        return gettext(names[key]) if key in names else (key or "")
    return procedures.get(row.procedure_code, "")


def counted_by_code(period: Period) -> dict[str, Counted]:
    """What each indicator of the period's catalogue counts (counted.py), by code."""
    return {i.code: counted(i) for i in catalogue_for(period.end).indicators}


def late_list_href(what: Counted, unit_code: str, period_label: str, view_slug: str) -> str:
    """The late list holding the numerator's dossiers, or "" when none asks the same question."""
    if what.late_list is None:
        return ""
    query = {"unit": unit_code, **what.late_list, "period": period_label, "view": view_slug}
    return "/ho-so-tre-han/?" + urlencode(query)
