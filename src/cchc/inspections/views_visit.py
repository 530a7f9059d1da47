"""The visit's course on the inspection page (POST, CSRF, post/redirect/get): a status step
(notify, start, conclude, close) and the team's members with their roles."""

from __future__ import annotations

from django.contrib.auth.models import User
from django.http import Http404, HttpRequest, HttpResponse
from django.views.decorators.http import require_POST

from cchc.inspections import team, visit_steps
from cchc.inspections.refusals import FieldRefused
from cchc.inspections.views_forms import run_form
from cchc.inspections.visit_states import EVENT_LABELS
from cchc.inspections.web_queries import inspection_for
from cchc.web.access import role_required, scope_of


@role_required()
@require_POST
def status_step(request: HttpRequest, pk: int, event: str) -> HttpResponse:
    if event not in EVENT_LABELS:
        raise Http404("Không có bước này (no such step)")
    inspection = inspection_for(scope_of(request), pk)

    def change() -> object:
        return visit_steps.take_step(request.user, inspection, event)

    done = f"Đã chuyển trạng thái: {EVENT_LABELS[event].lower()} (status changed)"
    return run_form(request, pk, "trang-thai", done, change, "status")


def _person(text: str) -> User:
    person = User.objects.filter(pk=int(text)).first() if text.isdigit() else None
    if person is None:
        raise FieldRefused("member", "Chọn người trong danh sách (choose a person from the list)")
    return person


@role_required()
@require_POST
def member_set(request: HttpRequest, pk: int) -> HttpResponse:
    inspection = inspection_for(scope_of(request), pk)
    post = request.POST

    def change() -> object:
        return team.set_member(
            request.user, inspection, _person(post.get("member", "")), post.get("role", "")
        )

    return run_form(request, pk, "doan", "Đã cập nhật đoàn kiểm tra (team updated)", change, "team")


@role_required()
@require_POST
def member_remove(request: HttpRequest, pk: int, user_id: int) -> HttpResponse:
    inspection = inspection_for(scope_of(request), pk)

    def change() -> object:
        team.remove_member(request.user, inspection, _person(str(user_id)))
        return None

    return run_form(request, pk, "doan", "Đã bớt thành viên đoàn (member removed)", change, "team")
