"""The dossier import: read → map → validate → normalise → timing → upsert → record the batch.

All-or-nothing: a file with any bad row is refused and only an ImportBatch row with status
"rejected" is written (who tried what, and why). With `skip_invalid` the good rows are imported and
the bad ones written to a CSV. Dossiers, steps, created units/procedures and the batch record are
written in one transaction: a failure leaves nothing behind.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import polars as pl
from django.conf import settings
from django.db import connection, transaction
from django.utils import timezone

from cchc.core.calendar import WorkingCalendar
from cchc.core.calendar_db import get_calendar
from cchc.core.importing import ImportRejected, RowError, errors_by_line, file_sha256
from cchc.core.importing import write_rejected as write_rejected_csv
from cchc.core.models import ImportBatch, Procedure, Unit, UnitKind
from cchc.dossiers import hooks, indexes, upsert
from cchc.dossiers.columns import DOSSIER_TABLE
from cchc.dossiers.events import group_events
from cchc.dossiers.future_dates import future_date_errors
from cchc.dossiers.mapping import Mapping, load_mapping
from cchc.dossiers.normalise_pool import normalised, worker_for
from cchc.dossiers.readers import LINE, RawBatch, read_batches
from cchc.dossiers.rulebook.timing import LIMIT_UNIT_CODES
from cchc.dossiers.rulebook.version import RULES_VERSION
from cchc.dossiers.validate import (
    empty_errors,
    global_checks,
    parse_rows,
    parse_steps,
    paused_working_days,
    row_errors,
    to_canonical,
)

Progress = upsert.Progress


@dataclass
class ImportResult:
    batch_id: int
    rows_total: int
    inserted: int
    updated: int
    unchanged: int
    rejected: int
    errors: list[RowError] = field(default_factory=list)


@dataclass
class _Parsed:
    typed: pl.DataFrame
    steps: pl.DataFrame | None
    errors: pl.DataFrame
    raw_events: pl.DataFrame | None  # event logs: the grouped case rows, for the rejected file


def read_rows(
    path: Path,
    mapping: Mapping,
    cal: WorkingCalendar,
    progress: Progress | None,
    exported_at: dt.datetime | None = None,
) -> _Parsed:
    """The file read, mapped and typed, with every row's errors (global checks excepted).

    Dates after `exported_at` (the file's export time), else after now, are errors."""
    limit = exported_at or timezone.now()
    typed_parts: list[pl.DataFrame] = []
    step_parts: list[pl.DataFrame] = []
    error_parts: list[pl.DataFrame] = [empty_errors()]
    batches = read_batches(path, mapping)
    grouped: RawBatch | None = None
    if mapping.events is not None:
        events = pl.concat([b.rows for b in batches], how="diagonal_relaxed")
        grouped = group_events(events, mapping.events)
        batches = iter([grouped])
    done = 0
    for batch in batches:
        canon = to_canonical(batch.rows, mapping, path.name)
        typed, errors = parse_rows(canon)
        error_parts.append(errors)
        error_parts.append(future_date_errors(typed, limit, exported=exported_at is not None))
        if batch.pauses is not None:
            per_line, pause_errors = paused_working_days(batch.pauses, cal, "DanhSachHoSoBoSung")
            error_parts.append(pause_errors)
            typed = (
                typed.join(per_line, on=LINE, how="left", maintain_order="left")
                .with_columns(pl.coalesce("paused_days", "__paused").alias("paused_days"))
                .drop("__paused")
            )
        if batch.steps is not None:
            steps, step_errors = parse_steps(batch.steps)
            error_parts.append(step_errors)
            step_parts.append(steps)
        typed_parts.append(typed)
        done += typed.height
        if progress:
            progress("read", done)
    typed = pl.concat(typed_parts, rechunk=True)
    all_steps = pl.concat(step_parts) if step_parts else None
    return _Parsed(typed, all_steps, pl.concat(error_parts), grouped.rows if grouped else None)


def procedures_frame() -> pl.DataFrame:
    """Per procedure what its dossiers' timing needs: sector, limit, unit and cut-off minute."""
    rows = [
        (p.code, p.sector, float(p.time_limit) if p.time_limit is not None else None,
         LIMIT_UNIT_CODES.get(p.time_unit, 0),
         p.cutoff.hour * 60 + p.cutoff.minute if p.cutoff else -1)
        for p in Procedure.objects.only("code", "sector", "time_limit", "time_unit", "cutoff")
    ]  # fmt: skip
    schema = {"procedure_code": pl.String, "sector": pl.String, "time_limit": pl.Float64,
              "limit_unit": pl.Int64, "cutoff_minute": pl.Int64}  # fmt: skip
    return pl.DataFrame(rows, schema=schema, orient="row")


@dataclass
class _Changed:
    """What the parts held, counted as they are prepared: stored dossiers whose newer export
    differs, and the months those were received in before (a changed receipt date moves one)."""

    rows: int = 0
    months: set[tuple[int, int]] = field(default_factory=set)  # (year, month)


def _month(text: str) -> tuple[int, int]:
    """ "YYYY-MM" (upsert.existing_hashes) → (year, month)."""
    return int(text[:4]), int(text[5:7])


def _parts(
    good: pl.DataFrame,
    normalise_all: Callable[[Iterable[pl.DataFrame]], Iterator[pl.DataFrame]],
    previous: pl.DataFrame,
    changed: _Changed,
) -> Iterator[pl.DataFrame]:
    """The rows to write, normalised part by part: new dossiers, and stored ones whose values
    changed, marked upsert.STORED. `previous`: per row of `good`, its code and stored hash and
    month (null when new)."""
    size = upsert.WRITE_BATCH
    slices = [good.slice(offset, size) for offset in range(0, good.height, size)]
    if previous["stored_hash"].null_count() == previous.height:  # all new: nothing to compare
        for frame in normalise_all(slices):
            yield frame.with_columns(pl.lit(False).alias(upsert.STORED))
        return
    for offset, frame in zip(range(0, good.height, size), normalise_all(slices), strict=True):
        compared = frame.join(
            previous.slice(offset, size), on="code", how="left", maintain_order="left"
        )
        exists = compared["stored_hash"].is_not_null()
        differs = (compared["stored_hash"] != compared["row_hash"]).fill_null(True)
        moved = compared.filter(exists & differs)["stored_month"].unique().to_list()
        changed.rows += int((exists & differs).sum())
        changed.months.update(map(_month, moved))
        yield compared.with_columns(exists.alias(upsert.STORED)).filter(differs)


def _rejected_rows(
    path: Path, mapping: Mapping, parsed: _Parsed, errors: list[RowError]
) -> tuple[list[str], list[tuple[int, dict[str, str], list[RowError]]]]:
    """The rejected rows as read, each with its errors. Event logs: every event row of a rejected
    case (its errors are the case's), so that the file can be corrected and imported again."""
    by_line = errors_by_line(errors)
    lines = pl.Series(sorted(by_line), dtype=pl.UInt32)
    if parsed.raw_events is not None and mapping.events is not None:
        case = mapping.events.case
        bad_cases = parsed.raw_events.filter(pl.col(LINE).is_in(lines.implode())).select(
            case, pl.col(LINE).alias("__case_line")
        )
        keys = bad_cases[case].implode()
        parts = [
            b.rows.filter(pl.col(case).is_in(keys, nulls_equal=True))
            for b in read_batches(path, mapping)
            if case in b.rows.columns
        ] or [parsed.raw_events.filter(pl.col(LINE).is_in(lines.implode()))]  # no case column
        raw = pl.concat(parts, how="diagonal_relaxed").join(
            bad_cases, on=case, how="inner", nulls_equal=True, maintain_order="left"
        )
    else:  # batch by batch: only the rejected rows are kept in memory
        parts = [
            b.rows.filter(pl.col(LINE).is_in(lines.implode())) for b in read_batches(path, mapping)
        ]
        raw = pl.concat(parts, how="diagonal_relaxed").with_columns(
            pl.col(LINE).alias("__case_line")
        )
    header = [c for c in raw.columns if c != LINE and not c.startswith("__")]
    out = []
    for row in raw.iter_rows(named=True):
        values = {h: "" if row[h] is None else str(row[h]) for h in header}
        out.append((int(row[LINE]), values, by_line[int(row["__case_line"])]))
    return header, out


def _create_missing(typed: pl.DataFrame, mapping: Mapping, source: str) -> None:
    if mapping.create_units:
        codes = set(typed["unit_code"].drop_nulls().unique().to_list())
        codes -= set(Unit.objects.filter(code__in=codes).values_list("code", flat=True))
        Unit.objects.bulk_create(
            Unit(code=c, name=c, kind=UnitKind.DIVISION, source=source) for c in sorted(codes)
        )
    if mapping.create_procedures:
        codes = set(typed["procedure_code"].drop_nulls().unique().to_list())
        codes -= set(Procedure.objects.filter(code__in=codes).values_list("code", flat=True))
        Procedure.objects.bulk_create(Procedure(code=c, name=c) for c in sorted(codes))


def import_dossiers(
    path: Path | str,
    mapping: str | Mapping = "canonical",
    *,
    skip_invalid: bool = False,
    rejected_path: Path | str | None = None,
    user: Any = None,
    progress: Progress | None = None,
    exported_at: dt.datetime | None = None,
) -> ImportResult:
    """Import one file. Raises ImportRejected (after recording a rejected batch) on bad rows.

    `exported_at`: when the file was exported, if known (aware); no dossier may be dated after
    it (after the import's start when unknown)."""
    path = Path(path)
    spec = load_mapping(mapping) if isinstance(mapping, str) else mapping
    with worker_for(path) as worker:
        return _import(path, spec, skip_invalid, rejected_path, user, progress, worker, exported_at)


def _import(
    path: Path,
    spec: Mapping,
    skip_invalid: bool,
    rejected_path: Path | str | None,
    user: Any,
    progress: Progress | None,
    worker: ProcessPoolExecutor | None,
    exported_at: dt.datetime | None = None,
) -> ImportResult:
    file_hash = file_sha256(path)
    batch_fields = {"file_name": path.name, "file_hash": file_hash, "mapping": spec.name,
                    "user": user}  # fmt: skip
    cal = get_calendar(fresh=True)  # due dates are stored: the calendar of this moment
    try:
        parsed = read_rows(path, spec, cal, progress, exported_at)
    except ImportRejected as exc:
        _record_rejection(batch_fields, exc, 0)
        raise
    units = set(Unit.objects.values_list("code", flat=True))
    procedures = procedures_frame()
    errors_df = pl.concat(
        [parsed.errors, global_checks(parsed.typed, units, procedures["procedure_code"], spec)]
    )
    errors = row_errors(errors_df, path.name)
    bad_lines = pl.Series(sorted({e.line for e in errors if e.line is not None}), dtype=pl.UInt32)
    total = parsed.typed.height
    if errors and not skip_invalid:
        rejection = ImportRejected(errors, rows_total=total)
        _record_rejection(batch_fields, rejection, total, rejected=len(bad_lines))
        raise rejection
    if errors and rejected_path is not None:
        header, rows = _rejected_rows(path, spec, parsed, errors)
        write_rejected_csv(rejected_path, header, rows)
    good = parsed.typed
    if not bad_lines.is_empty():
        good = good.filter(~pl.col(LINE).is_in(bad_lines.implode()))
    good = good.sort("dossier_code")  # code order keeps the unique index's inserts at its end
    with upsert.bulk_write_settings(), transaction.atomic():
        batch = ImportBatch.objects.create(
            **batch_fields, rows_total=total, rules_version=RULES_VERSION
        )
        _create_missing(good, spec, f"import:{path.name}")
        if spec.create_procedures:
            procedures = procedures_frame()
        stored = upsert.existing_hashes()
        # each row's stored hash and month (null: a new dossier), found once for the whole file
        previous = good.select(pl.col("dossier_code").alias("code")).join(
            stored, on="code", how="left", maintain_order="left"
        )
        inserted = previous["stored_hash"].null_count()
        changed = _Changed()
        vendor, key = connection.vendor, settings.PSEUDONYM_KEY
        parts = _parts(
            good, lambda s: normalised(worker, s, procedures, cal, vendor, key), previous, changed
        )
        # the listeners (the analytics store: docs/analytics.md) follow the write
        write = hooks.Write(set(map(_month, stored["stored_month"].drop_nulls().unique())))
        parts = write.collect(parts)
        rebuild = indexes.should_rebuild(inserted, stored.height)
        with indexes.indexes_rebuilt(DOSSIER_TABLE, rebuild):
            upsert.write_dossiers(parts, batch.pk, progress)
        if parsed.steps is not None and spec.has_steps:
            codes = good.select(LINE, pl.col("dossier_code").alias("code"))
            upsert.replace_steps(parsed.steps.join(codes, on=LINE).drop(LINE), batch.pk)
        batch.inserted, batch.updated = inserted, changed.rows
        batch.unchanged = good.height - inserted - changed.rows
        batch.rejected = len(bad_lines)
        batch.status = ImportBatch.Status.DONE
        batch.finished_at = timezone.now()
        batch.message = "; ".join(e.message() for e in errors[:20])
        batch.save()
        # the months received in now, and those that held a changed dossier before
        write.committed(batch.pk, changed.months)
    return ImportResult(batch.pk, total, batch.inserted, batch.updated, batch.unchanged,
                        batch.rejected, errors)  # fmt: skip


def _record_rejection(
    fields: dict[str, Any], exc: ImportRejected, total: int, rejected: int = 0
) -> None:
    ImportBatch.objects.create(
        **fields,
        status=ImportBatch.Status.REJECTED,
        rows_total=total,
        rejected=rejected,
        message=exc.report(limit=200),
        finished_at=timezone.now(),
    )
