"""CCHC_REMINDERS_AT: a local time HH:MM, refused by name otherwise."""

from __future__ import annotations

import datetime as dt

import pytest

from cchc.env import ConfigError, env_clock


def test_the_daily_time_is_read_as_hours_and_minutes(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("CCHC_REMINDERS_AT", "06:45")
    assert env_clock("CCHC_REMINDERS_AT", "07:00") == dt.time(6, 45)
    monkeypatch.delenv("CCHC_REMINDERS_AT")
    assert env_clock("CCHC_REMINDERS_AT", "07:00") == dt.time(7, 0)


@pytest.mark.parametrize("raw", ["7h", "25:00", "07:00:00", "sáng"])
def test_a_bad_time_is_refused_naming_the_variable(
    monkeypatch: pytest.MonkeyPatch, raw: str
) -> None:
    monkeypatch.setenv("CCHC_REMINDERS_AT", raw)
    with pytest.raises(ConfigError, match=r"CCHC_REMINDERS_AT.*HH:MM"):
        env_clock("CCHC_REMINDERS_AT", "07:00")
