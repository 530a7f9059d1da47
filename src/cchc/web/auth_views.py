"""Login (with lock-out) and logout, on Django's own auth views."""

from __future__ import annotations

from typing import Any

from django.contrib.auth import views as auth_views
from django.contrib.auth.forms import AuthenticationForm
from django.http import HttpRequest, HttpResponse
from django.utils.translation import gettext as _

from cchc.web.lockout import clear_failures, client_ip, locked_until, record_failure


class LoginView(auth_views.LoginView):
    template_name = "web/login.html"
    redirect_authenticated_user = True

    def post(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        username = str(request.POST.get("username", "")).strip()
        until = locked_until(username, client_ip(request)) if username else None
        if until is not None:
            form = self.get_form()
            form.errors.clear()
            form.add_error(
                None,
                _(
                    "Tài khoản tạm khóa do đăng nhập sai nhiều lần; thử lại sau %(minutes)s phút "
                    "(too many failed logins; try again later)"
                )
                % {"minutes": self._minutes_left(until)},
            )
            response = self.render_to_response(self.get_context_data(form=form))
            response.status_code = 429
            return response
        return super().post(request, *args, **kwargs)

    @staticmethod
    def _minutes_left(until: Any) -> int:
        from django.utils import timezone

        return max(1, int((until - timezone.now()).total_seconds() // 60) + 1)

    def form_invalid(self, form: AuthenticationForm) -> HttpResponse:
        username = str(self.request.POST.get("username", "")).strip()
        if username:
            record_failure(username, client_ip(self.request))
        return super().form_invalid(form)

    def form_valid(self, form: AuthenticationForm) -> HttpResponse:
        clear_failures(form.get_user().get_username(), client_ip(self.request))
        return super().form_valid(form)


class LogoutView(auth_views.LogoutView):
    template_name = "web/logged_out.html"
