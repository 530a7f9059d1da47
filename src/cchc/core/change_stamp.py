"""What a user must do next, remembered until what it is made of changes.

The overview's home sections and the navigation's counts ("Kiểm tra (2)") are read on every page
of every user, and each is a few queries over the feature apps' records: the inspection team's
to-do alone cost a third of an overview's time. They change only when someone saves one of those
records. A feature app names its apps when it registers a section or a count; any save or delete
of a model of those apps (or of the users' profiles and units, which decide who sees what)
raises the stamp, a number in the database (core.ChangeStamp) raised in the change's own
transaction: every worker sees it when, and only when, the change is committed, and a rolled-back
change takes its raise with it. A remembered value is kept in this process's memory under the
stamp it was computed at, for at most TTL_SECONDS: a change made without Django's signals (a bulk
update, another program) shows within that time.
"""

from __future__ import annotations

import secrets
import threading
import time
from collections import OrderedDict
from collections.abc import Callable, Hashable
from typing import Any, TypeVar

from django.db.models import F
from django.db.models.signals import m2m_changed, post_delete, post_save

from cchc.core.models import ChangeStamp, ImportBatch
from cchc.core.request_memo import forget, memo

T = TypeVar("T")
TTL_SECONDS = 60.0
MAX_ENTRIES = 2048
ALWAYS_WATCHED = frozenset({"core", "auth"})  # profiles, units: who sees what

_watched: set[str] = set(ALWAYS_WATCHED)
_kept: OrderedDict[Hashable, tuple[float, Any]] = OrderedDict()
_lock = threading.Lock()


def watch(*app_labels: str) -> None:
    """Saves and deletes of these apps' models change the stamp."""
    _watched.update(app_labels)


def stamp() -> int:
    """The current stamp (0 before the first change), read once per request."""
    return memo("change_stamp", _read)


def _read() -> int:
    number = ChangeStamp.objects.filter(pk=1).values_list("number", flat=True).first()
    return number or 0


def touch() -> None:
    """Raise the stamp: after a change made without Django's signals (QuerySet.update), call
    this in the same transaction. The request that made the change reads the new stamp too."""
    # Raised by a random step, not by 1: a rolled-back raise must not be repeated by the next
    # committed one, or a value computed inside the rolled-back transaction (and remembered under
    # its number) would be served as current.
    step = 1 + secrets.randbelow(2**31)
    if not ChangeStamp.objects.filter(pk=1).update(number=F("number") + step):
        ChangeStamp.objects.get_or_create(pk=1, defaults={"number": step})
    forget("change_stamp")


def _changed(sender: type, instance: Any = None, **kwargs: Any) -> None:
    if sender._meta.app_label not in _watched:  # type: ignore[attr-defined]
        return
    if isinstance(instance, ImportBatch) and instance.status == ImportBatch.Status.RUNNING:
        # An import raises the stamp when it ends, not when it starts: its batch is created in
        # the import's own transaction, and a raise then would hold the stamp's row until the
        # commit (on PostgreSQL every other save would wait minutes for a large file).
        return
    touch()


def remember(key: Hashable, compute: Callable[[], T]) -> T:
    """`compute()` kept under the current stamp for TTL_SECONDS (this process's memory)."""
    full = (key, stamp())
    now = time.monotonic()
    with _lock:
        found = _kept.get(full)
        if found is not None and found[0] > now:
            _kept.move_to_end(full)
            return found[1]  # type: ignore[no-any-return]
    value = compute()
    with _lock:
        _kept[full] = (now + TTL_SECONDS, value)
        while len(_kept) > MAX_ENTRIES:
            _kept.popitem(last=False)
    return value


def forget_all() -> None:
    """Empty this process's memory (the test suite, between tests: their rolled-back
    transactions take the stamp back, so one test's values could match another's stamp)."""
    with _lock:
        _kept.clear()


post_save.connect(_changed, dispatch_uid="cchc.core.change_stamp.save")
post_delete.connect(_changed, dispatch_uid="cchc.core.change_stamp.delete")
m2m_changed.connect(_changed, dispatch_uid="cchc.core.change_stamp.m2m")
