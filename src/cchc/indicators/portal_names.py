"""Names of units on the national portal against cchc's unit names. Pure: no Django.

The portal writes "UBND Thành phố Hồ Chí Minh", "Sở Tư pháp - tỉnh Gia Lai", "UBND thành phố Bắc
Ninh"; cchc holds "Thành phố Hồ Chí Minh", "Sở Tư pháp", "Tỉnh Bắc Ninh". A normalised name is
compared, and a match is only ever a suggestion: a person accepts it (portal_links.py).
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass

from cchc.core.vn_format import strip_marks

# "UBND", "Ủy ban nhân dân" (also spelt "Uỷ"): the portal names the people's committee, cchc the
# province or commune it governs.
_COMMITTEE = re.compile(r"\b(ubnd|uy ban nhan dan)\b")
_CITY = re.compile(r"\btp\b")  # "TP." / "TP" = thành phố (city)
_HCM = re.compile(r"\bhcm\b")  # "TP.HCM", as the city is written everywhere
# Words naming a unit's kind, which the portal and cchc do not always agree on (the portal lists
# "thành phố Bắc Ninh", the official 34-province list "Tỉnh Bắc Ninh").
_KIND = re.compile(r"^(tinh|thanh pho|thi xa|thi tran|huyen|quan|phuong|xa|dac khu) ")

SAME_NAME = "cùng tên sau chuẩn hóa (same normalised name)"
SAME_WITHOUT_KIND = "cùng tên khi bỏ tỉnh/thành phố/xã/phường (same name but the kind of unit)"


def plain(text: str) -> str:
    """Lower case without diacritics (đ → d), punctuation as spaces, single spaces."""
    return " ".join(re.sub(r"[^a-z0-9]+", " ", strip_marks(text).lower()).split())


def normalise(text: str) -> str:
    """'UBND TP. Hồ Chí Minh' → 'thanh pho ho chi minh'."""
    words = _HCM.sub("ho chi minh", _CITY.sub("thanh pho", plain(text)))
    return " ".join(_COMMITTEE.sub(" ", words).split())


def without_kind(key: str) -> str:
    """'tinh bac ninh' → 'bac ninh'; a key without a kind word is returned as it is."""
    return _KIND.sub("", key)


def keys(name: str, parents: Iterable[str] = ()) -> frozenset[str]:
    """The normalised name, and the same without a parent's name written before or after it
    ('Sở Tư pháp - tỉnh Gia Lai' under 'UBND tỉnh Gia Lai' → also 'so tu phap')."""
    key = normalise(name)
    out = {key}
    for parent in parents:
        p = normalise(parent)
        for form in dict.fromkeys([p, without_kind(p)]):  # the whole parent name first
            if form and key.endswith(" " + form):
                out.add(key.removesuffix(" " + form))
                break
            if form and key.startswith(form + " "):
                out.add(key.removeprefix(form + " "))
                break
    return frozenset(out)


@dataclass(frozen=True)
class Candidate:
    """A cchc unit as the suggestion needs it."""

    code: str
    name: str
    parent_name: str = ""
    valid_from: dt.date | None = None
    valid_to: dt.date | None = None

    def valid_on(self, day: dt.date) -> bool:
        return (self.valid_from is None or self.valid_from <= day) and (
            self.valid_to is None or day <= self.valid_to
        )


@dataclass(frozen=True)
class Suggestion:
    unit_code: str | None  # None: no unit, or several (then `others` names them)
    basis: str = ""
    others: tuple[str, ...] = ()  # the codes of equally good candidates when ambiguous


class Index:
    """cchc's units by their name keys, built once for many portal names."""

    def __init__(self, units: Sequence[Candidate]) -> None:
        self.units = list(units)
        self._keys = [keys(u.name, [u.parent_name] if u.parent_name else []) for u in self.units]
        self._bare = [frozenset(without_kind(k) for k in ks) for ks in self._keys]

    def suggest(self, name: str, parents: Sequence[str], on: dt.date) -> Suggestion:
        """The one unit whose name matches: first the whole normalised name, then without the
        word for the kind of unit. Among several, those under the portal's parent, then those
        valid on `on` are preferred; still several, none is suggested."""
        wanted = keys(name, parents)
        parent_keys = {without_kind(normalise(p)) for p in parents} - {""}
        tiers = [
            (SAME_NAME, wanted, self._keys),
            (SAME_WITHOUT_KIND, frozenset(without_kind(k) for k in wanted), self._bare),
        ]
        for basis, mine, theirs in tiers:
            found = [u for u, ks in zip(self.units, theirs, strict=True) if ks & mine]
            found = _prefer(found, lambda u: without_kind(normalise(u.parent_name)) in parent_keys)
            found = _prefer(found, lambda u: u.valid_on(on))
            if len(found) == 1:
                return Suggestion(found[0].code, basis)
            if found:
                return Suggestion(None, basis, tuple(sorted(u.code for u in found)))
        return Suggestion(None)


def _prefer(units: list[Candidate], test: Callable[[Candidate], bool]) -> list[Candidate]:
    """The units passing `test`, or all of them when none does."""
    return [u for u in units if test(u)] or units
