"""The ranking rule on hand-worked cases: share of the points judged, never raw points."""

from __future__ import annotations

from cchc.indicators.ranking_rule import (
    Judged,
    common_set,
    describe,
    difference,
    rank_order,
    share,
)

FULL = frozenset({"766.2a", "766.3a", "766.3b", "766.4a", "766.4b", "766.4c", "766.4d", "766.4e"})
NO_3A = FULL - {"766.3a"}


def test_45_of_50_outranks_50_of_58() -> None:
    # 45 / 50 = 0.9 > 50 / 58 = 0.862…: fewer points, but a larger share of what could be judged
    land = Judged("LAND", 45.0, 50.0, NO_3A)
    dept = Judged("DEPT", 50.0, 58.0, FULL)
    assert [u.code for u in rank_order([dept, land])] == ["LAND", "DEPT"]
    assert land.share == 0.9
    assert dept.share is not None and round(dept.share, 4) == 0.8621


def test_equal_shares_go_to_more_points_then_the_code() -> None:
    # 29 / 29 and 58 / 58 are both 100 %: the one judged on more points first
    small, big = Judged("A", 29.0, 29.0, NO_3A), Judged("B", 58.0, 58.0, FULL)
    twin = Judged("0", 58.0, 58.0, FULL)
    assert [u.code for u in rank_order([small, big, twin])] == ["0", "B", "A"]


def test_a_unit_with_nothing_judged_comes_last() -> None:
    empty = Judged("A", None, 0.0, frozenset())
    low = Judged("Z", 1.0, 58.0, FULL)  # 1.7 %, still above "nothing judged"
    assert [u.code for u in rank_order([empty, low])] == ["Z", "A"]
    assert share(None, 0.0) is None and share(0.0, 0.0) is None and share(0.0, 50.0) == 0.0


def test_the_common_set_is_the_most_frequent_and_on_a_tie_the_larger() -> None:
    two_full = [Judged("A", 1, 58, FULL), Judged("B", 1, 58, FULL), Judged("C", 1, 50, NO_3A)]
    assert common_set(two_full) == FULL
    two_short = [Judged("A", 1, 58, FULL), Judged("B", 1, 50, NO_3A), Judged("C", 1, 50, NO_3A)]
    assert common_set(two_short) == NO_3A
    tie = [Judged("A", 1, 50, NO_3A), Judged("B", 1, 58, FULL)]
    assert common_set(tie) == FULL and common_set(list(reversed(tie))) == FULL
    assert common_set([]) == frozenset()


def test_a_difference_names_what_is_missing_and_what_is_extra() -> None:
    land = difference(Judged("LAND", 45, 50, NO_3A), FULL)
    assert (land.missing, land.extra, land.differs) == (("766.3a",), (), True)
    assert describe(land) == "thiếu (without) 766.3a"
    other = difference(Judged("X", 1, 1, (NO_3A - {"766.4d"}) | {"766.9z"}), NO_3A)
    assert describe(other) == "thiếu (without) 766.4d; thêm (with) 766.9z"
    assert not difference(Judged("Y", 1, 1, FULL), FULL).differs
