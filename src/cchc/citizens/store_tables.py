"""The citizens' rows of the analytics store (analytics/store_extra.py): survey answers, one row
per answered element, with no personal data (no dossier code, no observation, no source)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

from cchc.citizens.models_surveys import SurveyResponse
from cchc.citizens.survey_questionnaire import ELEMENTS

SurveyAnswer = tuple[str, str, dt.date, str, str, int]


def survey_answer_rows() -> Iterator[SurveyAnswer]:
    """(response_id, unit_code, answered_on, procedure_code, element, score) of every answered
    element of every response, in the order of the responses' ids."""
    fields = ("response_id", "unit_code", "answered_on", "procedure_code", *ELEMENTS)
    for row in SurveyResponse.objects.order_by("response_id").values_list(*fields).iterator():
        response_id, unit_code, answered_on, procedure_code, *scores = row
        for element, score in zip(ELEMENTS, scores, strict=True):
            if score is not None:
                yield (response_id, unit_code, answered_on, procedure_code, element, int(score))


def register() -> None:
    """Called from CitizensConfig.ready: the store writes `survey_answers` from these rows."""
    from cchc.analytics.store_extra import register_table

    register_table("survey_answers", survey_answer_rows)
