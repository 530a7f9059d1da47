"""Explanation pages under /giai-trinh/ (thin: read through queries.py, write through
services.py). A form is POST with CSRF; bad input re-renders the page with the typed text and the
error beside its field (status 400); success redirects (post/redirect/get)."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.http import FileResponse, Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.views.decorators.http import require_http_methods

from cchc.core import clock
from cchc.core.models import Unit
from cchc.dossiers.models import Dossier
from cchc.explanations import services
from cchc.explanations.models import Explanation
from cchc.explanations.permissions import can_write_dossier, can_write_finding, writer_unit
from cchc.explanations.queries import (
    dossier_for,
    explanations_of,
    file_for,
    finding_for,
    history,
)
from cchc.explanations.services import ExplanationError
from cchc.inspections.models import Finding
from cchc.web.access import role_required, scope_of

SAVED = "Đã lưu giải trình (explanation saved)"


def _own_text(explanations: list[Explanation], unit: Unit | None) -> str:
    mine = [e for e in explanations if unit is not None and e.unit_id == unit.pk]
    return mine[0].text if mine else ""


def _page(
    request: HttpRequest,
    subject: dict[str, Any],  # the dossier or the finding (and what the page names with it)
    can_write: bool,
    errors: dict[str, str] | None = None,
    typed: str | None = None,
) -> HttpResponse:
    about = {k: v for k, v in subject.items() if k in ("dossier", "finding")}
    explanations = list(explanations_of(**about))
    unit = writer_unit(request.user, clock.today()) if can_write else None
    context = {
        **subject,
        "explanations": explanations,
        "history": history(explanations),
        "can_write": can_write,
        "writer_unit": unit,
        "text": typed if typed is not None else _own_text(explanations, unit),
        "errors": errors or {},
        "max_files": services.MAX_FILES,
        "file_types": ", ".join(sorted(services.FILE_TYPES)),
    }
    return render(request, "explanations/page.html", context, status=400 if errors else 200)


def _post(request: HttpRequest, subject: dict[str, Any], write: Any, done_url: str) -> HttpResponse:
    typed = request.POST.get("text", "")
    try:
        write(request.user, typed, request.FILES.getlist("files"))
    except ExplanationError as exc:
        return _page(request, subject, True, {exc.field: str(exc)}, typed)
    messages.success(request, SAVED)
    return HttpResponseRedirect(done_url)


@role_required()
@require_http_methods(["GET", "POST"])
def dossier_page(request: HttpRequest, dossier_id: int) -> HttpResponse:
    dossier: Dossier = dossier_for(scope_of(request).for_dossiers(), dossier_id)
    subject = {
        "dossier": dossier,
        "dossier_unit": Unit.objects.filter(code=dossier.unit_code).first(),
    }
    if request.method == "POST":

        def write(user: Any, text: str, files: Any) -> Explanation:
            return services.explain_dossier(user, dossier, text, files)

        return _post(request, subject, write, request.path)
    return _page(request, subject, can_write_dossier(request.user, dossier, clock.today()))


@role_required()
@require_http_methods(["GET", "POST"])
def finding_page(request: HttpRequest, finding_id: int) -> HttpResponse:
    finding: Finding = finding_for(scope_of(request), finding_id)
    subject = {"finding": finding}
    if request.method == "POST":

        def write(user: Any, text: str, files: Any) -> Explanation:
            return services.explain_finding(user, finding, text, files)

        back = f"/kiem-tra/{finding.inspection_id}/#tt-{finding.pk}"
        return _post(request, subject, write, back)
    return _page(request, subject, can_write_finding(request.user, finding, clock.today()))


@role_required()
def explanation_file(request: HttpRequest, pk: int) -> FileResponse:
    found = file_for(scope_of(request), pk)
    try:
        handle = found.file.open("rb")
    except FileNotFoundError:
        raise Http404("Tệp không còn trên máy chủ (file missing)") from None
    return FileResponse(handle, as_attachment=True, filename=found.name)
