"""The shipped catalogue, its filters and weight versions."""

from __future__ import annotations

import datetime as dt
import tomllib
from typing import Any

import pytest

from cchc.indicators.catalogue import (
    CATALOGUE_FILE,
    Weight,
    WeightVersion,
    choose_version,
    load_catalogue,
    parse_catalogue,
)
from cchc.indicators.filters import Filter, FilterError, condition_sql


def test_the_shipped_catalogue_adds_up_to_100_points() -> None:
    cat = load_catalogue()
    assert sum(g.max_points for g in cat.groups) == 100
    assert sum(i.max_points for i in cat.indicators) == 100
    codes = {i.code for i in cat.indicators}
    for code in ["766.2a", "766.2b", "766.3a", "766.3b", "766.3c", "766.4a", "766.4e", "766.1d"]:
        assert code in codes


def test_confirmed_points_are_the_law_s() -> None:
    cat = load_catalogue()
    assert cat.indicator("766.2a").max_points == 20 and cat.indicator("766.2a").confirmed
    assert cat.indicator("766.1b").max_points == 4 and cat.indicator("766.1b").confirmed
    assert cat.indicator("766.5c").max_points == 6 and cat.indicator("766.5c").confirmed
    assert not cat.indicator("766.4c").confirmed


def test_indicators_without_source_data_are_marked() -> None:
    cat = load_catalogue()
    no_data = {i.code for i in cat.indicators if not i.has_data}
    assert {"766.1a", "766.1b", "766.1c"} <= no_data
    assert "766.2a" not in no_data
    # group 5 counts citizens' data (tests/indicators/test_group5*.py)
    assert {"766.5a", "766.5b", "766.5c"}.isdisjoint(no_data)


def test_conditions_become_sql_literals() -> None:
    assert condition_sql("channel = 'online'") == "d.channel = 'online'"
    assert condition_sql("online_level in ('full', 'partial')") == (
        "d.online_level IN ('full', 'partial')"
    )
    assert condition_sql("digitised is not null") == "d.digitised IS NOT NULL"
    assert condition_sql("e_result = true") == "d.e_result = TRUE"


@pytest.mark.parametrize(
    "bad",
    [
        "channel = online",  # unquoted string
        "nonexistent = 1",
        "channel = 'x'; DROP TABLE t",
        "e_result > true",
        "received_on = '2023-13'",
    ],
)
def test_bad_conditions_are_refused(bad: str) -> None:
    with pytest.raises(FilterError):
        condition_sql(bad)


def test_unknown_period_rule_is_refused() -> None:
    with pytest.raises(FilterError, match="unknown period rule"):
        Filter("yesterday")


def _shipped() -> dict[str, Any]:
    return tomllib.loads(CATALOGUE_FILE.read_text(encoding="utf-8"))


def test_the_old_field_scope_and_value_in_scope_are_still_read() -> None:
    """A province's own catalogue written before the rename (`scope = "in_scope"`) loads as the
    shipped one, which says `period = "in_period"`."""
    raw = _shipped()
    for ind in raw["indicator"]:
        for part in ("numerator", "denominator"):
            if part in ind:
                filt = ind[part]
                rule = filt.pop("period")
                filt["scope"] = "in_scope" if rule == "in_period" else rule
    assert raw["indicator"][4]["denominator"] == {"scope": "in_scope"}  # 2a, the old way
    old = parse_catalogue(raw)
    assert old == load_catalogue()
    assert old.indicator("766.2a").denominator == Filter("in_period")


def test_a_filter_naming_both_period_and_scope_is_refused() -> None:
    raw = _shipped()
    raw["indicator"][5]["numerator"] = {"period": "ended", "scope": "ended"}
    with pytest.raises(ValueError, match="`period` only"):
        parse_catalogue(raw)


def test_a_filter_without_a_period_rule_is_refused() -> None:
    raw = _shipped()
    code = raw["indicator"][5]["code"]
    raw["indicator"][5]["numerator"] = {"where": ["channel = 'online'"]}
    with pytest.raises(ValueError, match=f"{code}, numerator: .*missing field.* period"):
        parse_catalogue(raw)


def test_a_catalogue_whose_points_do_not_add_up_is_refused() -> None:
    raw = tomllib.loads(CATALOGUE_FILE.read_text(encoding="utf-8"))
    raw["indicator"][0]["max_points"] = 7
    with pytest.raises(ValueError, match="Nhóm 1"):
        parse_catalogue(raw)


def test_the_latest_version_in_force_at_the_period_end_wins() -> None:
    v1 = WeightVersion("a", dt.date(2023, 1, 1), {"766.4c": Weight(5, 0.5)})
    v2 = WeightVersion("b", dt.date(2025, 7, 1), {"766.4c": Weight(7, 0.6)})
    assert choose_version([v1, v2], dt.date(2024, 12, 31)) == v1
    assert choose_version([v1, v2], dt.date(2025, 12, 31)) == v2
    assert choose_version([v1, v2], dt.date(2022, 12, 31)) is None
    cat = load_catalogue().with_weights(v2)
    assert cat.version == "b"
    assert cat.indicator("766.4c").max_points == 7
    assert cat.indicator("766.4c").threshold == 0.6


def test_weights_for_unknown_codes_are_refused() -> None:
    with pytest.raises(ValueError, match=r"766\.9z"):
        load_catalogue().with_weights(
            WeightVersion("x", dt.date(2025, 1, 1), {"766.9z": Weight(1, 1)})
        )
