"""Weight versions from the database: which points and thresholds score a period."""

from __future__ import annotations

import datetime as dt
from functools import lru_cache
from pathlib import Path

from django.db import transaction

from cchc.core.toml_file import read_toml
from cchc.indicators.catalogue import (
    Catalogue,
    Weight,
    WeightVersion,
    choose_version,
    load_catalogue,
    parse_weight_file,
)
from cchc.indicators.models import WeightRow, WeightVersionRow


@lru_cache(maxsize=1)
def shipped_catalogue() -> Catalogue:
    return load_catalogue()


def stored_versions() -> list[WeightVersion]:
    out: list[WeightVersion] = []
    for row in WeightVersionRow.objects.prefetch_related("weights"):
        weights = {w.code: Weight(w.max_points, w.threshold) for w in row.weights.all()}
        out.append(WeightVersion(row.version, row.effective_from, weights, row.note))
    return out


def catalogue_for(period_end: dt.date, base: Catalogue | None = None) -> Catalogue:
    """The shipped catalogue with the province's latest weight version in force on `period_end`."""
    catalogue = base or shipped_catalogue()
    chosen = choose_version(stored_versions(), period_end)
    if chosen is None or chosen.effective_from < catalogue.effective_from:
        return catalogue
    applied = catalogue.with_weights(chosen)
    return applied.__class__(
        applied.id,
        f"{chosen.version} (trên/over {catalogue.version})",
        chosen.effective_from,
        applied.groups,
        applied.indicators,
    )


@transaction.atomic
def load_weight_file(path: Path) -> WeightVersionRow:
    """Store a weight-override TOML file as a version (replacing a version of the same name)."""
    raw = read_toml(path)
    version = parse_weight_file(raw, path.name)
    shipped_catalogue().with_weights(version)  # rejects unknown codes
    WeightVersionRow.objects.filter(version=version.version).delete()
    row = WeightVersionRow.objects.create(
        version=version.version,
        effective_from=version.effective_from,
        note=version.note,
        source_file=path.name,
    )
    WeightRow.objects.bulk_create(
        WeightRow(version=row, code=code, max_points=w.max_points, threshold=w.threshold)
        for code, w in version.weights.items()
    )
    return row
