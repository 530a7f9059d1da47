"""Which cchc unit each unit named on the national portal is: the stored links, the suggestions
from normalised names (portal_names.py), and the portal rows no unit matches, which are listed
and never dropped in silence. Every change to a link writes the audit log (cchc.core.audit).

A portal unit is its name under its parent on the portal (the snapshot's `scope_code`: "" for
the nation's table of provinces, "H21" for Gia Lai's departments): "Sở Tư pháp" of one province
is not that of another. A row matches the unit its link names, else the unit with its code.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass

from django.contrib.auth.models import AbstractBaseUser, AnonymousUser
from django.db import transaction

from cchc.core.audit import record_change, snapshot
from cchc.core.models import Unit
from cchc.indicators.models import PortalScore, PortalSnapshot, PortalUnitLink
from cchc.indicators.portal_names import Candidate, Index, Suggestion, normalise

User = AbstractBaseUser | AnonymousUser | None

MAPPED, SAME_CODE, SUGGESTION, UNMATCHED = "mapped", "same_code", "suggestion", "unmatched"
STATUS_WORDS = {
    MAPPED: "đã liên kết (mapped)",
    SAME_CODE: "cùng mã (same code)",
    SUGGESTION: "gợi ý (suggestion)",
    UNMATCHED: "chưa khớp (unmatched)",
}
SAME_PORTAL_CODE = "cùng mã trên Cổng với một tên đã liên kết (same portal code as a mapped name)"


class LinkError(ValueError):
    """A link that cannot be set or removed; the message names what was not found."""


@dataclass(frozen=True)
class PortalUnit:
    """One unit as the portal names it, over every imported snapshot, and what it matches."""

    parent_code: str
    name: str  # as the latest snapshot writes it
    key: str  # normalised name (portal_names.normalise)
    department_codes: tuple[str, ...]
    level: str
    last_seen: dt.date
    status: str  # MAPPED | SAME_CODE | SUGGESTION | UNMATCHED
    unit_code: str | None  # the unit matched, or the one suggested
    basis: str = ""  # why the suggestion
    others: tuple[str, ...] = ()  # equally good candidates: no suggestion, the user chooses

    @property
    def matched(self) -> bool:
        return self.status in (MAPPED, SAME_CODE)


@dataclass
class _Seen:
    name: str
    level: str
    last_seen: dt.date
    codes: set[str]
    parent_names: set[str]


def _parent_names() -> dict[str, set[str]]:
    """Each portal parent's names: as its snapshots give them, and as the provinces table does
    (a unit CSV imported with --scope has no parent name of its own)."""
    names: dict[str, set[str]] = defaultdict(set)
    parents = PortalSnapshot.objects.exclude(scope_code="").values_list("scope_code", "scope_name")
    for code, name in parents:
        names[code] |= {name} if name else set()
    rows = PortalScore.objects.filter(department_code__in=list(names), snapshot__scope_code="")
    for code, name in rows.values_list("department_code", "department_name"):
        names[code].add(name)
    return names


def parent_label(code: str) -> str:
    return code or '""'


def _seen() -> dict[tuple[str, str], _Seen]:
    parents = _parent_names()
    seen: dict[tuple[str, str], _Seen] = {}
    rows = PortalScore.objects.values_list(
        "snapshot__scope_code",
        "snapshot__level",
        "snapshot__as_of",
        "department_code",
        "department_name",
    ).order_by("snapshot__as_of", "id")
    for parent, level, as_of, code, name in rows:
        key = (parent, normalise(name))
        item = seen.setdefault(key, _Seen(name, level, as_of, set(), parents.get(parent, set())))
        item.name, item.level, item.last_seen = name, level, as_of  # the latest wins
        item.codes.add(code)
    return seen


def _index() -> Index:
    units = Unit.objects.select_related("parent").order_by("code")
    return Index(
        [
            Candidate(u.code, u.name, u.parent.name if u.parent else "", u.valid_from, u.valid_to)
            for u in units
        ]
    )


def portal_units() -> list[PortalUnit]:
    """Every unit the imported scores name, with its link, code match, suggestion or none."""
    links = {(k.parent_code, k.name_key): k for k in PortalUnitLink.objects.select_related("unit")}
    by_code = {(k.parent_code, k.department_code): k for k in links.values() if k.department_code}
    unit_codes = set(Unit.objects.values_list("code", flat=True))
    index: Index | None = None
    out = []
    for (parent, key), item in sorted(_seen().items()):
        codes = tuple(sorted(item.codes))
        common = (parent, item.name, key, codes, item.level, item.last_seen)
        link = links.get((parent, key))
        if link is not None:
            out.append(PortalUnit(*common, MAPPED, link.unit.code))
            continue
        same = sorted(set(codes) & unit_codes)
        if same:
            out.append(PortalUnit(*common, SAME_CODE, same[0]))
            continue
        renamed = next((by_code[(parent, c)] for c in codes if (parent, c) in by_code), None)
        if renamed is not None:
            out.append(PortalUnit(*common, SUGGESTION, renamed.unit.code, SAME_PORTAL_CODE))
            continue
        index = index or _index()
        s: Suggestion = index.suggest(item.name, sorted(item.parent_names), item.last_seen)
        status = SUGGESTION if s.unit_code else UNMATCHED
        out.append(PortalUnit(*common, status, s.unit_code, s.basis, s.others))
    return out


def unit_for(parent_code: str, department_name: str, department_code: str) -> Unit | None:
    """The cchc unit a portal row is about: its stored link, else the unit with the same code."""
    link = (
        PortalUnitLink.objects.filter(parent_code=parent_code, name_key=normalise(department_name))
        .select_related("unit")
        .first()
    )
    if link is not None:
        return link.unit
    return Unit.objects.filter(code=department_code).first()


def unmatched_rows(snap: PortalSnapshot) -> list[PortalScore]:
    """The rows of one snapshot that no cchc unit matches, in the table's order."""
    keys = set(
        PortalUnitLink.objects.filter(parent_code=snap.scope_code).values_list(
            "name_key", flat=True
        )
    )
    rows = list(snap.scores.all())
    codes = set(
        Unit.objects.filter(code__in=[r.department_code for r in rows]).values_list(
            "code", flat=True
        )
    )
    return [
        r
        for r in rows
        if normalise(r.department_name) not in keys and r.department_code not in codes
    ]


