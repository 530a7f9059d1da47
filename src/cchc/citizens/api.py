"""JSON API for citizens' voice (django-ninja router mounted at /api/citizens by CitizensConfig).

Read-only, with the pages' rules: the feedback list of /phan-anh/ (feedback_queries.items_for and
filter_items), an item hidden outside the caller's units (404), the citizen's contact only for the
staff handling the item (feedback_access.can_see_contact), survey results per unit as on /khao-sat/
(survey_queries.unit_results). Bad input answers 400, no role 403, something hidden 404.
"""

from __future__ import annotations

import datetime as dt

from django.http import HttpRequest
from ninja import Router, Schema
from ninja.errors import HttpError

from cchc.citizens.feedback_access import can_see, can_see_contact
from cchc.citizens.feedback_queries import ListFilters, filter_items, items_for
from cchc.citizens.models_feedback import Feedback, FeedbackContact
from cchc.citizens.survey_queries import unit_results
from cchc.citizens.survey_questionnaire import ELEMENTS
from cchc.core import clock
from cchc.core.unit_views import parse_view, unit_frame
from cchc.dossiers.periods import parse_period
from cchc.web.scope import Scope

router = Router(tags=["citizens"])

MAX_LIMIT = 500
MAX_INT = 2**31 - 1  # the largest id or offset the databases take without an overflow


def _scope(request: HttpRequest) -> Scope:
    scope = Scope.for_user(request.user, clock.today())
    if not scope.has_role:
        raise HttpError(403, "Tài khoản chưa được gán vai trò (no role assigned)")
    return scope


class FeedbackOut(Schema):
    id: int
    code: str
    unit_code: str
    unit_name: str
    channel: str
    received_at: dt.datetime
    due_on: dt.date
    state: str
    category: str
    suggested_category: str
    suggested_confidence: float | None
    answered_on: dt.date | None
    closed_on: dt.date | None
    rating: str
    overdue: bool
    days_overdue: int


class FeedbackPage(Schema):
    total: int
    limit: int
    offset: int
    items: list[FeedbackOut]


class ContactOut(Schema):
    name: str
    phone: str
    id_number: str


class FeedbackItemOut(FeedbackOut):
    dossier_code: str
    text: str
    answer: str
    contact: ContactOut | None


def _row(item: Feedback, today: dt.date) -> dict[str, object]:
    overdue = item.is_overdue(today)
    return {
        "id": item.pk,
        "code": item.code,
        "unit_code": item.unit.code,
        "unit_name": item.unit.name,
        "channel": item.channel,
        "received_at": item.received_at,
        "due_on": item.due_on,
        "state": item.state,
        "category": item.category,
        "suggested_category": item.suggested_category,
        "suggested_confidence": item.suggested_confidence,
        "answered_on": item.answered_on,
        "closed_on": item.closed_on,
        "rating": item.rating,
        "overdue": overdue,
        "days_overdue": (today - item.due_on).days if overdue else 0,
    }


@router.get("/feedback", response=FeedbackPage, summary="Phản ánh, kiến nghị (feedback list)")
def feedback_list(
    request: HttpRequest,
    state: str = "",
    unit: str = "",
    category: str = "",
    overdue: bool = False,
    limit: int = 100,
    offset: int = 0,
) -> dict[str, object]:
    """The items the caller sees, as on /phan-anh/; never the citizen's name, phone or ID."""
    scope = _scope(request)
    today = clock.today()
    if not 1 <= limit <= MAX_LIMIT or not 0 <= offset <= MAX_INT:
        raise HttpError(400, f"limit cần từ 1 đến {MAX_LIMIT}, offset không âm (bad limit/offset)")
    f = ListFilters(
        state=state.strip(), unit=unit.strip(), category=category.strip(), overdue=overdue
    )
    if f.unit and not scope.can_see_unit(f.unit):
        raise HttpError(403, "Không xem được đơn vị này (unit outside your scope)")
    try:
        qs = filter_items(items_for(scope), f, today)
        total = qs.count()
        rows = list(qs.order_by("due_on", "id")[offset : offset + limit])
    except ValueError as exc:  # a bad state or category; a NUL character on PostgreSQL
        raise HttpError(400, str(exc)) from exc
    return {
        "total": total,
        "limit": limit,
        "offset": offset,
        "items": [_row(i, today) for i in rows],
    }


@router.get(
    "/feedback/{item_id}", response=FeedbackItemOut, summary="Một phản ánh (one feedback item)"
)
def feedback_item(request: HttpRequest, item_id: int) -> dict[str, object]:
    """One item; `contact` only for the staff handling it (its assignee, the heads of its unit,
    the person who took it in), else null."""
    scope = _scope(request)
    item = None
    if 0 < item_id <= MAX_INT:
        item = Feedback.objects.select_related("unit").filter(pk=item_id).first()
    if item is None or not can_see(scope, item):
        raise HttpError(404, "Không có phản ánh này (no such feedback item)")
    contact = None
    if can_see_contact(request.user, item):
        found = FeedbackContact.objects.filter(feedback=item).first()
        if found is not None:
            contact = {"name": found.name, "phone": found.phone, "id_number": found.id_number}
    return {
        **_row(item, clock.today()),
        "dossier_code": item.dossier_code,
        "text": item.text,
        "answer": item.answer,
        "contact": contact,
    }


class SurveyUnitOut(Schema):
    unit_code: str
    unit_name: str
    responses: int
    answered: int
    satisfied: int
    satisfied_share: float | None
    ci_low: float | None
    ci_high: float | None
    last_year_share: float | None
    ranked: bool


class SurveyResultsOut(Schema):
    period: str
    start: dt.date
    end: dt.date
    element: str
    units_view: str
    units: list[SurveyUnitOut]


@router.get(
    "/surveys/results",
    response=SurveyResultsOut,
    summary="Mức độ hài lòng theo đơn vị (satisfaction per unit)",
)
def survey_results(
    request: HttpRequest, period: str, element: str = "overall", view: str = ""
) -> dict[str, object]:
    """Per unit the caller sees, as on /khao-sat/ and `cchc surveys results`."""
    scope = _scope(request)
    if element not in ELEMENTS:
        raise HttpError(
            400,
            f"Yếu tố không hợp lệ {element!r}: dùng {', '.join(ELEMENTS)} (unknown survey element)",
        )
    try:
        p = parse_period(period)
        frame = unit_frame(parse_view(view), p.end, clock.today())
        rows = unit_results(p, element, scope.unit_codes, frame)
    except ValueError as exc:
        raise HttpError(400, str(exc)) from exc
    return {
        "period": p.label,
        "start": p.start,
        "end": p.end,
        "element": element,
        "units_view": frame.view.slug,
        "units": [
            {
                "unit_code": r.unit_code,
                "unit_name": r.unit_name,
                "responses": r.responses,
                "answered": r.now.answered,
                "satisfied": r.now.satisfied,
                "satisfied_share": r.now.share,
                "ci_low": r.now.low,
                "ci_high": r.now.high,
                "last_year_share": r.last_year.share,
                "ranked": r.ranked,
            }
            for r in rows
        ],
    }
