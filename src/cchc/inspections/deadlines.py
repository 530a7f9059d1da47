"""Default deadline of a corrective action: working days on the official calendar (pure).

Source: common practice of provincial inspection rules (the number of working days per
severity is data: inspection-rules.toml, [deadline_working_days]); working days follow the
civil-service calendar (Labour Code 2019 art. 112 holidays and the yearly notices).
"""

from __future__ import annotations

import datetime as dt

from cchc.core.calendar import WorkingCalendar


def default_deadline(
    severity: str, issued_on: dt.date, calendar: WorkingCalendar, working_days: dict[str, int]
) -> dt.date:
    """The n-th working day after the conclusion notice, n set by the finding's severity."""
    if severity not in working_days:
        raise ValueError(
            f"Không có thời hạn mặc định cho mức độ {severity!r} (no default deadline for this "
            f"severity; known: {', '.join(sorted(working_days))})"
        )
    return calendar.add_working_days(issued_on, working_days[severity])


def remind_on(deadline: dt.date, calendar: WorkingCalendar, before_working_days: int) -> dt.date:
    """The working day `before_working_days` working days before the deadline."""
    day = deadline
    for _ in range(before_working_days):
        day -= dt.timedelta(days=1)
        while not calendar.is_working_day(day):
            day -= dt.timedelta(days=1)
    return day
