"""What the stored dossiers are as of: the latest finished import or recompute, and the version
of the rules their timing was computed by.

One choice of "the latest import" for every page, the analytics store's stamp, the store-or-
database decision (analytics/freshness.py) and the late list's cache key, so that none of them
can show or assume another moment than the others (docs/web.md: every page shows "data as of").
Only batches that change dossiers count: an import of units or procedures changes no dossier, so
it neither moves "data as of" nor makes the store stale (the store follows it by rewriting its
reference tables: analytics/listener.py).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.db.models import F, QuerySet

from cchc.core.change_stamp import remember
from cchc.core.models import ImportBatch

# ImportBatch.kind of the batches that change dossiers: imports and recomputes (RECOMPUTE_KIND)
DOSSIER_KINDS = ("dossiers", "recompute")


@dataclass(frozen=True)
class DataAsOf:
    batch_id: int | None  # the latest finished batch; None before the first
    finished_at: dt.datetime | None
    rules_version: str  # of the latest batch that recorded one (imports, recomputes); "" if none


def _done(dossiers_only: bool = True) -> QuerySet[ImportBatch]:
    """Done batches, the latest by the moment it finished first (the latest id first among equal
    moments; one without a recorded end, never written by cchc itself, after those with one)."""
    done = ImportBatch.objects.filter(status=ImportBatch.Status.DONE)
    if dossiers_only:
        done = done.filter(kind__in=DOSSIER_KINDS)
    return done.order_by(F("finished_at").desc(nulls_last=True), "-id")


def latest_batch(dossiers_only: bool = False) -> tuple[int | None, dt.datetime | None]:
    """The id and end of the latest finished batch, or (None, None): one query. Of any kind by
    default, for the cache versions of values read from the database (the late list's order
    under a unit changes with the unit tree); of dossier batches for "data as of"."""
    latest = _done(dossiers_only).values_list("id", "finished_at").first()
    return (latest[0], latest[1]) if latest else (None, None)


def data_as_of() -> DataAsOf:
    """The latest finished import or recompute of dossiers, and the rules version of the latest
    that recorded one; remembered under the change stamp (a batch raises it when it ends)."""
    return remember("data_as_of", _read_data_as_of)


def _read_data_as_of() -> DataAsOf:
    batch_id, finished_at = latest_batch(dossiers_only=True)
    rules = _done().exclude(rules_version="").values_list("rules_version", flat=True).first()
    return DataAsOf(batch_id, finished_at, rules or "")
