"""The calendar in force follows the overrides in the database, whoever wrote them."""

from __future__ import annotations

import datetime as dt

import pytest
from django.db import connection

from cchc.core import calendar_db
from cchc.core.calendar_db import get_calendar
from cchc.core.models import CalendarOverride

THURSDAY = dt.date(2026, 12, 24)  # a working day by the statutory calendar
FRIDAY = THURSDAY + dt.timedelta(days=1)


@pytest.mark.django_db
def test_an_override_written_elsewhere_is_seen_by_a_fresh_look() -> None:
    calendar = get_calendar(fresh=True)
    assert calendar.is_working_day(THURSDAY)
    assert get_calendar(fresh=True) is calendar  # nothing changed: the same object, not rebuilt
    # bulk_create and update send no model signals: as if another worker or the CLI wrote them
    CalendarOverride.objects.bulk_create([CalendarOverride(date=THURSDAY, kind="off")])
    assert not get_calendar(fresh=True).is_working_day(THURSDAY)
    CalendarOverride.objects.filter(date=THURSDAY).update(date=FRIDAY)
    assert get_calendar(fresh=True).is_working_day(THURSDAY)
    assert not get_calendar(fresh=True).is_working_day(FRIDAY)
    with connection.cursor() as cursor:  # a plain SQL delete, no signals either
        cursor.execute(f"DELETE FROM {CalendarOverride._meta.db_table}")
    assert get_calendar(fresh=True).is_working_day(FRIDAY)


@pytest.mark.django_db
def test_other_processes_changes_are_seen_within_the_recheck_interval(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    clock = [1000.0]
    monkeypatch.setattr(calendar_db, "monotonic", lambda: clock[0])
    assert get_calendar(fresh=True).is_working_day(THURSDAY)
    CalendarOverride.objects.bulk_create([CalendarOverride(date=THURSDAY, kind="off")])
    clock[0] += calendar_db.RECHECK_SECONDS / 2
    assert get_calendar().is_working_day(THURSDAY)  # not looked again yet: no query per call
    clock[0] += calendar_db.RECHECK_SECONDS
    assert not get_calendar().is_working_day(THURSDAY)


@pytest.mark.django_db
def test_an_override_saved_in_this_process_applies_at_once() -> None:
    assert get_calendar(fresh=True).is_working_day(THURSDAY)
    CalendarOverride.objects.create(date=THURSDAY, kind="off")  # post_save forgets the cache
    assert not get_calendar().is_working_day(THURSDAY)
