"""Which source counts the planner's inputs: the analytics store when current, else the system
database (the analytics gateway decides, as for every page).

"auto" (the default of `cchc inspections plan`, the planner service and the web risk/plan pages)
uses the DuckDB/Parquet store only when it holds the latest finished import, and otherwise counts
in the system database, so a plan is never drawn from figures older than the data. "database"
and "store" force one ("store" builds the store on first use). Runs stored before this naming
recorded "sql" and "analytics": they read as "database" and "store".
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from cchc.analytics.gateway import PREFERENCES, Analytics, Prefer

SOURCES = PREFERENCES
LEGACY = {"sql": "database", "analytics": "store"}  # names of stored runs and old scripts


@dataclass(frozen=True)
class InputSource:
    analytics: Analytics
    requested: str  # what the caller asked for: "auto" | "database" | "store"

    @property
    def source(self) -> str:
        """The source that counted: "database" | "store"."""
        return "store" if self.analytics.from_store else "database"

    @property
    def data_as_of(self) -> str | None:
        moment = self.analytics.source.as_of
        return moment.isoformat() if moment else None

    def to_json(self) -> dict[str, str | None]:
        return {"source": self.source, "requested": self.requested, "data_as_of": self.data_as_of}


def source_label(source: str) -> str:
    """The source's name for people (Vietnamese first)."""
    if LEGACY.get(source, source) == "store":
        return "kho phân tích"
    return "cơ sở dữ liệu hệ thống"


def resolve(requested: str = "auto") -> InputSource:
    """The source for `requested`; ValueError for an unknown name."""
    name = LEGACY.get(requested, requested)
    if name not in SOURCES:
        raise ValueError(
            f"Nguồn không hợp lệ {requested!r} (invalid source; use {', '.join(SOURCES)})"
        )
    prefer: Prefer = "store" if name == "store" else "database" if name == "database" else "auto"
    return InputSource(Analytics.current(prefer), name)


def recorded_source(recorded: dict[str, Any] | None) -> dict[str, Any]:
    """A run's recorded source in today's names; runs stored before it was recorded used the
    database."""
    if not recorded:
        return {"source": "database", "requested": "database", "data_as_of": None}
    source = recorded.get("source", LEGACY.get(recorded.get("engine", ""), "database"))
    requested = recorded.get("requested", "database")
    return {**recorded, "source": source, "requested": LEGACY.get(requested, requested)}
