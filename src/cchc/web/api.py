"""JSON API (django-ninja), session-authenticated; the same scope rules as the pages.

OpenAPI at /api/openapi.json, interactive docs at /api/docs. Bad parameters answer 4xx with a
Vietnamese (English) message, never 500. Units, the summary and the late list take the unit view
(`view=as-was|as-is`, default as-was) and state it in the answer.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import asdict
from typing import Any

from django.http import HttpRequest, HttpResponse
from ninja import NinjaAPI, Query, Schema, Swagger
from ninja.errors import HttpError
from ninja.security import django_auth

from cchc.analytics.gateway import Analytics
from cchc.core.models import ImportBatch, Procedure
from cchc.core.unit_views import UnitView, unit_frame
from cchc.core.units import units_as_of
from cchc.dossiers.late import COUNTS, LateRow
from cchc.dossiers.late_names import LateNames, channel_label
from cchc.dossiers.summary import GROUPINGS, SummaryRow, regroup
from cchc.web.access import scope_of
from cchc.web.late_cache import late_page
from cchc.web.late_links import row_links
from cchc.web.late_query import (
    FilterError,
    OutOfScope,
    late_period,
    parse_late_query,
    unit_codes_for,
)
from cchc.web.periods import period_from_query
from cchc.web.scope import Scope
from cchc.web.unit_frames import frame_of, view_from_query, view_out

api = NinjaAPI(
    title="cchc API",
    version="1",
    description="Theo dõi cải cách hành chính (administrative-reform monitoring). Session auth.",
    auth=django_auth,
    urls_namespace="api",
    # Swagger UI from the files django-ninja ships ("ninja" in INSTALLED_APPS), not its CDN; no
    # validator badge (it would send the schema's address to validator.swagger.io)
    docs=Swagger(settings={"validatorUrl": None}),
)


VIEW_DOC = "as-was (mặc định: đơn vị như khi đó) | as-is (đơn vị hiện nay, gộp đơn vị tiền thân)"
STATE_DOC = "ended (chỉ hồ sơ quá hạn đã xử lý) | open (chỉ hồ sơ đang quá hạn cuối kỳ)"
COUNT_DOC = (
    "Thay danh sách trễ hạn bằng đúng các hồ sơ mà một số liệu tổng hợp đếm, trễ hạn hay không "
    "(the dossiers behind one figure of /dossiers/summary, late or not): "
    + "; ".join(f"{key} ({label})" for key, label in COUNTS.items())
)


class ViewOut(Schema):
    slug: str  # as-was | as-is
    label: str
    structure_day: dt.date  # the day whose units the figures are placed on


class UnitOut(Schema):
    code: str
    name: str  # on the structure's day
    kind: str
    parent_code: str | None
    valid_from: dt.date | None
    valid_to: dt.date | None
    view: str  # as-was | as-is
    rolled_up: list[str]  # as is: the old units whose figures count for this one


class ProcedureOut(Schema):
    code: str
    name: str
    sector: str
    time_limit: float | None
    time_unit: str


class SummaryRowOut(Schema):
    group_code: str
    group_name: str
    dossiers: int
    ended: int
    early: int
    on_time: int
    late: int
    open_in_time: int
    open_due_soon: int
    open_overdue: int
    late_rate: float | None
    on_time_rate: float | None
    online_share: float | None
    received_online: int
    received_in_person: int
    received_postal: int
    carried_over: int
    received_in_period: int


class PeriodOut(Schema):
    label: str
    start: dt.date
    end: dt.date


class SummaryOut(Schema):
    period: PeriodOut
    view: ViewOut
    by: str | None
    rows: list[SummaryRowOut]  # by unit: the view's units


class RowLinkOut(Schema):
    text: str  # Giải trình, Sửa giải trình, Xem giải trình
    url: str
    marked: bool  # already there (an explanation exists)


class LateRowOut(Schema):
    code: str
    unit_code: str  # the handling unit
    unit_name: str  # the handling unit's name on the period's end
    shown_unit_code: str  # the unit it counts for in the view (as is: today's)
    shown_unit_name: str
    procedure_code: str
    procedure_name: str  # "" when the catalogue has no such procedure
    sector: str
    channel: str  # online, in_person, postal
    channel_label: str  # Trực tuyến, Trực tiếp, Bưu chính
    received_on: dt.date
    deadline_on: dt.date | None
    statutory_due_on: dt.date | None
    finished_on: dt.date | None
    days_late: int
    status_label: str
    flags: list[str]
    supplement_requests: int
    reasons: list[str]  # why it is late, in Vietnamese (dossiers/late_reasons.py)
    applicant_pseudonym: str | None
    # what feature apps add to the row (cchc.web.late_links): "Giải trình", "Đã giải trình"
    links: list[RowLinkOut]


class LatePageOut(Schema):
    period: PeriodOut
    view: ViewOut
    total: int
    offset: int
    limit: int
    rows: list[LateRowOut]


class ImportOut(Schema):
    id: int
    kind: str  # dossiers, recompute, units, procedures…
    file_name: str
    mapping: str
    status: str
    rows_total: int
    inserted: int
    updated: int
    unchanged: int
    rejected: int
    started_at: dt.datetime
    finished_at: dt.datetime | None
    rules_version: str  # of the timing an import or recompute computed; "" for the others


def _scope(request: HttpRequest, day: dt.date | None = None) -> Scope:
    scope = scope_of(request, day)
    if not scope.has_role:
        raise HttpError(403, "Tài khoản chưa được gán vai trò (no role assigned)")
    return scope


def _period_query(period: str | None, start: str | None, end: str | None) -> dict[str, str]:
    return {k: v for k, v in {"period": period, "from": start, "to": end}.items() if v}


def _period_out(p: Any) -> PeriodOut:
    return PeriodOut(label=p.label, start=p.start, end=p.end)


def _row_out(row: SummaryRow) -> SummaryRowOut:
    return SummaryRowOut(**{k: getattr(row, k) for k in SummaryRowOut.model_fields})


def _view(text: str | None) -> UnitView:
    try:
        return view_from_query({"view": text or ""})
    except ValueError as exc:
        raise HttpError(400, str(exc)) from exc


@api.get("/units", response=list[UnitOut], summary="Đơn vị được xem (units the caller may see)")
def units(
    request: HttpRequest,
    day: dt.date | None = None,
    view: str | None = Query(None, description=VIEW_DOC),  # type: ignore[type-arg]
) -> list[UnitOut]:
    """As was: the units valid on `day` (default today), with their names and parents then. As
    is: today's units, each with the old units rolled onto it (`day` is not used)."""
    today = dt.date.today()
    frame = unit_frame(_view(view), day or today, today)
    scope = _scope(request, frame.day)
    rolled: dict[str, list[str]] = {}
    for old, new in sorted(frame.targets.items()):
        if scope.can_see_unit(old):
            rolled.setdefault(new, []).append(old)
    found = units_as_of(frame.day)
    code_of = {u.pk: u.code for u in found}
    return [
        UnitOut(
            code=u.code,
            name=u.name,
            kind=u.kind,
            parent_code=code_of.get(u.parent_id) if u.parent_id else None,
            valid_from=u.valid_from,
            valid_to=u.valid_to,
            view=frame.view.slug,
            rolled_up=rolled.get(u.code, []),
        )
        for u in found
        if scope.can_see_unit(u.code)
    ]


