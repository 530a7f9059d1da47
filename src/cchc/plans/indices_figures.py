"""A figure of an external index as read from a file, before it is stored, and the small parsers
every reader shares (numbers with a decimal comma, province keys, source labels)."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from urllib.parse import urlparse

from cchc.core.vn_format import strip_marks

ORIGINS = ("read", "computed")
LEVELS = ("total", "dimension", "subdimension")
_PREFIXES = ("thanhpho", "tinh", "tp")


def province_key(name: str) -> str:
    """'Bà Rịa – Vũng Tàu', 'Ba Ria - Vung Tau', 'Tỉnh Bà Rịa-Vũng Tàu' → 'bariavungtau'."""
    key = re.sub(r"[^a-z0-9]", "", strip_marks(name).lower())
    for prefix in _PREFIXES:
        if key.startswith(prefix) and len(key) > len(prefix) + 2:
            return key[len(prefix) :]
    return key


def parse_decimal(text: str) -> Decimal:
    """'41.9929', '41,9929' → Decimal('41.9929'). Raises ValueError."""
    text = text.strip().replace(" ", "")
    if "," in text and "." not in text:
        text = text.replace(",", ".")
    try:
        value = Decimal(text)
    except InvalidOperation as exc:
        raise ValueError(text) from exc
    if not value.is_finite():
        raise ValueError(text)
    return value


def parse_rank(text: str) -> int:
    """'34', '34.0' → 34. Raises ValueError unless a whole number ≥ 1."""
    value = parse_decimal(text)
    if value != value.to_integral_value() or value < 1:
        raise ValueError(text)
    return int(value)


def first_url(text: str) -> str:
    """The first address of a list separated by ';' or '|'."""
    return re.split(r"\s*[;|]\s*", text.strip())[0] if text.strip() else ""


def source_label(url: str) -> str:
    """A short name of where a figure was read: the third-party dataset or the site's host."""
    if "github.com/hnks-gh/ml-mcdm" in url:
        return "Bộ số liệu hnks-gh/ml-mcdm (GitHub, nguồn thứ cấp)"
    if "2023_PAPI_REPORT" in url:
        return "Báo cáo PAPI 2023, Bảng 3.6"
    if "2019_PAPI_REPORT" in url:
        return "Báo cáo PAPI 2019, Bảng 3.1"
    host = urlparse(url).netloc
    return host.removeprefix("www.") if host else ""


def page_of(url: str) -> str:
    """The page of a report read on fliphtml5 (its address ends with the page number)."""
    if "fliphtml5.com" in url:
        last = url.rstrip("/").rsplit("/", 1)[-1]
        return last if last.isdigit() else ""
    return ""


@dataclass
class Figure:
    """One published figure of one province in one year (IndexResult's fields)."""

    index: str
    year: int
    province: str
    level: str
    code: str
    name: str
    value: Decimal | None
    origin: str
    line: int = 0  # where it was read (for errors and the report)
    province_code: str = ""
    name_en: str = ""
    maximum: Decimal | None = None
    rank: int | None = None
    rank_of: int | None = None
    rank_origin: str = ""
    source: str = ""
    source_url: str = ""
    source_page: str = ""
    origin_detail: str = ""
    confirmed_by: str = ""
    unconfirmed: bool = False
    note: str = ""
    extra_notes: list[str] = field(default_factory=list)

    @property
    def key(self) -> tuple[str, int, str, str]:
        return (self.index, self.year, province_key(self.province), self.code)

    def stored_fields(self) -> dict[str, object]:
        """What IndexResult keeps, by field name."""
        note = " | ".join(n for n in [self.note, *self.extra_notes] if n)
        return {
            "index": self.index,
            "year": self.year,
            "province": self.province,
            "province_key": province_key(self.province),
            "province_code": self.province_code,
            "level": self.level,
            "code": self.code,
            "name": self.name,
            "name_en": self.name_en,
            "value": self.value,
            "maximum": self.maximum,
            "rank": self.rank,
            "rank_of": self.rank_of,
            "rank_origin": self.rank_origin,
            "source": self.source[:300],
            "source_url": self.source_url[:500],
            "source_page": self.source_page[:40],
            "origin": self.origin,
            "origin_detail": self.origin_detail[:60],
            "confirmed_by": self.confirmed_by,
            "unconfirmed": self.unconfirmed,
            "note": note,
        }
