"""What the overview and unit pages show, assembled from the summary queries.

Page-independent (no request, no HTML), so the HTML page and the JSON answer share it.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Collection, Mapping
from dataclasses import dataclass
from typing import Any

from django.utils import timezone
from django.utils.translation import gettext

from cchc.analytics.freshness import Source, current_source
from cchc.core import clock
from cchc.core.models import Unit
from cchc.core.unit_views import UnitFrame, comparable_codes
from cchc.dossiers.data_as_of import data_as_of
from cchc.dossiers.periods import Period
from cchc.dossiers.rulebook.version import RULES_VERSION
from cchc.dossiers.summary import SummaryRow, regroup
from cchc.web import figure_source

# Units and sectors with fewer dossiers than this are not ranked (a rate over 3 dossiers says
# little); they are still listed on their own pages.
MIN_DOSSIERS_RANKED = 20
WORST_SHOWN = 10


@dataclass(frozen=True)
class Comparison:
    """One figure now and in the same period last year."""

    label: str
    now: float | int | None
    before: float | int | None
    is_rate: bool
    higher_is_better: bool
    late_state: str = ""  # the late list's `state` holding these dossiers (dossiers.late.STATES)
    count: str = ""  # the dossier list's `count` holding them (dossiers.late.COUNTS), if not late

    @property
    def change(self) -> float | int | None:
        if self.now is None or self.before is None:
            return None
        return self.now - self.before

    @property
    def direction(self) -> str:
        """CSS class: up-good, up-bad, down-good, down-bad or ''."""
        change = self.change
        if not change:
            return ""
        up = change > 0
        good = up == self.higher_is_better
        return f"{'up' if up else 'down'}-{'good' if good else 'bad'}"


def comparisons(now: SummaryRow, before: SummaryRow) -> list[Comparison]:
    return [
        Comparison("Hồ sơ", now.dossiers, before.dossiers, False, True, count="dossiers"),
        Comparison("Tỷ lệ đúng hạn", now.on_time_rate, before.on_time_rate, True, True),
        Comparison("Quá hạn đã xử lý", now.late, before.late, False, False, "ended"),
        Comparison("Đang quá hạn", now.open_overdue, before.open_overdue, False, False, "open"),
        Comparison("Tỷ lệ nộp trực tuyến", now.online_share, before.online_share, True, True),
    ]


def worst(rows: list[SummaryRow], limit: int = WORST_SHOWN) -> list[SummaryRow]:
    """Lowest on-time rate first, among groups with at least MIN_DOSSIERS_RANKED dossiers."""
    ranked = [r for r in rows if r.dossiers >= MIN_DOSSIERS_RANKED and r.on_time_rate is not None]
    ranked.sort(key=lambda r: (r.on_time_rate or 0.0, -r.dossiers, r.group_code))
    return ranked[:limit]


def as_of_context(source: Source | None = None) -> dict[str, Any]:
    """What every page shows beside its figures: "data as of" and the rules version, of `source`
    (pages that read the store or the database, as current_source chose), else of the system
    database (pages that always read it). `rules_current`: the version of this release."""
    if source is None:
        latest = data_as_of()
        moment, rules = latest.finished_at, latest.rules_version
    else:
        moment, rules = source.as_of, source.rules_version
    return {"data_as_of": moment, "rules_version": rules, "rules_current": RULES_VERSION}


@dataclass(frozen=True)
class PeriodFigures:
    period: Period
    previous: Period
    total: SummaryRow
    total_before: SummaryRow
    compare: list[Comparison]
    months: list[SummaryRow]
    months_before: list[SummaryRow]
    units: list[SummaryRow]  # on the view's units when a frame was given
    sectors: list[SummaryRow]
    # Units that had ended by the period's end whose last-year dossiers are in `total_before`
    # (counted for the units they became): (code, name), by code.
    rolled_up: tuple[tuple[str, str], ...] = ()
    # While the period runs: the data's day; last year is cut to the same day (`previous`).
    running_to: dt.date | None = None

    @property
    def running_code(self) -> str:
        """The running month's group code ("2026-12"), or "" once the period has ended."""
        return f"{self.running_to:%Y-%m}" if self.running_to else ""

    def running_month(self, group_code: str) -> str:
        """ " (đến 05/12)" after the running month's label (the month is not over), else ""."""
        if self.running_to is None or group_code != self.running_code:
            return ""
        return f" ({gettext('đến')} {self.running_to:%d/%m})"

    def monthly_chart(self) -> dict[str, list[object]]:
        """Month labels with the on-time rate (in %) this year and last year, for the chart."""
        before = {r.group_code[5:7]: r for r in self.months_before}
        labels: list[object] = []
        now_values: list[object] = []
        before_values: list[object] = []
        for r in self.months:
            month = f"{r.group_code[5:7]}/{r.group_code[:4]}"
            labels.append(month + self.running_month(r.group_code))
            now_values.append(_pct(r.on_time_rate))
            b = before.get(r.group_code[5:7])
            before_values.append(_pct(b.on_time_rate) if b else None)
        return {"labels": labels, "now": now_values, "before": before_values}


