"""Decorators for views: login required, a role required, the caller's Scope attached.

Every page and API endpoint gets its `Scope` from here, so the rules live in `scope.py` only.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from functools import wraps
from typing import Any, TypeVar, cast

from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest
from django.http.response import HttpResponseBase

from cchc.core.models import Profile
from cchc.web.scope import Scope, WriteKind, load_profile

View = TypeVar("View", bound=Callable[..., HttpResponseBase])


def profile_of(request: HttpRequest) -> Profile | None:
    """The caller's Profile (with its unit), read once per request."""
    if "_cchc_profile" not in request.__dict__:
        request.__dict__["_cchc_profile"] = load_profile(request.user)
    return cast(Profile | None, request.__dict__["_cchc_profile"])


def scope_of(request: HttpRequest, day: dt.date | None = None) -> Scope:
    """The caller's scope as of `day` (default today), computed once per request and day."""
    on = day or dt.date.today()
    cache: dict[dt.date, Scope] = request.__dict__.setdefault("_cchc_scopes", {})
    if on not in cache:
        cache[on] = Scope.for_user(request.user, on, profile_of(request))
    return cache[on]


def role_required(write: WriteKind | None = None) -> Callable[[View], View]:
    """Logged in (else to the login page), with a role (else 403), and `write` rights if asked."""

    def decorate(view: View) -> View:
        @wraps(view)
        def wrapped(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponseBase:
            if not request.user.is_authenticated:
                return redirect_to_login(request.get_full_path())
            scope = scope_of(request)
            if not scope.has_role:
                raise PermissionDenied("Tài khoản chưa được gán vai trò (no role assigned)")
            if write is not None and not scope.can_write(write):
                raise PermissionDenied("Không có quyền thực hiện (not allowed)")
            return view(request, *args, **kwargs)

        return cast(View, wrapped)

    return decorate
