"""The national portal's published scores kept as a time series, and set beside cchc's own.

The portal keeps no history; each imported file is a snapshot (one day's table). Re-importing the
same file changes nothing; a newer snapshot of the same period adds a point to the series.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from django.db import transaction

from cchc.core.models import Unit
from cchc.indicators import portal_links
from cchc.indicators.models import PortalScore, PortalSnapshot
from cchc.indicators.portal import GROUP_NUMBERS, parse_file

GROUP_COLUMNS = ("ckmb", "tdgq", "mdsh", "online", "tttt", "mdhl")


@dataclass(frozen=True)
class PortalImport:
    snapshot: PortalSnapshot
    status: str  # created | replaced | unchanged
    rows: int
    unmatched: list[PortalScore]  # rows no cchc unit matches (portal_links.py), named in reports


@transaction.atomic
def import_portal_file(path: Path, **options: Any) -> PortalImport:
    data = path.read_bytes()
    digest = hashlib.sha256(data).hexdigest()
    parsed = parse_file(path.name, data, **options)
    key = {
        "scope_code": parsed.scope_code,
        "level": parsed.level,
        "period_label": parsed.period_label,
        "as_of": parsed.as_of,
    }
    existing = PortalSnapshot.objects.filter(**key).first()
    if existing and existing.file_hash == digest:
        unmatched = portal_links.unmatched_rows(existing)
        return PortalImport(existing, "unchanged", existing.scores.count(), unmatched)
    status = "replaced" if existing else "created"
    if existing:
        existing.delete()
    snap = PortalSnapshot.objects.create(
        **key,
        scope_name=parsed.scope_name,
        source_file=path.name,
        file_hash=digest,
        source_url=parsed.source_url,
    )
    PortalScore.objects.bulk_create(
        PortalScore(
            snapshot=snap,
            department_code=r.department_code,
            department_name=r.department_name,
            department_id=r.department_id,
            rank=r.rank,
            total=r.total,
            delta=r.delta,
            **{c: r.groups.get(c) for c in GROUP_COLUMNS},
        )
        for r in parsed.rows
    )
    return PortalImport(snap, status, len(parsed.rows), portal_links.unmatched_rows(snap))


def series(department_code: str, period_label: str | None = None) -> list[PortalScore]:
    """Every published score of a unit, oldest snapshot first."""
    qs = PortalScore.objects.filter(department_code=department_code).select_related("snapshot")
    if period_label:
        qs = qs.filter(snapshot__period_label=period_label)
    return list(qs.order_by("snapshot__as_of", "snapshot__period_label"))


def portal_groups(score: PortalScore) -> dict[int, float | None]:
    """Portal columns → Decision 766 groups 1–5 (online services + online payment = group 4)."""
    out: dict[int, float | None] = {}
    for column in GROUP_COLUMNS:
        value = getattr(score, column)
        number = GROUP_NUMBERS[column]
        if value is None:
            out.setdefault(number, None)
        else:
            out[number] = (out.get(number) or 0.0) + value
    return out


def unit_for(score: PortalScore) -> Unit | None:
    """The cchc unit a portal row is about: the stored link of its name, else the same code."""
    snap = score.snapshot
    return portal_links.unit_for(snap.scope_code, score.department_name, score.department_code)


@dataclass(frozen=True)
class Comparison:
    department_code: str
    department_name: str
    as_of: dt.date
    unit_code: str | None
    portal: dict[int, float | None]
    portal_total: float | None
    cchc: dict[int, float | None]
    cchc_total: float | None
    version: str
    unmatched: list[PortalScore]  # rows of the same snapshot no cchc unit matches
    table_rows: int  # rows in that snapshot

    def difference(self, group: int) -> float | None:
        a, b = self.cchc.get(group), self.portal.get(group)
        return None if a is None or b is None else a - b


def compare(period_label: str, department_code: str, today: dt.date | None = None) -> Comparison:
    """The latest published score of a unit for a period, beside cchc's computation."""
    from cchc.dossiers.periods import parse_period
    from cchc.indicators.compute import compute

    points = series(department_code, period_label)
    if not points:
        raise ValueError(
            f"Chưa có điểm Cổng DVC cho {department_code} kỳ {period_label} "
            "(no portal score imported for this unit and period)"
        )
    latest = points[-1]
    unit = unit_for(latest)
    cchc: dict[int, float | None] = {}
    total, version = None, ""
    if unit is not None:
        comp = compute(parse_period(period_label), unit_code=unit.code, today=today)
        version = comp.version
        if comp.rows:
            cchc = {g.number: g.points for g in comp.rows[0].groups}
            total = comp.rows[0].total
    return Comparison(
        latest.department_code,
        latest.department_name,
        latest.snapshot.as_of,
        unit.code if unit else None,
        portal_groups(latest),
        latest.total,
        cchc,
        total,
        version,
        portal_links.unmatched_rows(latest.snapshot),
        latest.snapshot.scores.count(),
    )