@api.get("/procedures", response=list[ProcedureOut], summary="Thủ tục (procedures)")
def procedures(request: HttpRequest, sector: str | None = None) -> list[ProcedureOut]:
    _scope(request)
    qs = Procedure.objects.order_by("code")
    if sector:
        qs = qs.filter(sector=sector)
    return [
        ProcedureOut(
            code=p.code,
            name=p.name,
            sector=p.sector,
            time_limit=float(p.time_limit) if p.time_limit is not None else None,
            time_unit=p.time_unit,
        )
        for p in qs
    ]


@api.get("/dossiers/summary", response=SummaryOut, summary="Tổng hợp hồ sơ (dossier summary)")
def dossier_summary(
    request: HttpRequest,
    period: str | None = None,
    start: str | None = Query(None, alias="from"),  # type: ignore[type-arg]
    end: str | None = Query(None, alias="to"),  # type: ignore[type-arg]
    by: str | None = None,
    unit: str | None = None,
    view: str | None = Query(None, description=VIEW_DOC),  # type: ignore[type-arg]
) -> SummaryOut:
    if by is not None and by not in GROUPINGS:
        raise HttpError(
            400,
            f"Nhóm không hợp lệ {by!r}: dùng {', '.join(GROUPINGS)} "
            f"(invalid 'by'; use {', '.join(GROUPINGS)})",
        )
    scope = _scope(request)
    try:
        p = period_from_query(_period_query(period, start, end), scope.unit_codes, dt.date.today())
        frame = frame_of(_view(view), p)
        scope = _scope(request, p.end)
        codes = unit_codes_for(scope, unit, frame)
        rows = Analytics.current().summarise(p, by, codes)
    except OutOfScope as exc:
        raise HttpError(403, str(exc)) from exc
    except ValueError as exc:
        raise HttpError(400, str(exc)) from exc
    if by == "unit":
        rows = regroup(rows, frame)
    return SummaryOut(
        period=_period_out(p),
        view=ViewOut(**view_out(frame)),
        by=by,
        rows=[_row_out(r) for r in rows],
    )


