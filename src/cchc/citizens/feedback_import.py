"""`cchc feedback import FILE`: feedback items from CSV or XLSX, all or nothing.

Canonical columns (docs/citizens.md): feedback_id, channel, unit_code, dossier_code, received_at,
text, category, citizen_name, citizen_phone, citizen_id. Required: feedback_id, channel, unit_code,
received_at, text. Every bad cell is reported with its file, line and field and nothing is
written; with `skip_bad` the good rows are imported and the bad ones written to `rejected`.
Re-importing an item (same feedback_id) updates it.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path

from django.contrib.auth.models import AbstractBaseUser, AnonymousUser
from django.db import transaction
from django.utils import timezone

from cchc.citizens.categories import FeedbackCategory
from cchc.citizens.feedback_intake import (
    ContactData,
    dates_for,
    dossier_problem,
    received_problem,
    take_in,
)
from cchc.citizens.models_feedback import Feedback, FeedbackChannel, FeedbackContact
from cchc.core.audit import record_change, snapshot
from cchc.core.importing import ImportRejected, ImportReport, RowError, read_table, write_rejected
from cchc.core.models import Unit
from cchc.core.vn_format import strip_marks

COLUMNS = (
    "feedback_id",
    "channel",
    "unit_code",
    "dossier_code",
    "received_at",
    "text",
    "category",
    "citizen_name",
    "citizen_phone",
    "citizen_id",
)
REQUIRED = ("feedback_id", "channel", "unit_code", "received_at", "text")


@dataclass(frozen=True)
class FeedbackRow:
    line: int
    code: str
    unit: Unit
    channel: str
    dossier_code: str
    received_at: dt.datetime
    text: str
    category: str
    contact: ContactData


def _fold(text: str) -> str:
    return " ".join(strip_marks(text).casefold().replace(",", " ").replace("/", " ").split())


def _choice(value: str, choices: list[tuple[str, str]]) -> str | None:
    """The code of a choice given by its code or its Vietnamese label (marks optional)."""
    wanted = _fold(value)
    for code, label in choices:
        if wanted in (_fold(code), _fold(label)):
            return code
    return None


def parse_moment(text: str) -> dt.datetime:
    """`2026-02-13 16:30`, `2026-02-13T16:30:00`, `13/02/2026 16:30` or a date alone (local)."""
    text = text.strip().replace("T", " ")
    day_part, _, time_part = text.partition(" ")
    if "/" in day_part:
        d, m, y = (int(p) for p in day_part.split("/"))
        day = dt.date(y, m, d)
    else:
        day = dt.date.fromisoformat(day_part)
    clock = dt.time.fromisoformat(time_part.strip()) if time_part.strip() else dt.time()
    return timezone.make_aware(dt.datetime.combine(day, clock))


def _check(
    file: str, line: int, row: dict[str, str], units: dict[str, Unit], now: dt.datetime
) -> tuple[FeedbackRow | None, list[RowError]]:
    errors: list[RowError] = []

    def bad(field: str, vi: str, en: str) -> None:
        errors.append(RowError(file, line, field, row.get(field, ""), vi, en))

    for field in REQUIRED:
        if not row.get(field, "").strip():
            bad(field, "Thiếu giá trị bắt buộc", "required value missing")
    unit = units.get(row.get("unit_code", "").strip())
    if row.get("unit_code", "").strip() and unit is None:
        bad("unit_code", "Không có đơn vị mã này", "unknown unit code")
    channel = _choice(row.get("channel", ""), FeedbackChannel.choices)
    if row.get("channel", "").strip() and channel is None:
        bad(
            "channel",
            "Kênh tiếp nhận không hợp lệ",
            f"unknown channel; use {', '.join(FeedbackChannel.values)}",
        )
    category = ""
    if row.get("category", "").strip():
        category = _choice(row["category"], FeedbackCategory.choices) or ""
        if not category:
            bad(
                "category",
                "Phân loại không hợp lệ",
                f"unknown category; use {', '.join(FeedbackCategory.values)}",
            )
    received: dt.datetime | None = None
    if row.get("received_at", "").strip():
        try:
            received = parse_moment(row["received_at"])
        except ValueError:
            bad(
                "received_at",
                "Thời điểm không hợp lệ, cần dạng yyyy-mm-dd hh:mm",
                "invalid date and time",
            )
        else:
            if received_problem(received, now):
                bad("received_at", "Thời điểm tiếp nhận ở tương lai", "received in the future")
    if unit is not None and row.get("dossier_code", "").strip():
        problem = dossier_problem(unit, row["dossier_code"])
        if problem:
            bad("dossier_code", problem.rstrip("."), "dossier not found among the unit's dossiers")
    if errors or unit is None or channel is None or received is None:
        return None, errors
    return (
        FeedbackRow(
            line=line,
            code=row["feedback_id"].strip(),
            unit=unit,
            channel=channel,
            dossier_code=row.get("dossier_code", "").strip(),
            received_at=received,
            text=row["text"].strip(),
            category=category,
            contact=ContactData(
                row.get("citizen_name", "").strip(),
                row.get("citizen_phone", "").strip(),
                row.get("citizen_id", "").strip(),
            ),
        ),
        [],
    )


def _update(
    user: AbstractBaseUser | AnonymousUser | None, item: Feedback, row: FeedbackRow
) -> bool:
    before = snapshot(item)
    dates = dates_for(row.received_at)
    item.unit = row.unit
    item.channel = row.channel
    item.dossier_code = row.dossier_code
    item.received_at = row.received_at.astimezone(dt.UTC)
    item.text = row.text
    item.deemed_receipt_on = dates.deemed_receipt
    item.due_on = dates.due
    if row.category:
        item.category = row.category
    item.citizen_pseudonym = row.contact.pseudonym() or item.citizen_pseudonym
    after = snapshot(item)
    contact, _ = FeedbackContact.objects.get_or_create(feedback=item)
    new_contact = (row.contact.name, row.contact.phone, row.contact.id_number)
    contact_changed = (contact.name, contact.phone, contact.id_number) != new_contact
    if contact_changed:
        contact.name, contact.phone, contact.id_number = new_contact
        contact.save()
        # Personal data stays out of the audit log: only that it changed.
        record_change(user, "feedback.import_contact", item, None, {"contact": "đã cập nhật"})
    if before == after:
        return contact_changed
    item.save()
    record_change(user, "feedback.import_update", item, before, after)
    return True


def import_feedback(
    path: Path | str,
    user: AbstractBaseUser | AnonymousUser | None = None,
    *,
    skip_bad: bool = False,
    rejected: Path | str | None = None,
    now: dt.datetime | None = None,
) -> ImportReport:
    table = read_table(path, required=REQUIRED)
    missing = table.missing_columns(REQUIRED)
    if missing:
        raise ImportRejected(missing)
    moment = now or timezone.now()
    units = {u.code: u for u in Unit.objects.all()}
    good: list[FeedbackRow] = []
    bad: list[tuple[int, dict[str, str], list[RowError]]] = []
    seen: dict[str, int] = {}
    for line, row in table.rows:
        checked, errors = _check(table.file, line, row, units, moment)
        code = row.get("feedback_id", "").strip()
        if code and code in seen:
            errors.append(
                RowError(
                    table.file,
                    line,
                    "feedback_id",
                    code,
                    f"Trùng mã với dòng {seen[code]}",
                    "duplicate feedback_id",
                )
            )
            checked = None
        seen.setdefault(code, line)
        if checked is None:
            bad.append((line, row, errors))
        else:
            good.append(checked)
    if bad and not skip_bad:
        raise ImportRejected([e for _line, _row, errors in bad for e in errors], len(table.rows))
    report = ImportReport(file=table.file, kind="feedback", rows_total=len(table.rows))
    with transaction.atomic():
        existing = {f.code: f for f in Feedback.objects.filter(code__in=[r.code for r in good])}
        for fb in good:
            item = existing.get(fb.code)
            if item is None:
                take_in(
                    user,
                    unit=fb.unit,
                    channel=fb.channel,
                    text=fb.text,
                    received_at=fb.received_at,
                    dossier_code=fb.dossier_code,
                    category=fb.category,
                    contact=fb.contact,
                    code=fb.code,
                    now=moment,
                )
                report.inserted += 1
            elif _update(user, item, fb):
                report.updated += 1
            else:
                report.unchanged += 1
    report.rejected = len(bad)
    if bad and rejected is not None:
        write_rejected(rejected, table.header, bad)
        report.notes.append(f"Các dòng bị loại ghi vào (rejected rows written to) {rejected}")
    return report
