"""Reporting periods: `2023`, `2023-H1`, `2023-Q3`, `2023-06`, the relative `this-month`,
`this-year`, `last-6m`, `last-12m` (counted from today), or explicit dates. Pure."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from cchc.core.months import add_months, add_years, month_end
from cchc.core.vn_format import vn_date

_PATTERNS = {
    "year": re.compile(r"^(\d{4})$"),
    "half": re.compile(r"^(\d{4})-H([12])$", re.IGNORECASE),
    "quarter": re.compile(r"^(\d{4})-Q([1-4])$", re.IGNORECASE),
    "month": re.compile(r"^(\d{4})-(\d{2})$"),
}


def _month_end(year: int, month: int) -> dt.date:
    return month_end(dt.date(year, month, 1))


@dataclass(frozen=True)
class Period:
    """An inclusive date range with the label a user typed or would type."""

    start: dt.date
    end: dt.date
    label: str

    def previous_year(self) -> Period:
        """The same period one year earlier (cùng kỳ năm trước)."""
        label = self.label
        match = re.match(r"^(\d{4})(.*)$", label)
        if match and label != f"{self.start:%Y-%m-%d}..{self.end:%Y-%m-%d}":
            label = f"{int(match.group(1)) - 1}{match.group(2)}"
        else:
            label = ""
        start, end = add_years(self.start, -1), add_years(self.end, -1)  # 29/02 → 28/02
        if self.end == month_end(self.end):  # a month's end stays one (28/02 → 29/02)
            end = month_end(end)
        return Period(start, end, label or f"{start:%Y-%m-%d}..{end:%Y-%m-%d}")

    def previous_year_to(self, day: dt.date) -> Period:
        """Cùng kỳ năm trước of the period as seen on `day` (the data's reference day): all of
        last year's period once this one has ended; while it runs, the same elapsed part, from
        last year's start to the day matching `day` (2026-H2 on 05/12/2026 → 01/07–05/12/2025)."""
        whole = self.previous_year()
        if day >= self.end:
            return whole
        end = max(add_years(day, -1), whole.start)
        return Period(whole.start, end, f"{whole.start:%Y-%m-%d}..{end:%Y-%m-%d}")

    def months(self) -> list[Period]:
        out: list[Period] = []
        month = self.start.replace(day=1)
        while month <= self.end:
            first, last = max(month, self.start), min(month_end(month), self.end)
            out.append(Period(first, last, f"{month.year:04d}-{month.month:02d}"))
            month = add_months(month, 1)
        return out

    def contains(self, day: dt.date) -> bool:
        return self.start <= day <= self.end

    @property
    def display(self) -> str:
        """Vietnamese label: "6 tháng đầu năm 2023", "Quý 3/2023", "Tháng 06/2023"."""
        lab = self.label
        if lab in RELATIVE:
            return f"{RELATIVE[lab]} ({self._months_span()})"
        if m := _PATTERNS["year"].match(lab):
            return f"Năm {m.group(1)}"
        if m := _PATTERNS["half"].match(lab):
            return f"6 tháng {'đầu' if m.group(2) == '1' else 'cuối'} năm {m.group(1)}"
        if m := _PATTERNS["quarter"].match(lab):
            return f"Quý {m.group(2)}/{m.group(1)}"
        if m := _PATTERNS["month"].match(lab):
            return f"Tháng {m.group(2)}/{m.group(1)}"
        return f"{vn_date(self.start)} – {vn_date(self.end)}"

    def _months_span(self) -> str:
        first, last = f"{self.start:%m/%Y}", f"{self.end:%m/%Y}"
        if self.label == "this-year":
            return f"{self.start:%Y}"
        return first if first == last else f"{first} – {last}"


# Relative periods, counted from today: the code in ?period= and --period, and how people say it.
RELATIVE = {
    "this-month": "Tháng này",
    "last-6m": "6 tháng gần nhất",
    "last-12m": "12 tháng gần nhất",
    "this-year": "Năm nay",
}
_RELATIVE_MONTHS = {"this-month": 1, "last-6m": 6, "last-12m": 12}


def relative_period(code: str, today: dt.date) -> Period:
    """`this-month`, `last-6m`, `last-12m` (this month and the 5 or 11 before it) or
    `this-year`, on `today`. Each ends at the end of today's month or year, so it is running."""
    first = today.replace(day=1)
    if code == "this-year":
        return Period(dt.date(today.year, 1, 1), dt.date(today.year, 12, 31), code)
    months = _RELATIVE_MONTHS[code]
    return Period(add_months(first, 1 - months), month_end(today), code)


def refuse_future(period: Period, today: dt.date) -> Period:
    """The period, if it has begun by `today`; a later one has no data to rank or compare."""
    if period.start > today:
        raise ValueError(
            f"Kỳ {period.display} chưa bắt đầu (bắt đầu ngày {vn_date(period.start)}, "
            f"hôm nay là {vn_date(today)}): chưa có số liệu, hãy chọn kỳ khác "
            f"(the period has not begun: it starts on {period.start:%Y-%m-%d}, "
            f"today is {today:%Y-%m-%d}; choose another period)"
        )
    return period


def parse_period(text: str) -> Period:
    """Parse `2023`, `2023-H1`, `2023-Q3` or `2023-06`."""
    raw = text.strip()
    if m := _PATTERNS["year"].match(raw):
        y = int(m.group(1))
        return Period(dt.date(y, 1, 1), dt.date(y, 12, 31), raw)
    if m := _PATTERNS["half"].match(raw):
        y, h = int(m.group(1)), int(m.group(2))
        return Period(dt.date(y, 6 * h - 5, 1), _month_end(y, 6 * h), f"{y}-H{h}")
    if m := _PATTERNS["quarter"].match(raw):
        y, q = int(m.group(1)), int(m.group(2))
        return Period(dt.date(y, 3 * q - 2, 1), _month_end(y, 3 * q), f"{y}-Q{q}")
    if (m := _PATTERNS["month"].match(raw)) and 1 <= int(m.group(2)) <= 12:
        y, mo = int(m.group(1)), int(m.group(2))
        return Period(dt.date(y, mo, 1), _month_end(y, mo), raw)
    raise ValueError(
        f"Kỳ không hợp lệ {text!r}: dùng 2023, 2023-H1, 2023-Q3 hoặc 2023-06 "
        f"(invalid period; use 2023, 2023-H1, 2023-Q3 or 2023-06)"
    )


def period_from_dates(start: dt.date, end: dt.date) -> Period:
    if end < start:
        raise ValueError(
            f"Ngày kết thúc {vn_date(end)} trước ngày bắt đầu {vn_date(start)} "
            "(the end date is before the start date)"
        )
    return Period(start, end, f"{start:%Y-%m-%d}..{end:%Y-%m-%d}")


def parse_date(text: str) -> dt.date:
    """A date as `YYYY-MM-DD` or `dd/mm/yyyy`."""
    raw = text.strip()
    for fmt in ("%Y-%m-%d", "%d/%m/%Y"):
        try:
            return dt.datetime.strptime(raw, fmt).date()
        except ValueError:
            continue
    raise ValueError(f"Ngày không hợp lệ {text!r} (invalid date; use YYYY-MM-DD or dd/mm/yyyy)")


def resolve_period(
    period: str | None, start: str | None, end: str | None, today: dt.date | None = None
) -> Period:
    """The period of a command or request: either `period`, or both `start` and `end`.

    With `today` (the pages, the API, the figure commands): relative codes count from it, and a
    period that begins after it is refused (refuse_future)."""
    if period and (start or end):
        raise ValueError("Chỉ dùng --period hoặc --from/--to (use either --period or --from/--to)")
    if period and today is not None and period.strip().lower() in RELATIVE:
        return relative_period(period.strip().lower(), today)
    if period:
        chosen = parse_period(period)
    elif start and end:
        chosen = period_from_dates(parse_date(start), parse_date(end))
    else:
        raise ValueError(
            "Cần --period hoặc cả --from và --to (give --period, or both --from and --to)"
        )
    return chosen if today is None else refuse_future(chosen, today)
