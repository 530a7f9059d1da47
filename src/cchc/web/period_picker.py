"""The period picker: the periods people choose from, said as they say them.

Plain HTML (one select, two dates): relative periods first, then the years, half-years, quarters
and months that have begun by today, newest first, back to the first year with data. The option
values are the `?period=` codes (`last-6m`, `2026-H1`, `2026-Q3`, `2026-06`, `2026`), so links and
typed codes keep working; a code that is not among the choices is kept as the first option.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from functools import lru_cache

from django.db.models import Min
from django.utils.html import format_html
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from cchc.core.change_stamp import remember
from cchc.core.vn_format import vn_date
from cchc.dossiers.models import Dossier
from cchc.dossiers.periods import RELATIVE, Period, parse_period

YEARS_BACK = 10  # at most this many years before today's are offered


@dataclass(frozen=True)
class Choice:
    value: str
    label: str


@dataclass(frozen=True)
class ChoiceGroup:
    label: str
    choices: tuple[Choice, ...]


def _relative_label(code: str) -> str:
    return {
        "this-month": _("Tháng này"),
        "last-6m": _("6 tháng gần nhất"),
        "last-12m": _("12 tháng gần nhất"),
        "this-year": _("Năm nay"),
    }[code]


def code_label(code: str) -> str:
    """How people say a period code: "6 tháng đầu năm 2026", "Quý 3/2026", "Tháng 06/2026"."""
    if code in RELATIVE:
        return _relative_label(code)
    if m := re.fullmatch(r"(\d{4})-H([12])", code):
        if m.group(2) == "1":
            return _("6 tháng đầu năm %(year)s") % {"year": m.group(1)}
        return _("6 tháng cuối năm %(year)s") % {"year": m.group(1)}
    if m := re.fullmatch(r"(\d{4})-Q([1-4])", code):
        return _("Quý %(quarter)s/%(year)s") % {"quarter": m.group(2), "year": m.group(1)}
    if m := re.fullmatch(r"(\d{4})-(\d{2})", code):
        return _("Tháng %(month)s/%(year)s") % {"month": m.group(2), "year": m.group(1)}
    if re.fullmatch(r"\d{4}", code):
        return _("Năm %(year)s") % {"year": code}
    return code


def spoken(period: Period) -> str:
    """The period as people say it, with its dates: "6 tháng gần nhất (01/07/2026 – 31/12/2026)";
    a range of dates is said by its dates."""
    dates = f"{vn_date(period.start)} – {vn_date(period.end)}"
    label = code_label(period.label)
    return dates if label == period.label else f"{label} ({dates})"


def first_data_year(today: dt.date) -> int:
    first = remember("first_received_on", _first_received_on)
    year = first.year if first else today.year
    return max(min(year, today.year), today.year - YEARS_BACK)


def _first_received_on() -> dt.date | None:
    day: dt.date | None = Dossier.objects.aggregate(m=Min("received_on"))["m"]
    return day


def period_choices(today: dt.date, first_year: int, current: str) -> list[ChoiceGroup]:
    """The picker's groups; `current` (the code asked for) is kept when it is not offered."""
    years = range(today.year, first_year - 1, -1)
    recent = [Choice(c, _relative_label(c)) for c in RELATIVE]
    codes = {
        _("Năm"): [str(y) for y in years],
        _("6 tháng"): [f"{y}-H{h}" for y in years for h in (2, 1)],
        _("Quý"): [f"{y}-Q{q}" for y in years for q in (4, 3, 2, 1)],
        _("Tháng"): [f"{y}-{m:02d}" for y in years for m in range(12, 0, -1)],
    }
    groups = [ChoiceGroup(_("Gần đây"), tuple(recent))]
    offered = set(RELATIVE)
    for label, group in codes.items():
        begun = [c for c in group if parse_period(c).start <= today]
        offered.update(begun)
        groups.append(ChoiceGroup(label, tuple(Choice(c, code_label(c)) for c in begun)))
    if current and current not in offered:
        groups.insert(0, ChoiceGroup(_("Kỳ đang xem"), (Choice(current, code_label(current)),)))
    return groups


def options_html(today: dt.date, first_year: int, selected: str) -> SafeString:
    """The select's option groups as HTML, `selected` marked: the same for every page and user
    on a day, so built once per language and choice (170 options rendered by the templates
    were a fifth of an overview's time)."""
    return _options_html(today, first_year, selected, get_language() or "")


@lru_cache(maxsize=512)
def _options_html(today: dt.date, first_year: int, selected: str, language: str) -> SafeString:
    def option(c: Choice) -> str:
        mark = " selected" if c.value == selected else ""
        return format_html('<option value="{}"{}>{}</option>', c.value, mark, c.label)

    html = "".join(
        format_html('<optgroup label="{}">', g.label)
        + "".join(map(option, g.choices))
        + "</optgroup>"
        for g in period_choices(today, first_year, selected)
    )
    return mark_safe(html)  # built from format_html pieces only


def selected_code(period_value: str, from_value: str, to_value: str) -> str:
    """The option to select: the code asked for (relative codes in lower case, halves and
    quarters in upper case, as offered), or none when dates were given."""
    if from_value or to_value:
        return ""
    raw = period_value.strip()
    return raw.lower() if raw.lower() in RELATIVE else raw.upper()
