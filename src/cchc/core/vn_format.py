"""Numbers, rates and dates as Vietnamese readers expect them: 1.234.567; 12,5; 93,5%; 31/12/2024.

The one formatter of cchc: pages (web/templatetags/vn.py), exports, documents, terminal tables and
messages all format through it, so a figure reads the same everywhere. English pages use
1,234,567 and 93.5%; dates stay dd/mm/yyyy in both (the office standard). Pure, no Django: time
zones are the caller's (the template filters convert to local time first).
"""

from __future__ import annotations

import datetime as dt
import unicodedata
from decimal import Decimal

MISSING = "–"  # a figure that cannot be computed (no dossiers, no data a year earlier)
PLUS, MINUS, NO_CHANGE = "+", "−", "±"  # signs of a change (U+2212 minus, as in print)

Number = int | float | Decimal


def _separators(lang: str) -> dict[int, str]:
    """Python's "," (thousands) and "." (decimal) → the language's."""
    thousands, decimal = (",", ".") if lang.startswith("en") else (".", ",")
    return str.maketrans({",": thousands, ".": decimal})


def vn_number(
    value: Number | None,
    digits: int = 0,
    lang: str = "vi",
    *,
    signed: bool = False,
    trim: bool = False,
) -> str:
    """1234567 → "1.234.567"; 12.5 with digits=1 → "12,5"; None → "–".

    `signed`: a change, always with its sign (+3, −3, ±0); `trim`: no trailing zeros (1,5; 3).
    A value that rounds to zero has no sign but ± when signed.
    """
    if value is None:
        return MISSING
    number = float(value)
    text = f"{abs(number):,.{digits}f}"
    if trim and "." in text:
        text = text.rstrip("0").rstrip(".")
    text = text.translate(_separators(lang))
    if round(abs(number), digits) == 0:
        return NO_CHANGE + text if signed else text
    if signed:
        return (PLUS if number > 0 else MINUS) + text
    return "-" + text if number < 0 else text


def vn_percent(fraction: Number | None, digits: int = 1, lang: str = "vi") -> str:
    """A 0–1 fraction as a percentage: 0.935 → "93,5%"; None → "–"."""
    if fraction is None:
        return MISSING
    return f"{vn_number(float(fraction) * 100, digits, lang)}%"


def vn_points(fraction: Number | None, digits: int = 1, lang: str = "vi") -> str:
    """A change of a rate in percentage points, signed: 0.021 → "+2,1"; None → "–"."""
    if fraction is None:
        return MISSING
    return vn_number(float(fraction) * 100, digits, lang, signed=True)


def vn_date(value: dt.date | dt.datetime | None) -> str:
    """31/12/2024; None → "" (an empty cell)."""
    return "" if value is None else f"{value:%d/%m/%Y}"


def vn_datetime(value: dt.datetime | None) -> str:
    """31/12/2024 17:05; None → ""."""
    return "" if value is None else f"{value:%d/%m/%Y %H:%M}"


LOCAL_ZONE = "Asia/Ho_Chi_Minh"  # settings.TIME_ZONE: UTC+7 all year


def vn_moment(text: str | None) -> str:
    """A stored ISO moment ("2026-12-05T19:01:22+00:00") as people read it, in local time:
    06/12/2026 02:01; None or "" → "—"; text that is no moment is returned as is."""
    if not text:
        return "—"
    try:
        moment = dt.datetime.fromisoformat(text)
    except ValueError:
        return text
    if moment.tzinfo is not None:
        from zoneinfo import ZoneInfo

        moment = moment.astimezone(ZoneInfo(LOCAL_ZONE))
    return vn_datetime(moment)


def strip_marks(text: str) -> str:
    """'Phường Đông Hòa' → 'Phuong Dong Hoa': no diacritics, đ → d (for matching names)."""
    text = text.replace("đ", "d").replace("Đ", "D")
    return "".join(c for c in unicodedata.normalize("NFD", text) if unicodedata.category(c) != "Mn")
