"""A suggested category for a citizen's feedback, from the shipped offline model.

Staff file every item; the suggestion only helps them (it never files on its own). The model is
read once, on the first suggestion.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

from cchc.citizens.categories import FeedbackCategory
from cchc.citizens.labelled import MODEL
from cchc.citizens.segment import syllables
from cchc.citizens.textmodel import TextModel


@dataclass(frozen=True)
class Suggestion:
    category: FeedbackCategory
    confidence: float  # the model's probability for the category, 0–1


@cache
def shipped_model() -> TextModel:
    return TextModel.load(MODEL)


def suggest(text: str) -> Suggestion | None:
    """The most probable category, or None when the text has no words to go on."""
    if not syllables(text):
        return None
    category, confidence = shipped_model().predict(text)
    return Suggestion(FeedbackCategory(category), confidence)
