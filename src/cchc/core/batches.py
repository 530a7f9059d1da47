"""Recording reference-data imports (units, procedures) as ImportBatch rows."""

from __future__ import annotations

from pathlib import Path

from django.utils import timezone

from cchc.core.importing import ImportRejected, ImportReport, file_sha256
from cchc.core.models import ImportBatch


def record_done(path: Path, report: ImportReport, mapping: str = "") -> ImportBatch:
    batch = ImportBatch.objects.create(
        kind=report.kind,
        file_name=path.name,
        file_hash=file_sha256(path),
        mapping=mapping,
        status=ImportBatch.Status.DONE,
        rows_total=report.rows_total,
        inserted=report.inserted,
        updated=report.updated,
        unchanged=report.unchanged,
        rejected=report.rejected,
        message="\n".join(report.notes),
        finished_at=timezone.now(),
    )
    report.batch_id = batch.pk
    return batch


def record_rejected(path: Path, kind: str, error: ImportRejected, mapping: str = "") -> ImportBatch:
    """A refused file is logged too (nothing else is written)."""
    return ImportBatch.objects.create(
        kind=kind,
        file_name=path.name,
        file_hash=file_sha256(path) if path.is_file() else "",
        mapping=mapping,
        status=ImportBatch.Status.REJECTED,
        rows_total=error.rows_total or 0,
        rejected=len({e.line for e in error.errors}),
        message=error.report(),
        finished_at=timezone.now(),
    )
