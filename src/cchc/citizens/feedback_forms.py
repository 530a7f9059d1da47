"""The staff intake form: read what was typed, say what is wrong beside each field (Vietnamese)."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Mapping
from dataclasses import dataclass

from django.utils import timezone

from cchc.citizens.categories import FeedbackCategory
from cchc.citizens.feedback_access import can_take_in
from cchc.citizens.feedback_intake import ContactData, dossier_problem, received_problem
from cchc.citizens.models_feedback import FeedbackChannel
from cchc.core.importing import parse_date
from cchc.core.models import Unit
from cchc.web.scope import Scope

INTAKE_FIELDS = (
    "unit",
    "channel",
    "received_date",
    "received_time",
    "dossier_code",
    "text",
    "category",
    "citizen_name",
    "citizen_phone",
    "citizen_id",
)
_CLOCK = re.compile(r"^(\d{1,2})[:h](\d{2})$")


@dataclass(frozen=True)
class Intake:
    unit: Unit
    channel: str
    received_at: dt.datetime
    dossier_code: str
    text: str
    category: str
    contact: ContactData


def _time(text: str) -> dt.time | None:
    match = _CLOCK.match(text.strip())
    if not match or int(match.group(1)) > 23 or int(match.group(2)) > 59:
        return None
    return dt.time(int(match.group(1)), int(match.group(2)))


def parse_intake(
    data: Mapping[str, str], scope: Scope, now: dt.datetime
) -> tuple[Intake | None, dict[str, str]]:
    """The intake, or the errors by field name."""
    value = {f: str(data.get(f, "")).strip() for f in INTAKE_FIELDS}
    errors: dict[str, str] = {}
    unit = Unit.objects.filter(code=value["unit"]).first() if value["unit"] else None
    if unit is None:
        errors["unit"] = "Chọn đơn vị được phản ánh."
    elif not can_take_in(scope, unit.code):
        errors["unit"] = f"Bạn không tiếp nhận phản ánh cho {unit.name}."
    if value["channel"] not in FeedbackChannel.values:
        errors["channel"] = "Chọn kênh tiếp nhận."
    if value["category"] and value["category"] not in FeedbackCategory.values:
        errors["category"] = "Phân loại không hợp lệ."
    if not value["text"]:
        errors["text"] = "Nhập nội dung phản ánh."
    received_at = None
    try:
        day = parse_date(value["received_date"])
    except ValueError:
        errors["received_date"] = "Ngày tiếp nhận cần dạng dd/mm/yyyy."
        day = None
    clock = _time(value["received_time"]) if value["received_time"] else None
    if value["received_time"] and clock is None:
        errors["received_time"] = "Giờ tiếp nhận cần dạng hh:mm (ví dụ 14:30)."
    if day is not None and "received_time" not in errors:
        received_at = timezone.make_aware(dt.datetime.combine(day, clock or dt.time()))
        problem = received_problem(received_at, now)
        if problem:
            errors["received_date"] = problem
    if unit is not None and "unit" not in errors:
        problem = dossier_problem(unit, value["dossier_code"])
        if problem:
            errors["dossier_code"] = problem
    if errors or unit is None or received_at is None:
        return None, errors
    return (
        Intake(
            unit=unit,
            channel=value["channel"],
            received_at=received_at,
            dossier_code=value["dossier_code"],
            text=value["text"],
            category=value["category"],
            contact=ContactData(value["citizen_name"], value["citizen_phone"], value["citizen_id"]),
        ),
        {},
    )
