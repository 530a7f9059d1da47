"""The citizens' rows of the analytics store (analytics/store_extra.py): survey answers, one row
per answered element, with no personal data (no dossier code, no observation, no source)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from typing import Any

from django.db import transaction
from django.db.models.signals import post_save

from cchc.citizens.models_surveys import SurveyResponse, SurveySource
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


def paper_response_saved(sender: Any, instance: SurveyResponse, **kwargs: Any) -> None:
    """post_save of a response entered from a paper form: rewrite the store's small tables
    (the citizens' ones with them) once committed. An import's responses are written in bulk
    and refresh the store through their ImportBatch (analytics/listener.py)."""
    from cchc.analytics.store import refresh_reference

    if instance.source == SurveySource.PAPER:
        transaction.on_commit(refresh_reference, robust=True)


def register() -> None:
    """Called from CitizensConfig.ready: the store writes `survey_answers` from these rows."""
    from cchc.analytics.store_extra import register_table

    register_table("survey_answers", survey_answer_rows)
    post_save.connect(paper_response_saved, sender=SurveyResponse, dispatch_uid="survey-store")
