"""A suggested category for a feedback text (gợi ý phân loại): replaced by the classifier at merge.

Staff always choose the category; the suggestion is only shown beside it.
"""

from __future__ import annotations

from dataclasses import dataclass

from cchc.citizens.categories import FeedbackCategory


@dataclass(frozen=True)
class Suggestion:
    category: FeedbackCategory
    confidence: float  # 0–1


def suggest(text: str) -> Suggestion | None:
    # replaced by the classifier at merge
    return None
