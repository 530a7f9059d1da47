"""A unit's page: its figures and those of the units under it, in the view asked for.

As was, the unit counts the dossiers of itself and the units below it at the period's end; as is,
those of today's unit with every old unit rolled onto it (`UnitFrame.members`). A unit that did
not exist in the period (or, as is, no longer exists) gets an explanation, not zeros.
"""

from __future__ import annotations

from urllib.parse import urlencode

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render

from cchc.analytics.freshness import current_source
from cchc.core.models import Unit
from cchc.core.unit_views import UnitView
from cchc.core.units import UnknownUnit, names_on, unit_on
from cchc.dossiers.late import FLAGS
from cchc.web.access import role_required, scope_of
from cchc.web.figures import flag_counts, period_figures
from cchc.web.page_header import page_header
from cchc.web.unit_life import unit_life


@role_required()
def unit_page(request: HttpRequest, code: str) -> HttpResponse:
    header = page_header(request)
    period, scope, frame = header.period, header.viewer, header.frame
    unit = Unit.objects.filter(code=code).first()
    current = scope_of(request, frame.day) if frame.view == UnitView.AS_IS else scope
    # Outside the caller's scope looks the same as unknown: no hint that the unit exists.
    if unit is None or not (scope.can_see_unit(code) or current.can_see_unit(code)):
        raise Http404("Không tìm thấy đơn vị (unit not found)")
    names = names_on(frame.day)
    then = unit_on(code, frame.day)  # its name, kind and parent on the frame's day
    can_see = (
        None if scope.unit_codes is None else set(scope.unit_codes | (current.unit_codes or set()))
    )
    life = unit_life(unit, period, frame, names, can_see)
    source = current_source()
    context = {
        **header.context(request, source),
        "unit": unit,
        "unit_then": then,
        "parent_name": _parent_name(then.parent_id, names),
        "life": life,
    }
    if life.shows_figures:
        try:
            members = frame.members(code)
        except UnknownUnit as exc:
            raise Http404(str(exc)) from exc
        allowed = scope.restrict(members)
        figures = period_figures(
            period, allowed, source=source, frame=frame, visible=scope.unit_codes, names=names
        )
        context.update(
            figures=figures,
            chart=figures.monthly_chart(),
            sub_units=[r for r in figures.units if r.group_code != code] or figures.units,
            sectors_late=sorted(
                (r for r in figures.sectors if r.late + r.open_overdue > 0),
                key=lambda r: -(r.late + r.open_overdue),
            ),
            flags=[
                (k, FLAGS[k], n, flag_list_href(code, k, period.label, frame.view.slug))
                for k, n in flag_counts(period, allowed, source).items()
            ],
            linkable=can_see,
        )
    return render(request, "web/unit.html", context)


def _parent_name(parent_id: int | None, names: dict[str, str]) -> str:
    if parent_id is None:
        return ""
    parent = Unit.objects.filter(pk=parent_id).values_list("code", flat=True).first()
    return names.get(parent, "") if parent else ""


def flag_list_href(unit_code: str, flag: str, period_label: str, view_slug: str) -> str:
    """The late list of the unit's dossiers in the period with `flag` (rules.FLAG_COUNTS, the
    same dossiers the unit page counts), in the page's view."""
    query = {"unit": unit_code, "flag": flag, "period": period_label, "view": view_slug}
    return "/ho-so-tre-han/?" + urlencode(query)
