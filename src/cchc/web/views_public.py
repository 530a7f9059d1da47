"""The public transparency page (công khai): on-time rates per unit, aggregates only.

No login. Never a dossier code, an applicant or an officer: only counts and rates per unit,
and units with too few dossiers are not shown (a rate over 3 dossiers could point at a person).
In either unit view (as was / as is); the threshold applies to the units shown. Feature apps add
their own aggregates for the same period and view (public_sections.py: the citizens' satisfaction
and feedback).
"""

from __future__ import annotations

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from cchc.analytics.freshness import current_source
from cchc.core import clock
from cchc.dossiers.summary import regroup, total_of
from cchc.web.figure_source import summaries
from cchc.web.figures import MIN_DOSSIERS_RANKED, as_of_context
from cchc.web.periods import default_period, form_query, period_from_query
from cchc.web.public_sections import public_sections
from cchc.web.unit_frames import frame_of, page_view, view_context


@require_GET
def public_page(request: HttpRequest) -> HttpResponse:
    today = clock.today()
    try:
        period = period_from_query(form_query(request.GET), None, today)
    except ValueError as exc:
        messages.error(request, str(exc))
        period = default_period(None, today)
    frame = frame_of(page_view(request), period, today)
    source = current_source()
    rows = regroup(summaries(source, period, ["unit"], None)["unit"], frame)
    shown = sorted(
        (r for r in rows if r.dossiers >= MIN_DOSSIERS_RANKED),
        key=lambda r: (-(r.on_time_rate or 0.0), r.group_name),
    )
    context = {
        "period": period,
        "period_value": request.GET.get("period", "") or period.label,
        "from_value": request.GET.get("from", ""),
        "to_value": request.GET.get("to", ""),
        "extra_fields": [("view", frame.view.slug)],
        "rows": shown,
        "total": total_of(rows),
        "hidden_units": len(rows) - len(shown),
        "min_shown": MIN_DOSSIERS_RANKED,
        "public_sections": public_sections(period, frame),
        **as_of_context(source),
        **view_context(request, frame),
    }
    return render(request, "web/public.html", context)
