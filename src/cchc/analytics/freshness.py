"""Is the analytics store current? It is when its stamp records the latest finished import.

Analytics are derived (docs/analytics.md); every figure shows "data as of". Readers (dashboards,
the public page, the inspection planner) use the store only when it holds the latest finished
import (a store older than the data would show stale figures); otherwise they count in the system
database.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from cchc.analytics.store import StoreStamp, read_stamp
from cchc.dossiers.data_as_of import DataAsOf, data_as_of


@dataclass(frozen=True)
class Source:
    """The store to read (None: the system database), the moment the data is as of and the
    version of the rules its timing was computed by ("" when unknown)."""

    stamp: StoreStamp | None
    as_of: dt.datetime | None
    rules_version: str = ""

    @property
    def from_store(self) -> bool:
        return self.stamp is not None


def store_source(stamp: StoreStamp, rules_version: str) -> Source:
    """The store, as of its latest import (or its build, before any import)."""
    moment = stamp.latest_import_at or stamp.built_at
    return Source(stamp, dt.datetime.fromisoformat(moment), rules_version)


def database_source(latest: DataAsOf | None = None) -> Source:
    """The system database, as of its latest finished import or recompute."""
    latest = latest or data_as_of()
    return Source(stamp=None, as_of=latest.finished_at, rules_version=latest.rules_version)


def current_source() -> Source:
    """The store if it holds the latest import (and any dossier), else the system database."""
    latest = data_as_of()
    stamp = read_stamp()
    finished = latest.finished_at.isoformat() if latest.finished_at else None
    if (
        stamp is not None
        and stamp.months > 0
        and (stamp.latest_batch_id, stamp.latest_import_at) == (latest.batch_id, finished)
    ):
        return store_source(stamp, latest.rules_version)
    return database_source(latest)
