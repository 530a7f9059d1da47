"""Is the analytics store current? It is when its stamp records the latest finished import.

Analytics are derived (docs/analytics.md); every figure shows "data as of". Readers (dashboards,
the public page, the inspection planner) use the store only when it holds the latest finished
import (a store older than the data would show stale figures); otherwise they count in the system
database.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from cchc.dossiers.models import ImportBatch
from cchc.indicators.store import StoreStamp, read_stamp


@dataclass(frozen=True)
class Source:
    """The store to read (None: the system database) and the moment the data is as of."""

    stamp: StoreStamp | None
    as_of: dt.datetime | None

    @property
    def from_store(self) -> bool:
        return self.stamp is not None


def latest_import() -> tuple[int | None, dt.datetime | None]:
    """The id and end of the latest finished import, or (None, None)."""
    row = (
        ImportBatch.objects.filter(status=ImportBatch.Status.DONE)
        .order_by("-id")
        .values_list("id", "finished_at")
        .first()
    )
    return (row[0], row[1]) if row else (None, None)


def current_source() -> Source:
    """The store if it holds the latest import (and any dossier), else the system database."""
    batch_id, finished_at = latest_import()
    stamp = read_stamp()
    finished = finished_at.isoformat() if finished_at else None
    if (
        stamp is not None
        and stamp.months > 0
        and (stamp.latest_batch_id, stamp.latest_import_at) == (batch_id, finished)
    ):
        moment = stamp.latest_import_at or stamp.built_at
        return Source(stamp=stamp, as_of=dt.datetime.fromisoformat(moment))
    return Source(stamp=None, as_of=finished_at)
