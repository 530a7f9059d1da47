"""The analytics store follows every write of dossiers (dossiers/hooks.py): an import hands it
the rows of the months that held no dossier before (store_frames.FreshMonths); once the write is
committed, the months it touched are rewritten (store.refresh_after_import). An import of units
or procedures (an ImportBatch of another kind) rewrites the store's reference tables once it is
committed (store.refresh_reference)."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import Any

import polars as pl
from django.db import transaction

from cchc.analytics import store
from cchc.analytics.store_frames import FreshMonths
from cchc.core.models import ImportBatch
from cchc.dossiers.data_as_of import DOSSIER_KINDS
from cchc.dossiers.hooks import Month


class StoreListener:
    def start(self, months_before: set[Month] | None) -> FreshMonths | None:
        """With a store and the months known, keep the rows of the months empty until now."""
        if months_before is None or store.read_stamp() is None:
            return None
        return FreshMonths(months_before)

    def collect(
        self, state: FreshMonths | None, parts: Iterable[pl.DataFrame]
    ) -> Iterator[pl.DataFrame]:
        return state.collect(parts) if state is not None else iter(parts)

    def committed(self, state: FreshMonths | None, batch_id: int, months: set[Month]) -> None:
        store.refresh_after_import(batch_id, months, state)


LISTENER = StoreListener()


def reference_import_saved(sender: Any, instance: ImportBatch, **kwargs: Any) -> None:
    """post_save of an ImportBatch: a finished import of reference data refreshes the store's
    reference tables after the commit (dossier batches have their own refresh above)."""
    if instance.status == ImportBatch.Status.DONE and instance.kind not in DOSSIER_KINDS:
        transaction.on_commit(store.refresh_reference, robust=True)
