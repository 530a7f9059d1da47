"""Template tags for indicator pages: points with Vietnamese separators (12,34), public scores."""

from __future__ import annotations

import logging

from django import template
from django.utils.translation import get_language

from cchc.core.unit_views import parse_view
from cchc.core.vn_format import vn_number
from cchc.dossiers.periods import Period
from cchc.indicators.catalogue import Group, Indicator, name_in
from cchc.indicators.counted import Counted
from cchc.indicators.web_data import PublicScore, public_scores

register = template.Library()
logger = logging.getLogger(__name__)


@register.filter
def score(value: float | None) -> str:
    """Points or an average, two decimals: 12.345 → "12,35" (English "12.35"); None → "–"."""
    return vn_number(value, 2, get_language() or "vi")


@register.filter
def catalogue_name(item: Indicator | Group) -> str:
    """An indicator's or group's name in the page's language (the catalogue holds both)."""
    return name_in(item, get_language())


@register.filter
def counted_of(counted: dict[str, Counted], code: str) -> Counted | None:
    """What indicator `code`'s numerator and denominator count (counted.py), from the page's
    `counted` (views.counted_by_code)."""
    return counted.get(code)


@register.filter
def other_sets(scores: list[PublicScore]) -> list[PublicScore]:
    """The units judged on another set of indicators than most (named under the table)."""
    return [s for s in scores if s.other_set]


@register.simple_tag
def public_scores_766(period: Period, view: str = "") -> list[PublicScore]:
    """Decision 766 scores per unit for the public page (aggregates only, see web_data), in the
    page's unit view."""
    try:
        return public_scores(period, view=parse_view(view))
    except Exception:
        logger.exception("Không tính được điểm 766 cho trang công khai (public 766 scores failed)")
        return []
