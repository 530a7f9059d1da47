"""What a target measures at each review: for a cchc indicator, the value computed from the
dossiers over each half-year (and the half-year to date); for an external index, the served
province's published result of each year (read at 31/12). A value entered by hand at a review
(TargetReview) is the official reading: on its date it replaces the computed or published one.

Nothing here is stored: the values are read live each time (cached in memory until the data
change, measure_indicator)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from cchc.core.vn_format import vn_date
from cchc.dossiers.periods import Period
from cchc.plans.indices_queries import external_series, served_province
from cchc.plans.measure_indicator import figure, total_row
from cchc.plans.models_plans import Target, TargetKind, TargetReview
from cchc.plans.review_rules import half_year_label, half_year_start, review_days

MEASURED = "measured"  # computed by cchc from the dossiers
PUBLISHED = "published"  # an external index's published result
REVIEW = "review"  # entered at a review (TargetReview)


@dataclass(frozen=True)
class Point:
    day: dt.date
    value: float
    source: str
    origin: str  # MEASURED | PUBLISHED | REVIEW
    period_label: str = ""  # the measured half-year ("2023-H1"), for links to its dossiers


def start_of(target: Target) -> dt.date:
    return target.baseline_date or target.plan.period_start


def review_dates(target: Target, today: dt.date) -> list[dt.date]:
    """The review points: each 30/06 and 31/12 from the baseline date to min(target date,
    today), and that last day itself for an indicator target (the half-year to date)."""
    end = min(target.target_date, today)
    return review_days(start_of(target), end, target.kind == TargetKind.INDICATOR)


def measured_period(day: dt.date) -> Period:
    """The half-year up to `day`, labelled as the whole half-year (what the dossier lists take)."""
    return Period(half_year_start(day), day, half_year_label(day))


def measured_at(target: Target, day: dt.date, today: dt.date) -> Point | None:
    """The indicator's value over the half-year ending on `day`, as computed on `today`."""
    period = measured_period(day)
    unit_code = target.unit.code if target.unit_id is not None and target.unit else None
    value = figure(total_row(unit_code, period, today), target.indicator_code)
    if value is None:
        return None
    source = f"cchc, {period.display}"
    if day != _half_year_end(day):
        source += f" (đến ngày {vn_date(day)})"
    return Point(day, value, source, MEASURED, period.label)


def _half_year_end(day: dt.date) -> dt.date:
    return dt.date(day.year, 6, 30) if day.month <= 6 else dt.date(day.year, 12, 31)


def published(target: Target, today: dt.date) -> list[Point]:
    """The served province's published results for the target's index and code, one a year at
    31/12, from the baseline date to min(target date, today); `measure` "rank" reads the rank."""
    province = served_province()
    if province is None or not target.index_name or not target.index_code:
        return []
    start, end = start_of(target), min(target.target_date, today)
    points = []
    for year, found in external_series(target.index_name, target.index_code, province.name).items():
        day = dt.date(year, 12, 31)
        raw = found.rank if target.measure == "rank" else found.value
        if raw is None or not start <= day <= end:
            continue
        source = found.source or f"{target.index_name} {year}"
        points.append(Point(day, float(raw), source, PUBLISHED))
    return points


def reviewed(target: Target, today: dt.date) -> list[Point]:
    rows = TargetReview.objects.filter(target=target, review_date__lte=today)
    return [
        Point(r.review_date, r.value, r.source or "Nhập tại kỳ đánh giá", REVIEW)
        for r in rows.order_by("review_date")
    ]


def series(target: Target, today: dt.date) -> list[Point]:
    """Every reading of the target up to `today`, oldest first; a review on a date replaces the
    computed or published value of that date."""
    by_day: dict[dt.date, Point] = {}
    if target.kind == TargetKind.INDICATOR:
        for day in review_dates(target, today):
            if (point := measured_at(target, day, today)) is not None:
                by_day[day] = point
    else:
        by_day.update((p.day, p) for p in published(target, today))
    by_day.update((p.day, p) for p in reviewed(target, today))
    return [by_day[day] for day in sorted(by_day)]


def latest(target: Target, today: dt.date) -> Point | None:
    """The most recent reading. An indicator target computes only as far back as it must."""
    if target.kind != TargetKind.INDICATOR:
        points = series(target, today)
        return points[-1] if points else None
    reviews = {p.day: p for p in reviewed(target, today)}
    days = sorted(set(review_dates(target, today)) | set(reviews), reverse=True)
    for day in days:
        if day in reviews:
            return reviews[day]
        if (point := measured_at(target, day, today)) is not None:
            return point
    return None


def point_json(point: Point) -> dict[str, object]:
    """A reading for the CLI and the API: {date (ISO), value, source, origin}."""
    return {
        "date": point.day.isoformat(),
        "value": round(point.value, 4),
        "source": point.source,
        "origin": point.origin,
    }
