"""Reading survey rows: one source row (already read by core.importing.read_table) into a checked
response, or the errors naming its line and field. No database access: the caller passes the
known unit codes and today's date."""

from __future__ import annotations

import datetime as dt
from collections.abc import Collection
from dataclasses import dataclass, field
from zoneinfo import ZoneInfo

from cchc.citizens.survey_mapping import ID_FIELDS, REQUIRED_FIELDS, SurveyMapping
from cchc.citizens.survey_questionnaire import ELEMENTS, Questionnaire
from cchc.core.importing import DATE_ERROR_EN, DATE_ERROR_VI, RowError, parse_date
from cchc.core.vn_format import vn_date

LOCAL_ZONE = ZoneInfo("Asia/Ho_Chi_Minh")
# The stored lengths (models_surveys.SurveyResponse).
MAX_LENGTH = {"response_id": 80, "unit_code": 40, "procedure_code": 40, "dossier_code": 80}
YES = frozenset({"yes", "y", "1", "true", "x", "có", "co"})
NO = frozenset({"no", "n", "0", "false", "không", "khong"})


@dataclass
class ParsedResponse:
    line: int
    response_id: str
    unit_code: str
    answered_on: dt.date
    procedure_code: str = ""
    dossier_code: str = ""
    ratings: dict[str, int | None] = field(default_factory=dict)
    observations: dict[str, int | str] = field(default_factory=dict)

    def fields(self) -> dict[str, object]:
        """The stored values, as the model's fields."""
        return {
            "unit_code": self.unit_code,
            "answered_on": self.answered_on,
            "procedure_code": self.procedure_code,
            "dossier_code": self.dossier_code,
            **{e: self.ratings.get(e) for e in ELEMENTS},
            "observations": self.observations,
        }


@dataclass
class Columns:
    """Where each canonical field and observation item is in this file's header."""

    fields: dict[str, str]  # canonical -> source column
    items: dict[str, str]  # item code -> source column

    @property
    def source_columns(self) -> list[str]:
        return [*self.fields.values(), *self.items.values()]


def locate_columns(
    mapping: SurveyMapping, questionnaire: Questionnaire, header: list[str], file: str
) -> tuple[Columns, list[RowError]]:
    fields = {}
    for canonical in (*ID_FIELDS, *ELEMENTS):
        column = mapping.column_for(canonical, header)
        if column is not None:
            fields[canonical] = column
    items = {}
    for item in questionnaire.items:
        column = mapping.observation_column(item.code, header)
        if column is not None:
            items[item.code] = column
    errors = [
        RowError(file, 1, f, "", "Thiếu cột bắt buộc", "missing required column")
        for f in REQUIRED_FIELDS
        if f not in fields
    ]
    if not any(e in fields for e in ELEMENTS):
        errors.append(
            RowError(
                file, 1, "overall", "", "Không có cột câu hỏi hài lòng nào",
                "no satisfaction question column",
            )
        )  # fmt: skip
    return Columns(fields, items), errors


def answered_day(text: str, naive_timezone: str) -> dt.date:
    """The local (Vietnam) day of a date or a date-time; a date-time without an offset is in
    `naive_timezone` (empty: already local). Raises ValueError."""
    text = text.strip()
    if len(text) > 10 and text[4] == "-" and text[10] in "T ":
        moment = dt.datetime.fromisoformat(text.replace("Z", "+00:00"))
        if moment.tzinfo is None and naive_timezone:
            moment = moment.replace(tzinfo=ZoneInfo(naive_timezone))
        if moment.tzinfo is not None:
            moment = moment.astimezone(LOCAL_ZONE)
        return moment.date()
    return parse_date(text)


def _rating(raw: str, mapping: SurveyMapping) -> int:
    text = mapping.ratings.get(raw.strip().lower(), raw.strip())
    number = float(text.replace(",", "."))
    if not number.is_integer() or not 1 <= number <= 5:
        raise ValueError(text)
    return int(number)


def _yes_no(raw: str, mapping: SurveyMapping) -> str:
    text = raw.strip().lower()
    text = mapping.yes_no.get(text, text)
    if text in YES:
        return "yes"
    if text in NO:
        return "no"
    raise ValueError(text)


def parse_row(
    file: str,
    line: int,
    row: dict[str, str],
    columns: Columns,
    mapping: SurveyMapping,
    questionnaire: Questionnaire,
    units: Collection[str],
    today: dt.date,
) -> ParsedResponse | list[RowError]:
    errors: list[RowError] = []

    def err(field_name: str, value: str, vi: str, en: str) -> None:
        errors.append(RowError(file, line, field_name, value, vi, en))

    def get(canonical: str) -> str:
        column = columns.fields.get(canonical)
        return row.get(column, "").strip() if column else ""

    for name, limit in MAX_LENGTH.items():
        if len(get(name)) > limit:
            err(
                name,
                get(name)[:20] + "…",
                f"Dài quá {limit} ký tự",
                f"longer than {limit} characters",
            )
    response_id = get("response_id")
    if mapping.strip_prefix and response_id.startswith(mapping.strip_prefix):
        response_id = response_id[len(mapping.strip_prefix) :]
    if not response_id:
        err("response_id", "", "Thiếu mã phiếu", "missing response id")
    unit_code = get("unit_code")
    if not unit_code:
        err("unit_code", "", "Thiếu mã đơn vị", "missing unit code")
    elif unit_code not in units:
        err("unit_code", unit_code, "Đơn vị không có trong danh mục", "unknown unit")
    answered_text = get("answered_on")
    answered_on = today
    if not answered_text:
        err("answered_on", "", "Thiếu ngày trả lời", "missing answer date")
    else:
        try:
            answered_on = answered_day(answered_text, mapping.naive_timezone)
        except ValueError:
            err("answered_on", answered_text, DATE_ERROR_VI, DATE_ERROR_EN)
        else:
            if answered_on > today:
                err(
                    "answered_on", answered_text,
                    f"Ngày trả lời sau hôm nay ({vn_date(today)})",
                    f"answer date is in the future (today is {today.isoformat()})",
                )  # fmt: skip
    ratings: dict[str, int | None] = {}
    for element in ELEMENTS:
        raw = get(element)
        if not raw:
            ratings[element] = None
            continue
        try:
            ratings[element] = _rating(raw, mapping)
        except ValueError:
            err(
                element, raw, "Điểm phải là số nguyên từ 1 đến 5 (để trống nếu không trả lời)",
                "rating must be a whole number from 1 to 5 (blank if not answered)",
            )  # fmt: skip
    observations: dict[str, int | str] = {}
    for code, column in columns.items.items():
        raw = row.get(column, "").strip()
        if not raw:
            continue
        item = questionnaire.item(code)
        try:
            if item.kind == "count":
                count = int(raw)
                if count < 0:
                    raise ValueError(raw)
                observations[code] = count
            else:
                observations[code] = _yes_no(raw, mapping)
        except ValueError:
            vi, en = (
                ("Cần số nguyên không âm", "expected a whole number ≥ 0")
                if item.kind == "count"
                else ("Cần trả lời có/không", "expected yes or no")
            )
            err(code, raw, vi, en)
    if errors:
        return errors
    return ParsedResponse(
        line=line,
        response_id=response_id,
        unit_code=unit_code,
        answered_on=answered_on,
        procedure_code=get("procedure_code"),
        dossier_code=get("dossier_code"),
        ratings=ratings,
        observations=observations,
    )
