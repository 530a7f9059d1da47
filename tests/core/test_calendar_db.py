"""The calendar in force follows the overrides in the database, whoever wrote them."""

from __future__ import annotations

import datetime as dt

import pytest
from django.db import connection

from cchc.core.calendar_db import get_calendar
from cchc.core.models import CalendarOverride

THURSDAY = dt.date(2026, 12, 24)  # a working day by the statutory calendar


@pytest.mark.django_db
def test_an_override_written_elsewhere_is_seen_by_this_process() -> None:
    calendar = get_calendar()
    assert calendar.is_working_day(THURSDAY)
    assert get_calendar() is calendar  # nothing changed: the same object, not rebuilt
    # bulk_create and update send no model signals: as if another worker or the CLI wrote them
    CalendarOverride.objects.bulk_create([CalendarOverride(date=THURSDAY, kind="off")])
    assert not get_calendar().is_working_day(THURSDAY)
    CalendarOverride.objects.filter(date=THURSDAY).update(date=THURSDAY + dt.timedelta(days=1))
    assert get_calendar().is_working_day(THURSDAY)
    assert not get_calendar().is_working_day(THURSDAY + dt.timedelta(days=1))
    with connection.cursor() as cursor:  # a plain SQL delete, no signals either
        cursor.execute(f"DELETE FROM {CalendarOverride._meta.db_table}")
    assert get_calendar().is_working_day(THURSDAY + dt.timedelta(days=1))
