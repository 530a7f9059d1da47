"""Plans: reproducible from the seed, weighted draws match weights, rotation covers every unit."""

from __future__ import annotations

import datetime as dt
import itertools

import numpy as np

from cchc.inspections.planning import PlanRequest, make_plan
from cchc.inspections.sampling import SampleRule, generator, sample_positions, weighted_sample

UNITS = tuple(f"U{i:02d}" for i in range(30))


def _request(seed: int, **kw: object) -> PlanRequest:
    base: dict[str, object] = {
        "period_label": "2024",
        "period_end": dt.date(2024, 12, 31),
        "unit_codes": UNITS,
        "scores": {u: float(i) for i, u in enumerate(UNITS)},
        "drivers": {},
        "periodic": ("U00", "U01"),
        "surprise_k": 4,
        "rotation_k": 5,
        "seed": seed,
        "last_inspected": {u: None for u in UNITS},
    }
    base.update(kw)
    return PlanRequest(**base)  # type: ignore[arg-type]


def test_same_inputs_and_seed_give_the_same_plan() -> None:
    assert make_plan(_request(7)) == make_plan(_request(7))
    # Candidate order does not matter either.
    assert make_plan(_request(7)) == make_plan(_request(7, unit_codes=tuple(reversed(UNITS))))
    assert make_plan(_request(7)).picks != make_plan(_request(8)).picks


def test_a_stored_request_round_trips_through_json() -> None:
    req = _request(3, last_inspected={"U05": dt.date(2022, 3, 1)})
    assert PlanRequest.from_json(req.to_json()) == req
    assert make_plan(PlanRequest.from_json(req.to_json())) == make_plan(req)


def test_periodic_surprise_and_rotation_never_overlap() -> None:
    plan = make_plan(_request(11))
    codes = [p.unit_code for p in plan.picks]
    assert len(codes) == len(set(codes)) == 2 + 4 + 5
    assert plan.of_kind("periodic") == ["U00", "U01"]
    assert [p.rank for p in plan.picks] == list(range(1, 12))


def test_weighted_sampling_frequencies_match_the_weights() -> None:
    weights = np.array([1.0, 2.0, 3.0, 4.0, 10.0])
    rng = generator(2024)
    draws = 20_000
    counts = np.zeros(len(weights))
    for _ in range(draws):
        picks, _keys = weighted_sample(weights, 1, rng)
        counts[picks[0]] += 1
    expected = draws * weights / weights.sum()
    chi2 = float(((counts - expected) ** 2 / expected).sum())
    assert chi2 < 18.47  # χ²(4) at p = 0.001


def test_weighted_sampling_without_replacement_never_repeats_or_draws_zero_weight() -> None:
    rng = generator(1)
    for _ in range(200):
        picks, _ = weighted_sample([0.0, 1.0, 5.0, 2.0, 0.0, 3.0], 3, rng)
        assert len(set(picks)) == 3
        assert 0 not in picks and 4 not in picks


def test_riskier_units_are_drawn_more_often_for_surprise_visits() -> None:
    hits = {u: 0 for u in UNITS}
    for seed in range(400):
        for code in make_plan(_request(seed, rotation_k=0, periodic=())).of_kind("surprise"):
            hits[code] += 1
    assert hits["U29"] > 3 * hits["U01"]


def test_rotation_visits_every_unit_within_its_cycle_over_many_years() -> None:
    units = tuple(f"C{i:02d}" for i in range(40))
    last: dict[str, dt.date | None] = {u: None for u in units}
    visits: dict[str, list[int]] = {u: [] for u in units}
    for year in range(2024, 2036):
        req = PlanRequest(
            period_label=str(year),
            period_end=dt.date(year, 12, 31),
            unit_codes=units,
            scores={u: 0.0 for u in units},
            drivers={},
            periodic=(),
            surprise_k=0,
            rotation_k=14,  # ⌈40 / 3⌉
            seed=year,
            last_inspected=dict(last),
            cycle_years=3,
        )
        plan = make_plan(req)
        assert not [w for w in plan.warnings if "left out" in w]
        for code in plan.of_kind("rotation"):
            last[code] = dt.date(year, 6, 15)
            visits[code].append(year)
    for code, years in visits.items():
        marks = [2023, *years, 2035]  # the first visit within 3 years, then every 3 years
        gaps = [b - a for a, b in itertools.pairwise(marks)]
        assert max(gaps) <= 3, (code, years)


def test_too_few_rotation_visits_is_warned() -> None:
    plan = make_plan(_request(1, periodic=(), surprise_k=0, rotation_k=3))
    assert any("≥ 10" in w for w in plan.warnings)


def test_dossier_sample_sizes_follow_the_rule() -> None:
    rule = SampleRule(late_min=3, late_max=10, flagged_max=5, control=5)
    assert [rule.late_size(n) for n in (0, 1, 4, 9, 10, 50, 400)] == [0, 1, 3, 3, 4, 8, 10]
    # 50 late, 10 flagged and not late, 140 others: ⌈√50⌉ = 8 late, 5 flagged, a control of 5
    drawn = sample_positions(50, 10, 140, rule, generator(5, "U1"))
    assert [(reason, len(p)) for reason, p in drawn] == [
        ("late", 8),
        ("flagged", 5),
        ("control", 5),
    ]
    for (_, positions), size in zip(drawn, (50, 10, 140), strict=True):
        assert list(positions) == sorted(set(positions))
        assert positions.min() >= 0 and positions.max() < size
    again = sample_positions(50, 10, 140, rule, generator(5, "U1"))
    assert [p.tolist() for _, p in again] == [p.tolist() for _, p in drawn]
    other = sample_positions(50, 10, 140, rule, generator(5, "U2"))
    assert [p.tolist() for _, p in other] != [p.tolist() for _, p in drawn]
    assert sample_positions(0, 0, 3, rule, generator(5, "U1"))[0][0] == "control"