@api.get(
    "/dossiers/late",
    response=LatePageOut,
    summary="Hồ sơ trễ hạn, hoặc hồ sơ của một số liệu (late dossiers, or a figure's dossiers)",
)
def dossiers_late(
    request: HttpRequest,
    period: str | None = None,
    start: str | None = Query(None, alias="from"),  # type: ignore[type-arg]
    end: str | None = Query(None, alias="to"),  # type: ignore[type-arg]
    unit: str | None = None,
    sector: str | None = None,
    procedure: str | None = None,
    flag: str | None = None,
    state: str | None = Query(None, description=STATE_DOC),  # type: ignore[type-arg]
    count: str | None = Query(None, description=COUNT_DOC),  # type: ignore[type-arg]
    sort: str | None = None,
    offset: int = Query(0, ge=0, le=10_000_000),  # type: ignore[type-arg]
    limit: int = Query(100, ge=1, le=1000),  # type: ignore[type-arg]
    view: str | None = Query(None, description=VIEW_DOC),  # type: ignore[type-arg]
) -> HttpResponse:
    raw = _period_query(period, start, end)
    asked = {"unit": unit, "sector": sector, "procedure": procedure, "flag": flag,
             "state": state, "count": count, "sort": sort, "view": view}  # fmt: skip
    raw.update({k: v for k, v in asked.items() if v})
    today = dt.date.today()
    try:
        p = late_period(raw, _scope(request).for_dossiers(), today)
        scope = _scope(request, p.end).for_dossiers()
        query = parse_late_query(raw, scope, today, p)
        rows, total = late_page(query.period, query.filt, query.order, offset=offset, limit=limit)
    except OutOfScope as exc:
        raise HttpError(403, str(exc)) from exc
    except (FilterError, ValueError) as exc:
        raise HttpError(400, str(exc)) from exc
    # Plain dicts in LatePageOut's shape, rendered by the API's renderer: validating each row
    # through the schema cost more than the rest of the request (the schema still documents it).
    p, frame = query.period, query.frame
    names = LateNames(frame, p.end, {r.procedure_code for r in rows})
    links = row_links(request, scope, rows)
    payload = {
        "period": {"label": p.label, "start": p.start, "end": p.end},
        "view": view_out(frame),
        "total": total,
        "offset": offset,
        "limit": limit,
        "rows": [
            _late_row_out(r, scope.can_see_applicant(r.unit_code), names)
            | {"links": [asdict(link) for link in links.get(r.code, [])]}
            for r in rows
        ],
    }
    return api.create_response(request, payload, status=200)


_NAMED = {"unit_name", "shown_unit_code", "shown_unit_name", "procedure_name", "channel_label"}
_LATE_OUT_FIELDS = tuple(
    f for f in LateRowOut.model_fields if f not in {*_NAMED, "reasons", "links"}
)


def _late_row_out(r: LateRow, show_applicant: bool, names: LateNames) -> dict[str, Any]:
    """A row in LateRowOut's shape (dates are written by the API's JSON encoder)."""
    row = {name: getattr(r, name) for name in _LATE_OUT_FIELDS}
    row["unit_name"] = names.unit(r.unit_code)
    row["shown_unit_code"] = names.shown_code(r.unit_code)
    row["shown_unit_name"] = names.shown(r.unit_code)
    row["procedure_name"] = names.procedure(r.procedure_code)
    row["channel_label"] = channel_label(r.channel)
    row["reasons"] = [reason.render() for reason in r.reasons]
    if not show_applicant:
        row["applicant_pseudonym"] = None
    return row


@api.get("/imports", response=list[ImportOut], summary="Lịch sử nhập (import history)")
def imports(request: HttpRequest, limit: int = Query(50, ge=1, le=500)) -> list[ImportOut]:  # type: ignore[type-arg]
    scope = _scope(request)
    if not scope.can_write("import"):
        raise HttpError(403, "Không có quyền xem lịch sử nhập (not allowed)")
    return [
        ImportOut(
            id=b.pk,
            kind=b.kind,
            file_name=b.file_name,
            mapping=b.mapping,
            status=b.status,
            rows_total=b.rows_total,
            inserted=b.inserted,
            updated=b.updated,
            unchanged=b.unchanged,
            rejected=b.rejected,
            started_at=b.started_at,
            finished_at=b.finished_at,
            rules_version=b.rules_version,
        )
        for b in ImportBatch.objects.all()[:limit]
    ]


# Feature apps add their own routers when Django starts (their AppConfig.ready).
