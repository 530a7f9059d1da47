"""What one request asks more than once, answered once: the user's profile is read by the access
check, the navigation, every home section and every permission test of a page (twelve queries
for one overview before this). A value is kept for the request that computed it and dropped with
it; outside a request (the command line, a test calling a function directly) nothing is kept, so
a changed profile is always read fresh there.
"""

from __future__ import annotations

from collections.abc import Callable, Hashable
from contextvars import ContextVar
from typing import Any, TypeVar

from django.http import HttpRequest, HttpResponse

T = TypeVar("T")
_MEMO: ContextVar[dict[Hashable, Any] | None] = ContextVar("cchc_request_memo", default=None)


def memo(key: Hashable, compute: Callable[[], T]) -> T:
    """`compute()`, once per request for `key`; every time outside a request."""
    kept = _MEMO.get()
    if kept is None:
        return compute()
    if key not in kept:
        kept[key] = compute()
    return kept[key]  # type: ignore[no-any-return]


def forget(key: Hashable) -> None:
    """Drop `key` (a view that has just changed what it names)."""
    kept = _MEMO.get()
    if kept is not None:
        kept.pop(key, None)


class RequestMemoMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        token = _MEMO.set({})
        try:
            return self.get_response(request)
        finally:
            _MEMO.reset(token)
