"""Numbers, rates and dates as Vietnamese readers expect them (1.234.567; 93,5%; 31/12/2024).

English pages use 1,234,567 and 93.5%; dates stay dd/mm/yyyy in both (the office standard).
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal


def _separators(lang: str) -> tuple[str, str]:
    """(thousands, decimal) separators for a language code."""
    return (",", ".") if lang.startswith("en") else (".", ",")


def format_number(value: int | float | Decimal | None, lang: str = "vi", digits: int = 0) -> str:
    if value is None:
        return "–"
    thousands, decimal = _separators(lang)
    text = f"{float(value):,.{digits}f}" if digits else f"{round(float(value)):,d}"
    return text.replace(",", "\0").replace(".", decimal).replace("\0", thousands)


def format_rate(value: float | None, lang: str = "vi", digits: int = 1) -> str:
    """A 0–1 fraction as a percentage: 0.935 → "93,5%"."""
    if value is None:
        return "–"
    return f"{format_number(value * 100, lang, digits)}%"


def format_change_points(value: float | None, lang: str = "vi") -> str:
    """A change of a rate in percentage points, signed: +2,1 điểm %."""
    if value is None:
        return "–"
    sign = "+" if value > 0 else ("−" if value < 0 else "±")
    return f"{sign}{format_number(abs(value) * 100, lang, 1)}"


def format_change_count(value: int | None, lang: str = "vi") -> str:
    if value is None:
        return "–"
    sign = "+" if value > 0 else ("−" if value < 0 else "±")
    return f"{sign}{format_number(abs(value), lang)}"


def format_date(value: dt.date | dt.datetime | None) -> str:
    if value is None:
        return ""
    return f"{value:%d/%m/%Y}"


def format_datetime(value: dt.datetime | None) -> str:
    if value is None:
        return ""
    return f"{value:%d/%m/%Y %H:%M}"
