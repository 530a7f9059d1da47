"""The period rules of scope.py as ORM conditions (portable to SQLite and PostgreSQL)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Collection

from django.db.models import Q

from cchc.dossiers.models import FinishOutcome


def in_scope(start: dt.date, end: dt.date) -> Q:
    """Ended in [start, end], or received by `end` and still open then.

    Written as two branches on finished_on (≥ start, or null) so that both can use its index:
    a dossier finished after `end` is in the first branch when it was received by `end`.
    """
    return Q(finished_on__gte=start) & (Q(finished_on__lte=end) | Q(received_on__lte=end)) | Q(
        finished_on__isnull=True, received_on__lte=end
    )


def ended_by(end: dt.date) -> Q:
    """Within the scope: processing ended in the period."""
    return Q(finished_on__isnull=False, finished_on__lte=end)


def open_at(end: dt.date) -> Q:
    """Within the scope: still open at the period's end."""
    return Q(finished_on__isnull=True) | Q(finished_on__gt=end)


def ended_late(start: dt.date, end: dt.date) -> Q:
    return Q(finished_on__gte=start, finished_on__lte=end, finish_outcome=FinishOutcome.LATE)


def open_overdue(end: dt.date, reference: dt.date) -> Q:
    """Received by `end`, open at `end`, deadline before the reference date.

    Two branches, each led by a finished_on condition its index can serve (null, or > end).
    """
    return Q(finished_on__isnull=True, received_on__lte=end, deadline_on__lt=reference) | Q(
        finished_on__gt=end, received_on__lte=end, deadline_on__lt=reference
    )


def unit_filter(unit_codes: Collection[str] | None) -> Q:
    return Q() if unit_codes is None else Q(unit_code__in=sorted(set(unit_codes)))
