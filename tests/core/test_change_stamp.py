"""What is remembered until a record changes (cchc.core.change_stamp) and once per request
(cchc.core.request_memo)."""

from __future__ import annotations

import pytest
from django.db import transaction
from django.http import HttpRequest, HttpResponse
from django.utils import timezone

from cchc.core.change_stamp import remember, stamp, touch
from cchc.core.models import ImportBatch, Unit
from cchc.core.request_memo import RequestMemoMiddleware, memo
from cchc.web.models import LoginFailure

pytestmark = pytest.mark.django_db


class Counter:
    def __init__(self) -> None:
        self.calls = 0

    def __call__(self) -> int:
        self.calls += 1
        return self.calls


def test_a_remembered_value_lasts_until_a_watched_record_changes() -> None:
    count = Counter()
    assert remember("k", count) == 1
    assert remember("k", count) == 1  # kept
    Unit.objects.create(code="X1", name="Xã Một", kind="xa")
    assert remember("k", count) == 2  # a unit saved: computed again
    assert remember("k", count) == 2


def test_a_record_of_an_app_nobody_watches_changes_nothing() -> None:
    before = stamp()
    LoginFailure.objects.create(username="a", ip="127.0.0.1", last_failure_at=timezone.now())
    assert stamp() == before


def test_a_rolled_back_change_takes_its_raise_with_it() -> None:
    before = stamp()
    with pytest.raises(RuntimeError), transaction.atomic():
        Unit.objects.create(code="X2", name="Xã Hai", kind="xa")
        assert stamp() > before  # seen inside its own transaction
        raise RuntimeError
    assert stamp() == before


def test_request_memo_computes_once_per_request_and_every_time_outside_one() -> None:
    count = Counter()
    assert (memo("m", count), memo("m", count)) == (1, 2)  # no request: nothing kept
    seen: list[int] = []

    def view(request: HttpRequest) -> HttpResponse:
        seen.extend([memo("m", count), memo("m", count)])
        return HttpResponse()

    middleware = RequestMemoMiddleware(view)
    middleware(HttpRequest())
    middleware(HttpRequest())
    assert seen == [3, 3, 4, 4]  # once per request, dropped with it


def test_a_change_made_during_a_request_is_seen_by_the_rest_of_it() -> None:
    count = Counter()
    seen: list[int] = []

    def view(request: HttpRequest) -> HttpResponse:
        seen.append(remember("r", count))
        LoginFailure.objects.filter(username="nobody").update(failures=1)  # no signal…
        touch()  # …so raised by hand
        seen.append(remember("r", count))
        Unit.objects.create(code="X3", name="Xã Ba", kind="xa")  # a signal raises it
        seen.append(remember("r", count))
        return HttpResponse()

    RequestMemoMiddleware(view)(HttpRequest())
    assert seen == [1, 2, 3]


def test_an_import_raises_the_stamp_when_it_ends_not_while_it_runs() -> None:
    before = stamp()
    batch = ImportBatch.objects.create(file_name="a.csv", file_hash="0" * 64)  # running
    assert stamp() == before  # the import's transaction does not hold the stamp's row
    batch.status = ImportBatch.Status.DONE
    batch.save()
    assert stamp() > before


def test_a_value_computed_in_a_rolled_back_transaction_is_never_served() -> None:
    with pytest.raises(RuntimeError), transaction.atomic():
        Unit.objects.create(code="X4", name="Xã Bốn", kind="xa")
        assert remember("v", lambda: "thấy trong giao dịch bị hủy") == "thấy trong giao dịch bị hủy"
        raise RuntimeError
    Unit.objects.create(code="X5", name="Xã Năm", kind="xa")  # the next committed change
    assert remember("v", lambda: "mới") == "mới"
