"""The paper-entry form: a typed-in paper questionnaire checked by the import's own row rules
(survey_rows.parse_row) and saved as one response, with an audit entry."""

from __future__ import annotations

import uuid
from collections.abc import Collection, Mapping

from django.contrib.auth.models import AbstractBaseUser, AnonymousUser, User
from django.db import transaction

from cchc.citizens.models_surveys import SurveyResponse, SurveySource
from cchc.citizens.survey_mapping import ID_FIELDS, SurveyMapping
from cchc.citizens.survey_questionnaire import ELEMENTS, Questionnaire
from cchc.citizens.survey_rows import Columns, parse_row
from cchc.core import clock
from cchc.core.audit import record_change, snapshot

FORM_FILE = "phiếu giấy"
_FORM = SurveyMapping(name="paper", description="", columns={})


def form_fields(questionnaire: Questionnaire) -> list[str]:
    return [*ID_FIELDS, *ELEMENTS, *(i.code for i in questionnaire.items)]


def save_paper_response(
    typed: Mapping[str, str],
    questionnaire: Questionnaire,
    allowed_units: Collection[str],
    user: AbstractBaseUser | AnonymousUser,
) -> SurveyResponse | dict[str, str]:
    """Save the form, or return field → message (Vietnamese) and save nothing."""
    row = {name: str(typed.get(name, "")).strip() for name in form_fields(questionnaire)}
    if not row["response_id"]:
        row["response_id"] = f"PG-{uuid.uuid4().hex[:12].upper()}"
    columns = Columns(
        fields={name: name for name in (*ID_FIELDS, *ELEMENTS)},
        items={item.code: item.code for item in questionnaire.items},
    )
    parsed = parse_row(
        FORM_FILE, 1, row, columns, _FORM, questionnaire, allowed_units, clock.today()
    )
    if isinstance(parsed, list):
        errors: dict[str, str] = {}
        for error in parsed:
            errors.setdefault(error.field, error.reason_vi)
        return errors
    if all(parsed.ratings.get(e) is None for e in ELEMENTS):
        return {"overall": "Cần ít nhất một câu trả lời về mức độ hài lòng"}
    if SurveyResponse.objects.filter(response_id=parsed.response_id).exists():
        return {"response_id": "Mã phiếu đã có, hãy dùng mã khác hoặc để trống"}
    with transaction.atomic():
        response = SurveyResponse.objects.create(
            response_id=parsed.response_id,
            questionnaire=questionnaire.code,
            source=SurveySource.PAPER,
            entered_by=user if isinstance(user, User) else None,
            **parsed.fields(),
        )
        record_change(user, "survey_paper_entry", response, None, snapshot(response))
    return response