def _pct(value: float | None) -> float | None:
    return None if value is None else round(value * 100, 1)


def period_figures(
    period: Period,
    unit_codes: Collection[str] | None,
    today: dt.date | None = None,
    source: Source | None = None,
    frame: UnitFrame | None = None,
    visible: Collection[str] | None = None,
    names: Mapping[str, str] | None = None,
) -> PeriodFigures:
    """The page's figures: one store query per period (or six database queries as fallback).

    Last year compares like with like: while the period runs, only its elapsed part
    (`Period.previous_year_to` the data's day); a unit's figures then include those of the
    units that became it by the period's end (`comparable_codes`), cut to `visible`.
    With `frame`, unit rows are placed on the view's units (unit_frames.regroup; `names`: the
    units' names on the frame's day, when the caller has them).
    """
    src = source or current_source()
    on = today or clock.today()
    day = data_day(src, on)
    previous = period.previous_year_to(day)
    now = figure_source.summaries(src, period, [None, "month", "unit", "sector"], unit_codes, on)
    before_codes: frozenset[str] | None = None
    before_groups: list[str | None] = [None, "month"]
    if unit_codes is not None:
        before_codes = comparable_codes(unit_codes, period.end)
        if visible is not None:
            before_codes &= frozenset(visible)
        before_groups.append("unit")
    before = figure_source.summaries(src, previous, before_groups, before_codes, on)
    total, total_before = now[None][0], before[None][0]
    return PeriodFigures(
        period=period,
        previous=previous,
        total=total,
        total_before=total_before,
        compare=comparisons(total, total_before),
        months=now["month"],
        months_before=before["month"],
        units=now["unit"] if frame is None else regroup(now["unit"], frame, names),
        sectors=now["sector"],
        rolled_up=_rolled_up(before.get("unit", []), period.end),
        running_to=day if day < period.end else None,
    )


def data_day(source: Source, today: dt.date) -> dt.date:
    """The last day the figures hold data for: today, or the day of the last import if earlier
    (a running period is compared with last year up to this day)."""
    if source.as_of is None:
        return today
    moment = timezone.localtime(source.as_of) if timezone.is_aware(source.as_of) else source.as_of
    return min(today, moment.date())  # the province's day, not UTC's


def _rolled_up(rows: list[SummaryRow], end: dt.date) -> tuple[tuple[str, str], ...]:
    """The units among `rows` with dossiers that no longer existed on `end`."""
    codes = [r.group_code for r in rows if r.dossiers > 0]
    if not codes:
        return ()
    ended = Unit.objects.filter(code__in=codes, valid_to__lt=end).order_by("code")
    return tuple(ended.values_list("code", "name"))


def flag_counts(
    period: Period, unit_codes: Collection[str] | None, source: Source | None = None
) -> dict[str, int]:
    """Counted dossiers in the period with each hidden-lateness flag (rules.FLAG_COUNTS)."""
    return figure_source.flag_counts(source or current_source(), period, unit_codes)
