"""What the stored dossiers are as of: the latest finished import or recompute, and the version
of the rules their timing was computed by.

One choice of "the latest import" for every page, the analytics store's stamp, the store-or-
database decision (indicators/freshness.py) and the late list's cache key, so that none of them
can show or assume another moment than the others (DESIGN.md: every dashboard shows "data as of").
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.db.models import F

from cchc.core.models import ImportBatch


@dataclass(frozen=True)
class DataAsOf:
    batch_id: int | None  # the latest finished batch; None before the first
    finished_at: dt.datetime | None
    rules_version: str  # of the latest batch that recorded one (imports, recomputes); "" if none


def data_as_of() -> DataAsOf:
    """The latest done batch by the moment it finished (the latest id first among equal
    moments; one without a recorded end, never written by cchc itself, after those with one)."""
    done = ImportBatch.objects.filter(status=ImportBatch.Status.DONE).order_by(
        F("finished_at").desc(nulls_last=True), "-id"
    )
    latest = done.values_list("id", "finished_at").first()
    rules = done.exclude(rules_version="").values_list("rules_version", flat=True).first()
    return DataAsOf(latest[0] if latest else None, latest[1] if latest else None, rules or "")
