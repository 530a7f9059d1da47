"""The user's inbox (thông báo) and the reform officer's undelivered reminders and failed e-mails
(nhắc việc chưa gửi được)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.utils import timezone
from django.views.decorators.http import require_GET, require_http_methods

from cchc.core.change_stamp import touch
from cchc.core.models import Role
from cchc.notices.jobs import job_label
from cchc.notices.models import EmailDelivery, EmailState, JobRun, Notice, Undelivered
from cchc.web.access import role_required, scope_of
from cchc.web.home_sections import Viewer

ROWS = 200
OVERSEERS = {Role.ADMIN, Role.OFFICER}


def unread_count(user: Viewer, _day: dt.date) -> int:
    uid: Any = user.pk
    return Notice.objects.filter(user_id=uid, read_at__isnull=True).count()


def sees_undelivered(request: HttpRequest) -> bool:
    return scope_of(request).role in OVERSEERS


@role_required()
@require_http_methods(["GET", "POST"])
def inbox(request: HttpRequest) -> HttpResponse:
    uid: Any = request.user.pk
    mine = Notice.objects.filter(user_id=uid)
    if request.method == "POST":
        mine.filter(read_at__isnull=True).update(read_at=timezone.now())
        touch()  # the navigation's unread count (cchc.core.change_stamp)
        messages.success(request, "Đã đánh dấu đã đọc (marked as read)")
        return HttpResponseRedirect(request.path)
    rows = list(mine.select_related("email")[:ROWS])
    context = {
        "rows": rows,
        "unread": mine.filter(read_at__isnull=True).count(),
        "sees_undelivered": sees_undelivered(request),
    }
    return render(request, "notices/inbox.html", context)


@role_required()
@require_GET
def undelivered(request: HttpRequest) -> HttpResponse:
    if not sees_undelivered(request):
        raise PermissionDenied("Chỉ chuyên viên CCHC và quản trị (reform officers and admins only)")
    failed = (
        EmailDelivery.objects.filter(state=EmailState.FAILED)
        .select_related("notice__user")
        .order_by("-notice__created_at", "-pk")
    )
    context = {
        "waiting": list(Undelivered.objects.filter(delivered_at__isnull=True)[:ROWS]),
        "failed": list(failed[:ROWS]),
        "runs": [(job_label(r.job), r) for r in JobRun.objects.all()[:14]],
    }
    return render(request, "notices/undelivered.html", context)