def _find(name_or_code: str, parent_code: str | None, units: list[PortalUnit]) -> list[PortalUnit]:
    key = normalise(name_or_code)
    code = name_or_code.strip().upper()
    found = [
        u
        for u in units
        if (u.key == key or code in {c.upper() for c in u.department_codes})
        and (parent_code is None or u.parent_code == parent_code)
    ]
    return found


def _one(name_or_code: str, parent_code: str | None, found: list[PortalUnit]) -> PortalUnit:
    if not found:
        where = f" dưới đơn vị cha {parent_code!r}" if parent_code is not None else ""
        raise LinkError(
            f"Không có đơn vị tên hoặc mã {name_or_code!r}{where} trong điểm Cổng DVC đã nhập "
            "(no portal unit of that name or code in the imported scores); "
            "xem (see) `cchc indicators portal-units`"
        )
    if len(found) > 1:
        options = "; ".join(f"--parent {parent_label(u.parent_code)}: {u.name}" for u in found)
        raise LinkError(
            f"Tên {name_or_code!r} có ở nhiều bảng (several portal units of that name): "
            f"{options}. Chọn một bằng --parent (give --parent)"
        )
    return found[0]


def _unit(code: str) -> Unit:
    unit = Unit.objects.filter(code=code).first()
    if unit is None:
        raise LinkError(f"Không có đơn vị cchc mã {code!r} (unknown unit code)")
    return unit


def _save(link: PortalUnitLink, user: User, before: dict[str, object] | None) -> PortalUnitLink:
    link.save()
    action = "portal_link_create" if before is None else "portal_link_update"
    record_change(user, action, link, before, snapshot(link))
    return link


@transaction.atomic
def set_link(
    name_or_code: str,
    unit_code: str,
    *,
    parent_code: str | None = None,
    user: User = None,
    how: str = PortalUnitLink.How.MANUAL,
) -> PortalUnitLink:
    """Link the portal unit of that name (or code) to a cchc unit; refused, changing nothing,
    when either is unknown or the name is under several parents and none is given."""
    unit = _unit(unit_code)
    seen = _one(name_or_code, parent_code, _find(name_or_code, parent_code, portal_units()))
    link = PortalUnitLink.objects.filter(parent_code=seen.parent_code, name_key=seen.key).first()
    before = snapshot(link) if link else None
    link = link or PortalUnitLink(parent_code=seen.parent_code)
    link.portal_name, link.unit, link.how = seen.name, unit, how
    link.department_code = seen.department_codes[-1] if seen.department_codes else ""
    return _save(link, user, before)


@transaction.atomic
def remove_link(
    name_or_code: str, *, parent_code: str | None = None, user: User = None
) -> PortalUnitLink:
    """Remove a stored link (found by portal name or code); the portal unit is unmatched again."""
    key, code = normalise(name_or_code), name_or_code.strip().upper()
    links = [
        k
        for k in PortalUnitLink.objects.select_related("unit")
        if (k.name_key == key or k.department_code.upper() == code)
        and (parent_code is None or k.parent_code == parent_code)
    ]
    if not links:
        raise LinkError(f"Không có liên kết nào cho {name_or_code!r} (no such link)")
    if len(links) > 1:
        options = "; ".join(
            f"--parent {parent_label(k.parent_code)}: {k.portal_name}" for k in links
        )
        raise LinkError(f"Nhiều liên kết (several links): {options}. Chọn bằng --parent")
    link = links[0]
    record_change(user, "portal_link_delete", link, snapshot(link), None)
    link.delete()
    return link


@transaction.atomic
def accept_suggestions(user: User = None) -> list[PortalUnitLink]:
    """Store every current suggestion as a link (each one audited)."""
    units = {u.code: u for u in Unit.objects.all()}
    stored = []
    for item in portal_units():
        if item.status != SUGGESTION or item.unit_code is None:
            continue
        link = PortalUnitLink(
            parent_code=item.parent_code,
            portal_name=item.name,
            department_code=item.department_codes[-1] if item.department_codes else "",
            unit=units[item.unit_code],
            how=PortalUnitLink.How.SUGGESTION,
        )
        stored.append(_save(link, user, None))
    return stored
