"""The analytics gateway, in the manner of datasette's `Database`: one object owns the derived
store (where it is, whether it is current, its refresh and rebuild, how DuckDB is opened) and
answers every aggregate query. It reads the store when the store holds the latest finished
import and the system database otherwise; both answer through the same SQL, printed from the
rulebook, so a page, a command, a plan and a report give the same figure, with one "data as
of" (`Source.as_of`)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Collection, Mapping, Sequence
from dataclasses import dataclass
from typing import Literal

from cchc.analytics import risk, samples, summary
from cchc.analytics.backend import Backend, database_backend, store_backend
from cchc.analytics.freshness import Source, current_source, database_source, store_source
from cchc.analytics.store import ensure_store
from cchc.analytics.store_schema import dossier_glob
from cchc.dossiers.periods import Period
from cchc.dossiers.summary import SummaryFilters, SummaryRow

Prefer = Literal["auto", "database", "store"]
PREFERENCES: tuple[Prefer, ...] = ("auto", "database", "store")


@dataclass(frozen=True)
class Analytics:
    """Aggregates over the dossiers of one source: the store (`source.stamp`) or the database."""

    source: Source

    @classmethod
    def current(cls, prefer: Prefer = "auto") -> Analytics:
        """ "auto": the store when it holds the latest import, else the database; "store" builds
        the store on first use; "database" counts in the system database."""
        if prefer not in PREFERENCES:
            raise ValueError(
                f"Nguồn không hợp lệ {prefer!r} (invalid source; use {', '.join(PREFERENCES)})"
            )
        if prefer == "store":
            stamp = ensure_store()
            return cls(store_source(stamp, stamp.rules_version))
        if prefer == "database":
            return cls(database_source())
        return cls(current_source())

    @property
    def from_store(self) -> bool:
        return self.source.stamp is not None

    @property
    def backend(self) -> Backend:
        """The store's; the database's for a store without a month (DuckDB finds no file)."""
        stamp = self.source.stamp
        return store_backend(dossier_glob()) if stamp and stamp.months else database_backend()

    def summaries(
        self,
        period: Period,
        groupings: Sequence[str | None],
        unit_codes: Collection[str] | None = None,
        today: dt.date | None = None,
        filters: SummaryFilters | None = None,
    ) -> dict[str | None, list[SummaryRow]]:
        return summary.summaries(self.backend, period, groupings, unit_codes, today, filters)

    def summarise(
        self,
        period: Period,
        by: str | None = None,
        unit_codes: Collection[str] | None = None,
        today: dt.date | None = None,
        filters: SummaryFilters | None = None,
    ) -> list[SummaryRow]:
        """One row per group (or the total row when `by` is None), ordered by group code."""
        return self.summaries(period, [by], unit_codes, today, filters)[by]

    def flag_counts(self, period: Period, unit_codes: Collection[str] | None) -> dict[str, int]:
        return summary.flag_counts(self.backend, period, unit_codes)

    def risk_counts(
        self, period: Period, reference: dt.date
    ) -> list[tuple[str, str, dict[str, int]]]:
        return risk.risk_counts(self.backend, period, reference)

    def sample_class_sizes(
        self,
        units: Collection[str],
        period: Period,
        reference: dt.date,
        shown: Mapping[str, str] | None = None,
    ) -> dict[str, list[int]]:
        return samples.class_sizes(self.backend, units, period, reference, shown)

    def sample_codes(
        self,
        wanted: Sequence[tuple[str, int, int]],
        period: Period,
        reference: dt.date,
        shown: Mapping[str, str] | None = None,
    ) -> dict[tuple[str, int, int], str]:
        return samples.codes_at(self.backend, wanted, period, reference, shown)
