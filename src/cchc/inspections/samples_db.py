"""The dossiers to pull at every planned visit, drawn for all visits at once (thin).

The rule is sampling.sample_positions: per unit, its late dossiers (rules.LATE_AT_REF: ended late
in the period, or open and past the deadline on the reference day), the flagged ones that are
not late, and a random control from the rest, drawn with generator(seed, unit code) from the
classes' sizes alone. The analytics gateway counts the classes and then fetches only the chosen
dossiers (row number in code order within unit × class), on the store or the database alike, so
the codes of a large unit never travel. Same inputs + seed → same sample.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Collection, Mapping
from dataclasses import asdict

from cchc.analytics.gateway import Analytics
from cchc.dossiers.periods import Period
from cchc.inspections.sampling import (
    SAMPLE_REASONS,
    SampledDossier,
    SampleRule,
    generator,
    sample_positions,
)

Samples = dict[str, list[dict[str, str]]]


def draw_samples(
    analytics: Analytics,
    unit_codes: Collection[str],
    period: Period,
    reference: dt.date,
    rule: SampleRule,
    seed: int,
    shown: Mapping[str, str] | None = None,
) -> Samples:
    """unit code → its sample, from the source that counted the plan's inputs; open dossiers are
    judged on `reference` (rulebook/period.reference_date), as in the plan's risk inputs. With
    `shown` (old code → unit, as the plan's inputs were counted) a unit's sample is drawn from
    its predecessors' dossiers too."""
    units = sorted(set(unit_codes))
    sizes = analytics.sample_class_sizes(units, period, reference, shown)
    plan: dict[str, list[tuple[str, list[int]]]] = {}
    wanted: list[tuple[str, int, int]] = []
    for unit in units:
        n_late, n_flagged, n_rest = sizes[unit]
        drawn = sample_positions(n_late, n_flagged, n_rest, rule, generator(seed, unit))
        plan[unit] = [(reason, [int(p) for p in positions]) for reason, positions in drawn]
        for reason, positions in plan[unit]:
            cls = SAMPLE_REASONS.index(reason)
            wanted += [(unit, cls, p) for p in positions]
    code_at = analytics.sample_codes(wanted, period, reference, shown)
    return {
        unit: [
            asdict(SampledDossier(code_at[(unit, SAMPLE_REASONS.index(reason), p)], reason))
            for reason, positions in plan[unit]
            for p in positions
        ]
        for unit in units
    }
