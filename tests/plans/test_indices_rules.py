"""Rank, leader, median, gaps and trend on hand-worked numbers: each expected figure is worked
out in the test from the rule as stated (higher is better; equal values share the best rank and
the next rank is skipped; gap to leader = leader − value; gap to median = value − median)."""

from __future__ import annotations

from decimal import Decimal as D

from cchc.plans.indices_rules import competition_ranks, median_value, position, trend


def test_it_ranks_highest_first_and_shares_ties_skipping_the_next_rank() -> None:
    values = {"a": D("40.5"), "b": D("44.1"), "c": D("42.0"), "d": D("42.0"), "e": D("39.9")}
    # sorted: b 44.1 (1), c and d 42.0 (both 2), a 40.5 (4, not 3), e 39.9 (5)
    assert competition_ranks(values) == {"b": 1, "c": 2, "d": 2, "a": 4, "e": 5}


def test_the_median_is_the_middle_value_or_the_mean_of_the_two_middle_ones() -> None:
    assert median_value({"a": D(1), "b": D(9), "c": D(4)}) == D(4)
    assert median_value({"a": D(1), "b": D(9), "c": D(4), "d": D(6)}) == D(5)  # (4 + 6) / 2


def test_position_gives_rank_leader_median_and_both_gaps() -> None:
    values = {"brvt": D("44.5746"), "hue": D("46.0415"), "hn": D("43.9603"), "hcm": D("41.7754")}
    where = position("brvt", values)
    assert where is not None
    # sorted: hue 46.0415, brvt 44.5746, hn 43.9603, hcm 41.7754 → brvt 2nd of 4
    assert (where.rank, where.of) == (2, 4)
    assert where.leaders == ("hue",) and where.leader_value == D("46.0415")
    assert where.gap_to_leader == D("46.0415") - D("44.5746") == D("1.4669")
    # median of 4: (44.5746 + 43.9603) / 2 = 44.26745
    assert where.median == D("44.26745")
    assert where.gap_to_median == D("0.30715")


def test_a_leader_has_no_gap_and_ties_at_the_top_are_all_leaders() -> None:
    where = position("a", {"a": D(7), "b": D(7), "c": D(5)})
    assert where is not None
    assert where.rank == 1 and where.gap_to_leader == 0 and where.leaders == ("a", "b")


def test_no_position_without_a_value() -> None:
    assert position("x", {"a": D(1)}) is None


def test_trend_changes_from_the_year_before_in_the_series_and_from_the_first() -> None:
    points = trend({2022: D("41.9929"), 2021: D("40.6146"), 2024: D("45.5321")})
    assert [p.year for p in points] == [2021, 2022, 2024]
    assert points[0].change is None and points[0].since_first == 0
    assert points[1].change == D("41.9929") - D("40.6146") == D("1.3783")  # nhandan: +1,3783
    assert points[2].change == D("45.5321") - D("41.9929")  # 2023 missing: spans two years
    assert points[2].since_first == D("45.5321") - D("40.6146")
