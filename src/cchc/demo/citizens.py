"""The demo province's citizens' voice (issue #13): survey responses and feedback items over the
two years before today, with planted patterns (docs/demo.md, "Ý kiến người dân"):

- Xã Ngãi Giao (HARASSMENT_COMMUNE): requests for money reported again and again over the recent
  months (category harassment), and the lowest survey scores;
- Xã Kim Long (the chairman `chutichxa`'s commune): middling scores, feedback waiting for its
  chairman around today, two items overdue;
- the land office of `truongphong` (Bà Rịa's branch): most feedback answered after its due date.

A unit's predecessors (before the 2025 mergers) share its pattern. Deterministic from the seed and
today. Reused on a re-run when the dossiers were and the same seed and day were built; otherwise the
demo's responses and items (and their audit entries) are replaced.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.conf import settings
from django.db import connection, transaction
from django.db.models import Model

from cchc.citizens.models_feedback import Feedback, FeedbackContact, FeedbackReminder
from cchc.citizens.models_surveys import SurveyResponse
from cchc.citizens.store_tables import one_store_refresh
from cchc.core import clock
from cchc.core.lineage import predecessors
from cchc.core.models import AuditEntry, ImportBatch, Profile, Role, Unit, UnitKind
from cchc.demo.citizens_feedback import CODE_PREFIX, FeedbackStory, FeedbackSummary
from cchc.demo.citizens_surveys import (
    ID_PREFIX,
    DossierPool,
    SurveyUnit,
    survey_rows,
    write_and_import,
)
from cchc.demo.inputs import demo_units

HARASSMENT_COMMUNE = "Xã Ngãi Giao"
SURVEY_BATCH_PREFIX = "demo-surveys-"
KINDS = ("commune", "agency", "land")
YEARS = 2


@dataclass(frozen=True)
class CitizensSummary:
    reused: bool
    responses: int
    feedback: FeedbackSummary | None
    harassment_commune: str


def batch_name(seed: int, today: dt.date) -> str:
    return f"{SURVEY_BATCH_PREFIX}seed{seed}-to{today.isoformat()}.csv"


def _with_predecessors(code: str | None, kind: str) -> set[str]:
    if not code:
        return set()
    earlier = predecessors(code)
    same = Unit.objects.filter(code__in=list(earlier), kind=kind).values_list("code", flat=True)
    return {code, *same}


def _head_unit(username: str) -> str | None:
    profile = Profile.objects.filter(user__username=username, role=Role.UNIT_HEAD).first()
    return profile.unit.code if profile is not None and profile.unit is not None else None


def planted_units() -> dict[str, str]:
    """Unit code → its planted profile: low (the harassment commune), middling (Kim Long), late
    (the land office), each with its predecessors of the same kind."""
    commune = (
        Unit.objects.filter(name=HARASSMENT_COMMUNE, kind=UnitKind.COMMUNE)
        .order_by("-valid_from")
        .values_list("code", flat=True)
        .first()
    )
    out = {c: "late" for c in _with_predecessors(_head_unit("truongphong"), UnitKind.DIVISION)}
    out |= {c: "middling" for c in _with_predecessors(_head_unit("chutichxa"), UnitKind.COMMUNE)}
    out |= {c: "low" for c in _with_predecessors(commune, UnitKind.COMMUNE)}
    return out


def survey_units(start: dt.date, today: dt.date) -> list[SurveyUnit]:
    """The demo units (communes, agencies, land branches) in force some day of [start, today]."""
    planted = planted_units()
    out = []
    for unit in demo_units():
        first = unit.active_from or dt.date.min
        last = unit.active_to or dt.date.max
        if unit.kind in KINDS and first <= today and last >= start:
            out.append(
                SurveyUnit(unit.code, unit.kind, first, last, planted.get(unit.code, "normal"))
            )
    return out


def _sql(model: type[Model], where: str, params: list[str]) -> None:
    with connection.cursor() as cursor:
        table = connection.ops.quote_name(model._meta.db_table)
        cursor.execute(f"DELETE FROM {table} WHERE {where}", params)


def _clear() -> None:
    """Delete the demo's items (with their contacts, reminders and audit entries), responses and
    survey batches: plain SQL, as for the dossiers (cli._delete_all_dossiers) — thousands of rows
    in a blink instead of seconds of per-row signals; the ORM if other records refer to them."""
    items = Feedback.objects.filter(code__startswith=CODE_PREFIX)
    related = {r.related_model for r in Feedback._meta.related_objects}
    if related != {FeedbackContact, FeedbackReminder, Feedback}:
        ids = [str(pk) for pk in items.values_list("pk", flat=True)]
        AuditEntry.objects.filter(object_type="citizens.feedback", object_id__in=ids).delete()
        while items.exists():  # re-complaints first: an item is protected while one points to it
            items.exclude(pk__in=items.filter(previous__isnull=False).values("previous")).delete()
        SurveyResponse.objects.filter(response_id__startswith=ID_PREFIX).delete()
        ImportBatch.objects.filter(file_name__startswith=SURVEY_BATCH_PREFIX).delete()
        return
    table = connection.ops.quote_name(Feedback._meta.db_table)
    demo = f"SELECT id FROM {table} WHERE code LIKE %s"
    like = [f"{CODE_PREFIX}%"]
    _sql(AuditEntry, f"object_type = %s AND object_id IN (SELECT CAST(id AS TEXT) FROM {table}"
         " WHERE code LIKE %s)", ["citizens.feedback", *like])  # fmt: skip
    _sql(FeedbackContact, f"feedback_id IN ({demo})", like)
    _sql(FeedbackReminder, f"feedback_id IN ({demo})", like)
    _sql(Feedback, "previous_id IS NOT NULL AND code LIKE %s", like)
    _sql(Feedback, "code LIKE %s", like)
    _sql(SurveyResponse, "response_id LIKE %s", [f"{ID_PREFIX}%"])
    ImportBatch.objects.filter(file_name__startswith=SURVEY_BATCH_PREFIX).delete()


def build_citizens(seed: int, today: dt.date, reused: bool) -> CitizensSummary:
    """Build (or keep) the demo's survey responses and feedback items; `today` is capped at the
    real day, since no answer may be dated in the future."""
    today = min(today, clock.today())
    name = batch_name(seed, today)
    commune = HARASSMENT_COMMUNE
    done = ImportBatch.objects.filter(file_name=name, status=ImportBatch.Status.DONE).exists()
    if reused and done and Feedback.objects.filter(code__startswith=CODE_PREFIX).exists():
        responses = SurveyResponse.objects.filter(response_id__startswith=ID_PREFIX).count()
        return CitizensSummary(True, responses, None, commune)
    start = dt.date(today.year - YEARS, today.month, 1)
    units = survey_units(start, today)
    with one_store_refresh(), transaction.atomic():
        _clear()
        pool = DossierPool([u.code for u in units], start - dt.timedelta(days=60), today)
        rows = survey_rows(units, start, today, seed, pool)
        report = write_and_import(rows, settings.DATA_DIR / "demo" / name)
        story = FeedbackStory(today, seed, pool)
        story.routine(units, start, today)
        for unit in units:
            if unit.profile == "low" and unit.active_to >= today:
                story.planted_harassment(unit)
        story.around_today(units)
        story.date_audit()
        summary = story.count()
    return CitizensSummary(False, report.inserted + report.updated + report.unchanged,
                           summary, commune)  # fmt: skip
