"""The unit picker of the inspection and plan forms: names first, codes on demand (issue #12).

`choices(day)` lists every unit for a server-rendered `<datalist>`: the units valid on `day`
first, then former and future ones, each labelled with its name, its parent and its dates on that
day ("Phường Phú Mỹ — Thành phố Phú Mỹ, đến 30/06/2025"), so two units of one name are told apart.
Each option also carries the name without diacritics and the code, so typing "phu my" or a code
finds it. `resolve(text, day)` reads back what the user typed: a code, a label of the picker, or a
name (diacritics and case ignored) that only one unit bears — or only one unit valid on `day`.
Anything else raises `UnitNotFound` (a ValueError) with a message that lists the candidates.
"""

from __future__ import annotations

import datetime as dt
import re
from collections import Counter
from dataclasses import dataclass

from cchc.core.models import Unit
from cchc.core.units import parent_and_life, units_by_id
from cchc.core.vn_format import strip_marks

MAX_LISTED = 8


class UnitNotFound(ValueError):
    """An unknown or ambiguous unit; the message is the form's error beside the field."""


def fold(text: str) -> str:
    """'Phường  Phú Mỹ' → 'phuong phu my' (no marks, đ → d, lower case, single spaces)."""
    return re.sub(r"\s+", " ", strip_marks(text).lower()).strip()


@dataclass(frozen=True)
class Choice:
    unit: Unit
    label: str  # the option's value: what the input holds once picked
    hint: str  # shown beside it: the name without marks and the code (typing either finds it)
    current: bool  # valid on the day


def choices(day: dt.date) -> list[Choice]:
    """Every unit as on `day`: those valid that day first (by name), then the others."""
    units = units_by_id(day)
    labels: dict[int, str] = {}
    for unit in units.values():
        details = parent_and_life(unit, units)
        labels[unit.pk] = f"{unit.name} — {details}" if details else unit.name
    repeated = Counter(labels.values())
    found = [
        Choice(
            u,
            f"{labels[u.pk]} [{u.code}]" if repeated[labels[u.pk]] > 1 else labels[u.pk],
            f"{fold(u.name)} · mã {u.code}",
            u.is_valid_on(day),
        )
        for u in units.values()
    ]
    return sorted(found, key=lambda c: (not c.current, fold(c.unit.name), c.unit.code))


def _listed(found: list[Choice]) -> str:
    shown = "; ".join(f"{c.label} (mã {c.unit.code})" for c in found[:MAX_LISTED])
    more = len(found) - MAX_LISTED
    return shown + (f"; và {more} đơn vị khác" if more > 0 else "")


def resolve(text: str, day: dt.date, options: list[Choice] | None = None) -> Unit:
    """The unit meant by `text` (a code, a picker label or an unambiguous name) on `day`."""
    typed = text.strip()
    if not typed:
        raise UnitNotFound("Cần chọn đơn vị (a unit is required)")
    options = choices(day) if options is None else options
    for test in (
        lambda c: c.unit.code == typed,
        lambda c: c.label == typed,
        lambda c: fold(c.label) == fold(typed),
        lambda c: c.unit.code.casefold() == typed.casefold(),
    ):
        hits = [c for c in options if test(c)]
        if len(hits) == 1:
            return hits[0].unit
    key = fold(typed)
    named = [c for c in options if fold(c.unit.name) == key]
    if not named:
        named = [c for c in options if key in fold(c.unit.name)]
    current = [c for c in named if c.current]
    if len(named) == 1 or len(current) == 1:
        return (named if len(named) == 1 else current)[0].unit
    if named:
        raise UnitNotFound(
            f"Có {len(named)} đơn vị khớp với “{typed}”, hãy chọn một: {_listed(named)}"
            f" ({len(named)} units match; pick one)"
        )
    raise UnitNotFound(
        f"Không có đơn vị nào có mã hoặc tên “{typed}” (no unit has this code or name)"
    )


def resolve_many(texts: list[str], day: dt.date) -> tuple[list[Unit], list[str]]:
    """Several inputs, each a unit or (as before) codes separated by ',' or ';': the units found
    and the error of each input that did not resolve (one per input, '' when fine)."""
    options = choices(day)
    units: list[Unit] = []
    errors: list[str] = []
    for text in texts:
        try:
            units.append(resolve(text, day, options))
            errors.append("")
            continue
        except UnitNotFound as exc:
            error = str(exc)
        parts = [p.strip() for p in re.split(r"[,;]", text) if p.strip()]
        codes = {c.unit.code: c.unit for c in options}
        if len(parts) > 1 and all(p in codes for p in parts):
            units.extend(codes[p] for p in parts)
            errors.append("")
        else:
            errors.append(error)
    return units, errors
