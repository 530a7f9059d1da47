"""What a reader is shown: a subject's explanations, their history, the late list's links.

Every read is cut by the caller's Scope (permissions.py); what is hidden is 404, never 403, so a
page does not tell another unit that a dossier or an explanation exists.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from django.db.models import Exists, OuterRef, QuerySet
from django.http import Http404, HttpRequest

from cchc.core import clock
from cchc.core.models import AuditEntry
from cchc.dossiers.late import LateRow
from cchc.dossiers.models import Dossier
from cchc.explanations.models import Explanation, ExplanationFile
from cchc.explanations.permissions import can_read_dossier, can_read_finding, writable_units
from cchc.inspections.models import Finding
from cchc.web.late_links import RowLink
from cchc.web.scope import Scope

ACTION_LABELS = {
    "explanation_create": "Giải trình",
    "explanation_update": "Sửa giải trình",
}


@dataclass(frozen=True)
class HistoryLine:
    """One write of an explanation as the history shows it."""

    entry: AuditEntry
    action: str
    unit_name: str
    text: str | None  # None: the text did not change
    files_added: list[str]


def dossier_for(scope: Scope, dossier_id: int) -> Dossier:
    dossier = Dossier.objects.filter(pk=dossier_id).first()
    if dossier is None or not can_read_dossier(scope, dossier):
        raise Http404("Không tìm thấy hồ sơ (dossier not found)")
    return dossier


def finding_for(scope: Scope, finding_id: int) -> Finding:
    finding = Finding.objects.select_related("inspection__unit").filter(pk=finding_id).first()
    if finding is None or not can_read_finding(scope, finding):
        raise Http404("Không tìm thấy tồn tại, hạn chế (finding not found)")
    return finding


def file_for(scope: Scope, pk: int) -> ExplanationFile:
    """A file of an explanation the caller may read."""
    found = (
        ExplanationFile.objects.select_related("explanation__dossier", "explanation__finding")
        .filter(pk=pk)
        .first()
    )
    if found is not None:
        subject = found.explanation
        if subject.dossier is not None and can_read_dossier(scope, subject.dossier):
            return found
        if subject.finding is not None and can_read_finding(scope, subject.finding):
            return found
    raise Http404("Không tìm thấy tệp (file not found)")


def explanations_of(
    *, dossier: Dossier | None = None, finding: Finding | None = None
) -> QuerySet[Explanation]:
    subject = {"dossier": dossier} if dossier is not None else {"finding": finding}
    return (
        Explanation.objects.filter(**subject)
        .select_related("unit", "author")
        .prefetch_related("files")
    )


def history(explanations: Sequence[Explanation]) -> list[HistoryLine]:
    """Every write of these explanations, oldest first, with the text as it was then written."""
    units = {str(e.pk): e.unit.name for e in explanations}
    entries = AuditEntry.objects.filter(
        object_type=Explanation._meta.label_lower, object_id__in=list(units)
    ).select_related("user")
    lines = []
    for entry in entries.order_by("at", "id"):
        before, after = entry.before or {}, entry.after or {}
        added = [f for f in after.get("files", []) if f not in before.get("files", [])]
        lines.append(
            HistoryLine(
                entry=entry,
                action=ACTION_LABELS.get(entry.action, entry.action),
                unit_name=units.get(entry.object_id, ""),
                text=after.get("text"),
                files_added=added,
            )
        )
    return lines


def explanation_links(
    request: HttpRequest, scope: Scope, rows: Sequence[LateRow]
) -> dict[str, RowLink]:
    """The late list's "Giải trình" link: to write one for the user's own unit's dossiers, to
    read one where it exists (the rows are already cut to what the caller may see)."""
    has_one = Exists(Explanation.objects.filter(dossier=OuterRef("pk")))
    dossiers = (
        Dossier.objects.filter(code__in=[r.code for r in rows])
        .annotate(explained=has_one)
        .values_list("code", "pk", "unit_code", "explained")
    )  # one query for the page's rows
    writable = writable_units(request.user, clock.today())
    readable = scope.for_dossiers()
    out: dict[str, RowLink] = {}
    for code, pk, unit_code, explained in dossiers:
        url = f"/giai-trinh/ho-so/{pk}/"
        if unit_code in writable:
            text = "Sửa giải trình" if explained else "Giải trình"
            out[code] = RowLink(text, url, marked=explained)
        elif explained and readable.can_see_unit(unit_code):
            out[code] = RowLink("Xem giải trình", url, marked=True)
    return out
