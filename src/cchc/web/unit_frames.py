"""The two unit views on the web (`cchc.core.unit_views`): read `?view=as-was|as-is`, offer the
toggle, and place summary rows on the view's units.

Every figure page, export and API answer chooses its view here and states it. As was (the
default): each dossier under the unit that handled it, on the structure of the period's end, with
the names of that day. As is: old units' counts added to today's unit that carries on their work.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from django.contrib import messages
from django.http import HttpRequest, QueryDict

from cchc.core.unit_views import VIEW_HELP, UnitFrame, UnitView, parse_view, unit_frame
from cchc.dossiers.periods import Period


def view_from_query(query: Mapping[str, str]) -> UnitView:
    """`?view=as-was|as-is` (default as-was); ValueError with a Vietnamese (English) message."""
    return parse_view(query.get("view"))


def page_view(request: HttpRequest) -> UnitView:
    """The view a page shows; a bad value is explained and the default shown."""
    try:
        return view_from_query(request.GET)
    except ValueError as exc:
        messages.error(request, str(exc))
        return UnitView.AS_WAS


def frame_of(view: UnitView, period: Period, today: dt.date | None = None) -> UnitFrame:
    return unit_frame(view, period.end, today or dt.date.today())


@dataclass(frozen=True)
class ViewChoice:
    slug: str
    label: str
    href: str
    current: bool


def view_choices(query: QueryDict, view: UnitView) -> list[ViewChoice]:
    """The toggle: the same page in each view (other parameters kept, paging restarted)."""
    choices = []
    for each in UnitView:
        params = query.copy()
        params.pop("page", None)
        params["view"] = each.slug
        choices.append(ViewChoice(each.slug, each.label, f"?{params.urlencode()}", each == view))
    return choices


def view_context(request: HttpRequest, frame: UnitFrame) -> dict[str, Any]:
    """What every figure page says about its view: the toggle and the statement."""
    return {
        "view": frame.view,
        "view_slug": frame.view.slug,
        "view_label": frame.view.label,
        "view_help": VIEW_HELP[frame.view],
        "view_day": frame.day,
        "view_choices": view_choices(request.GET, frame.view),
    }


def view_out(frame: UnitFrame) -> dict[str, Any]:
    """The view as stated in an API answer."""
    return {
        "slug": frame.view.slug,
        "label": frame.view.label,
        "structure_day": frame.day,
    }
