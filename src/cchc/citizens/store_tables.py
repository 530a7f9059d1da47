"""The citizens' rows of the analytics store (analytics/store_extra.py), with no personal data:
survey answers, one row per answered element (no dossier code, no observation, no source), and
feedback items (no name, phone, ID number, text or answer: store_extra.FEEDBACK_COLUMNS)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from django.db import transaction
from django.db.models.signals import post_save
from django.utils import timezone

from cchc.citizens.models_feedback import Feedback, FeedbackRating
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


FeedbackRow = tuple[
    str, str, dt.date, dt.date, dt.date | None, dt.date | None, str, str | None, bool, str | None
]


def feedback_rows() -> Iterator[FeedbackRow]:
    """(item_id, unit_code, received_on, due_on, answered_on, closed_on, state, rating,
    recomplained, category) of every feedback item: received_on is the day it was received
    (local time), rating None when not rated, recomplained when a re-complaint cites it."""
    recomplained = set(
        Feedback.objects.exclude(previous=None).values_list("previous_id", flat=True)
    )
    items = Feedback.objects.select_related("unit").order_by("code")
    for f in items.iterator():
        rating = None if f.rating in ("", FeedbackRating.NONE) else str(f.rating)
        yield (
            f.code,
            f.unit.code,
            timezone.localdate(f.received_at),
            f.due_on,
            f.answered_on,
            f.closed_on,
            str(f.state),
            rating,
            f.pk in recomplained,
            str(f.category) or None,
        )


def _refresh_when_committed(sender: Any, **kwargs: Any) -> None:
    from cchc.analytics.store import refresh_reference

    transaction.on_commit(refresh_reference, robust=True)


@contextmanager
def one_store_refresh() -> Iterator[None]:
    """Many feedback items saved in one go (the demo): the store's small tables are rewritten
    once, after the last is committed, instead of once per saved item."""
    post_save.disconnect(sender=Feedback, dispatch_uid="feedback-store")
    try:
        yield
    finally:
        post_save.connect(_refresh_when_committed, sender=Feedback, dispatch_uid="feedback-store")
    _refresh_when_committed(Feedback)


def paper_response_saved(sender: Any, instance: SurveyResponse, **kwargs: Any) -> None:
    """post_save of a response entered from a paper form: rewrite the store's small tables
    (the citizens' ones with them) once committed. An import's responses are written in bulk
    and refresh the store through their ImportBatch (analytics/listener.py)."""
    if instance.source == SurveySource.PAPER:
        _refresh_when_committed(sender)


def register() -> None:
    """Called from CitizensConfig.ready: the store writes `survey_answers` from these rows."""
    from cchc.analytics.store_extra import register_table

    register_table("survey_answers", survey_answer_rows)
    register_table("feedback", feedback_rows)
    post_save.connect(paper_response_saved, sender=SurveyResponse, dispatch_uid="survey-store")
    post_save.connect(_refresh_when_committed, sender=Feedback, dispatch_uid="feedback-store")
