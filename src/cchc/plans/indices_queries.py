"""Reading stored index results: the figures of all provinces for one code and year (for ranks,
leader, median), one province's series, the served province, and what a plan's target reads
(`external_value`, `external_series`)."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from decimal import Decimal

from django.conf import settings

from cchc.core.request_memo import memo
from cchc.plans.indices_figures import province_key
from cchc.plans.indices_names import PAPI, TOTAL
from cchc.plans.models_indices import IndexResult


@dataclass(frozen=True)
class Province:
    key: str
    name: str


def cohort(index: str, year: int, code: str) -> dict[str, Decimal]:
    """Province key → value, every province with a figure for `code` in `year`."""
    rows = IndexResult.objects.filter(index=index, year=year, code=code, value__isnull=False)
    return {key: value for key, value in rows.values_list("province_key", "value") if value}


def province_names(index: str = PAPI) -> dict[str, str]:
    rows = IndexResult.objects.filter(index=index).values_list("province_key", "province")
    return dict(rows.distinct())


def results_of(province: str, index: str | None = None) -> list[IndexResult]:
    """Every figure of a province (by name or key), oldest year first."""
    rows = IndexResult.objects.filter(province_key=province_key(province))
    if index:
        rows = rows.filter(index=index)
    return list(rows.order_by("index", "year", "code"))


def served_province() -> Province | None:
    """The province of CCHC_PROVINCE; when unset, the one with PAPI totals in the most years.
    Once per request (a plan page reads it for each target on an external index)."""
    return memo("plans.served_province", _served_province)


def _served_province() -> Province | None:
    wanted = str(getattr(settings, "PROVINCE", "") or "")
    names = province_names()
    if wanted:
        key = province_key(wanted)
        return Province(key, names.get(key, wanted))
    years = Counter(
        IndexResult.objects.filter(index=PAPI, code=TOTAL).values_list("province_key", flat=True)
    )
    if not years:
        return None
    key = min(years, key=lambda k: (-years[k], k))
    return Province(key, names[key])


def comparison_years(index: str = PAPI) -> list[int]:
    """Years in which at least two provinces have a total: a position means something there."""
    counts = Counter(
        IndexResult.objects.filter(index=index, code=TOTAL, value__isnull=False).values_list(
            "year", flat=True
        )
    )
    return sorted(year for year, n in counts.items() if n >= 2)


@dataclass(frozen=True)
class ExternalValue:
    """A target's external value in one year, with where it comes from."""

    year: int
    value: Decimal | None
    maximum: Decimal | None
    rank: int | None
    rank_of: int | None
    origin: str
    source: str
    source_url: str
    unconfirmed: bool


def _external(row: IndexResult) -> ExternalValue:
    return ExternalValue(
        year=row.year,
        value=row.value,
        maximum=row.maximum,
        rank=row.rank,
        rank_of=row.rank_of,
        origin=row.origin,
        source=row.source,
        source_url=row.source_url,
        unconfirmed=row.unconfirmed,
    )


def external_series(index: str, code: str, province: str) -> dict[int, ExternalValue]:
    """Year → the published figure of `province` (name or key) for `index` and `code`
    (TOTAL, D1…D8, SC11…): what a plan's target on an external index reads each year."""
    rows = IndexResult.objects.filter(
        index=index, code=code, province_key=province_key(province)
    ).order_by("year")
    return {row.year: _external(row) for row in rows}


def external_value(index: str, code: str, province: str, year: int) -> ExternalValue | None:
    return external_series(index, code, province).get(year)
