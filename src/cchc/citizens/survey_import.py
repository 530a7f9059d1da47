"""`cchc surveys import`: a survey export (CSV or XLSX; canonical, KoboToolbox, ODK or a user's
mapping) into SurveyResponse rows, all or nothing; re-importing a response id updates it."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from django.contrib.auth.models import AbstractBaseUser, User
from django.db import transaction

from cchc.citizens.models_surveys import SurveyResponse, SurveySource
from cchc.citizens.survey_mapping import SurveyMapping, load_survey_mapping
from cchc.citizens.survey_questionnaire import Questionnaire, read_questionnaire
from cchc.citizens.survey_rows import Columns, ParsedResponse, locate_columns, parse_row
from cchc.core import clock
from cchc.core.batches import record_done, record_rejected
from cchc.core.importing import ImportRejected, ImportReport, RowError, read_table, write_rejected
from cchc.core.models import ImportBatch, Unit

KIND = "surveys"


def _check(
    path: Path, mapping: SurveyMapping, questionnaire: Questionnaire
) -> tuple[Columns, list[ParsedResponse], list[tuple[int, dict[str, str], list[RowError]]], int]:
    table = read_table(path)
    columns, header_errors = locate_columns(mapping, questionnaire, table.header, table.file)
    if header_errors:
        raise ImportRejected(header_errors, rows_total=len(table.rows))
    units = set(Unit.objects.values_list("code", flat=True))
    today = clock.today()
    good: list[ParsedResponse] = []
    bad: list[tuple[int, dict[str, str], list[RowError]]] = []
    first_line: dict[str, int] = {}
    for line, row in table.rows:
        parsed = parse_row(table.file, line, row, columns, mapping, questionnaire, units, today)
        if isinstance(parsed, list):
            bad.append((line, row, parsed))
            continue
        seen = first_line.get(parsed.response_id)
        if seen is not None:
            bad.append((line, row, [RowError(
                table.file, line, "response_id", parsed.response_id,
                f"Mã phiếu trùng với dòng {seen}", f"duplicate response id (line {seen})",
            )]))  # fmt: skip
            continue
        first_line[parsed.response_id] = line
        good.append(parsed)
    return columns, good, bad, len(table.rows)


def _upsert(
    responses: Sequence[ParsedResponse], questionnaire: str, batch: ImportBatch | None
) -> tuple[int, int, int]:
    existing = {
        r.response_id: r
        for r in SurveyResponse.objects.filter(response_id__in=[p.response_id for p in responses])
    }
    new: list[SurveyResponse] = []
    changed: list[SurveyResponse] = []
    unchanged = 0
    for parsed in responses:
        values = parsed.fields()
        current = existing.get(parsed.response_id)
        if current is None:
            new.append(
                SurveyResponse(
                    response_id=parsed.response_id,
                    questionnaire=questionnaire,
                    source=SurveySource.IMPORT,
                    batch=batch,
                    **values,
                )
            )
        elif any(getattr(current, k) != v for k, v in values.items()):
            for key, value in values.items():
                setattr(current, key, value)
            current.batch = batch
            current.save()
            changed.append(current)
        else:
            unchanged += 1
    SurveyResponse.objects.bulk_create(new, batch_size=500)
    return len(new), len(changed), unchanged


def import_surveys(
    path: Path | str,
    mapping: str = "canonical",
    questionnaire: Path | str | None = None,
    skip_bad: bool = False,
    rejected_out: Path | str | None = None,
    user: AbstractBaseUser | None = None,
) -> ImportReport:
    """Import a survey file. Raises ImportRejected (nothing written but the refused batch's log
    entry) on any bad row unless `skip_bad`, when good rows go in and bad ones to `rejected_out`."""
    path = Path(path)
    chosen = load_survey_mapping(mapping)
    form = read_questionnaire(questionnaire)
    try:
        columns, good, bad, total = _check(path, chosen, form)
        if bad and not skip_bad:
            raise ImportRejected([e for _, _, errors in bad for e in errors], rows_total=total)
    except ImportRejected as refused:
        record_rejected(path, KIND, refused, chosen.name)
        raise
    report = ImportReport(file=path.name, kind=KIND, rows_total=total, rejected=len(bad))
    with transaction.atomic():
        batch = record_done(path, report, chosen.name)
        report.inserted, report.updated, report.unchanged = _upsert(good, form.code, batch)
        batch.inserted, batch.updated, batch.unchanged = (
            report.inserted,
            report.updated,
            report.unchanged,
        )
        batch.user = user if isinstance(user, User) else None
        batch.save()
    if bad and rejected_out is not None:
        # Only the mapped columns: a respondent's name or phone is never copied out.
        write_rejected(rejected_out, columns.source_columns, bad)
        report.notes.append(
            f"Các dòng bị loại ghi vào (rejected rows written to) {Path(rejected_out).name}"
        )
    return report
