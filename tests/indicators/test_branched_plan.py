"""The branch-split plan gives the same rows and figures as the plain single-scan plan (DuckDB),
on a synthetic store with awkward rows added, for every grouping and several period shapes."""

from __future__ import annotations

import datetime as dt
from dataclasses import replace
from pathlib import Path
from typing import Any

import pyarrow as pa
import pyarrow.parquet as pq
import pytest

from cchc.analytics.store_schema import DOSSIER_SCHEMA
from cchc.analytics.synthetic import generate_store
from cchc.indicators.catalogue import Indicator, load_catalogue
from cchc.indicators.engines import DuckDBEngine, Inputs
from cchc.indicators.sql import GROUP_KEYS, single_scan_query
from cchc.indicators.sql_branches import branched_query
from tests.indicators.world import custom_indicator

D = dt.date
YEAR = ("2025", D(2025, 1, 1), D(2025, 12, 31), D(2025, 12, 31))
MONTHS = [(f"2025-{m:02d}", D(2025, m, 1), D(2025, m, 28), D(2025, m, 28)) for m in (1, 2, 6, 12)]
RUNNING = ("2025-07", D(2025, 7, 1), D(2025, 7, 31), D(2025, 7, 15))  # judged mid-month


def _awkward_rows() -> pa.Table:
    """Rows the clean generator never writes: finished before received, no procedure, no
    deadline, no outcome, unknown fields, a dossier spanning the whole year, on period edges."""
    rows: list[dict[str, Any]] = [
        dict(received_on=D(2025, 3, 10), finished_on=D(2025, 2, 20), deadline_on=D(2025, 3, 1)),
        dict(received_on=D(2025, 7, 1), finished_on=D(2025, 6, 30), deadline_on=None),
        dict(received_on=D(2025, 1, 1), finished_on=None, deadline_on=D(2025, 1, 5)),
        dict(received_on=D(2025, 1, 28), finished_on=D(2025, 1, 28), deadline_on=D(2025, 1, 28)),
        dict(received_on=D(2025, 2, 28), finished_on=D(2025, 3, 1), deadline_on=D(2025, 2, 28)),
        dict(received_on=D(2025, 7, 14), finished_on=None, deadline_on=D(2025, 7, 15)),
        dict(received_on=D(2025, 7, 10), finished_on=None, deadline_on=D(2025, 7, 14)),
        dict(received_on=D(2024, 12, 31), finished_on=D(2025, 12, 31), deadline_on=None),
    ]
    out: dict[str, list[Any]] = {f.name: [] for f in DOSSIER_SCHEMA}
    for i, row in enumerate(rows):
        values: dict[str, Any] = {name: None for name in out}
        values.update(row, code=f"X{i}", unit_code=f"U{i % 3:03d}", channel="online")
        values["procedure_code"] = None if i % 2 else "P0001"
        values["finish_outcome"] = 3 if row["finished_on"] and i % 3 == 0 else None
        values["e_result"] = True if i % 4 == 0 else None
        values["flag_repeated_supplements"] = i % 2 == 0
        values["working_days_to_finish"] = None if i % 2 else 4
        for name in out:
            out[name].append(values[name])
    return pa.Table.from_pydict(out, schema=DOSSIER_SCHEMA)


@pytest.fixture(scope="module")
def store(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("branched")
    generate_store(root, 20_000, year=2025, units=6, procedures=40, seed=3)
    extra = root / "dossiers" / "year=2099" / "month=01"
    extra.mkdir(parents=True)
    pq.write_table(_awkward_rows(), extra / "part.parquet")
    return root


def _run(sql: str, inputs: Inputs) -> list[tuple[Any, ...]]:
    return [tuple(0 if v is None else v for v in r) for r in DuckDBEngine().run(sql, inputs)]


def _same(indicators: tuple[Indicator, ...], by: str, inputs: Inputs, restrict: bool) -> int:
    plain, plain_cols = single_scan_query(indicators, by, restrict_units=restrict)
    branched, branched_cols = branched_query(indicators, by, restrict_units=restrict)
    assert plain != branched  # the fast plan really is another query
    assert plain_cols == branched_cols
    expected = _run(plain, inputs)
    assert _run(branched, inputs) == expected
    return len(expected)


@pytest.mark.parametrize("by", sorted(GROUP_KEYS))
def test_same_figures_as_the_single_scan_for_every_grouping(store: Path, by: str) -> None:
    inputs = Inputs(store, [YEAR, *MONTHS, RUNNING])
    assert _same(load_catalogue().indicators, by, inputs, restrict=False) >= 6


def test_same_figures_with_a_unit_mapping(store: Path) -> None:
    inputs = Inputs(store, [YEAR, RUNNING], [("U000", "X"), ("U001", "X"), ("U002", "U002")])
    assert _same(load_catalogue().indicators, "unit", inputs, restrict=True) == 4


def test_distinct_counts_over_two_branches_and_late_rules_in_every_period_rule(store: Path) -> None:
    """A distinct count over in_period (ended + open: a value seen in both counts once), over
    open_at_end, and late_at_end inside the received rule (the general rule there)."""
    indicators = (
        custom_indicator("t.late_procs", "in_period", ("late_at_end = true",), "procedure_code"),
        custom_indicator("t.open_procs", "open_at_end", ("late_at_end = false",), "procedure_code"),
        custom_indicator("t.late_received", "received", ("late_at_end = true",), None),
        custom_indicator("t.open_online", "open_at_end", ("channel = 'online'",), None),
    )
    inputs = Inputs(store, [YEAR, *MONTHS, RUNNING])
    for by in ("unit", "procedure", "total"):
        assert _same(indicators, by, inputs, restrict=False) >= 6


def test_two_distinct_fields_fall_back_to_the_single_scan() -> None:
    indicators = (
        custom_indicator("t.procs", "received", (), "procedure_code"),
        custom_indicator("t.units", "received", (), "unit_code"),
    )
    assert branched_query(indicators, "unit", restrict_units=False) == single_scan_query(
        indicators, "unit", restrict_units=False
    )


def test_an_indicator_with_only_received_counts_still_lists_every_group(store: Path) -> None:
    """Groups whose dossiers were all received before the period still get their row."""
    ind = replace(custom_indicator("t.received", "received", (), None), denominator=None)
    inputs = Inputs(store, [("2025-12", D(2025, 12, 1), D(2025, 12, 31), D(2025, 12, 31))])
    assert _same((ind,), "unit", inputs, restrict=False) >= 6


def test_period_days_cover_each_period_once_per_day() -> None:
    inputs = Inputs(Path("."), [YEAR, MONTHS[0]])
    days = inputs.period_days()
    assert len(days) == 365 + 28
    assert days[0] == (D(2025, 1, 1), "2025", D(2025, 1, 1), D(2025, 12, 31), D(2025, 12, 31), 0)
    assert {d[1:] for d in days if d[0] == D(2025, 1, 5)} == {(*YEAR, 0), (*MONTHS[0], 1)}
    assert inputs.period_days_table().num_rows == 393


def test_date_cells_map_each_day_to_the_next_period_bound() -> None:
    """Bounds of a running July judged on the 15th: 30/06 (start − 1), 14/07 (reference − 1)
    and 31/07 (end); every day from the least bound maps to the first bound on or after it."""
    cells = dict(Inputs(Path("."), [RUNNING]).date_cells())
    assert len(cells) == 32
    assert cells[D(2025, 6, 30)] == D(2025, 6, 30)
    assert cells[D(2025, 7, 1)] == cells[D(2025, 7, 14)] == D(2025, 7, 14)
    assert cells[D(2025, 7, 15)] == cells[D(2025, 7, 31)] == D(2025, 7, 31)
    assert Inputs(Path("."), []).date_cells() == []


@pytest.mark.parametrize("by", sorted(GROUP_KEYS))
def test_without_a_unit_mapping_the_same_figures_as_the_mapped_reference(
    store: Path, by: str
) -> None:
    """`mapped=False` (no unit_map join) gives the rows of the reference plan with the join."""
    indicators = load_catalogue().indicators
    inputs = Inputs(store, [YEAR, *MONTHS, RUNNING])
    unmapped, columns = branched_query(indicators, by, restrict_units=False, mapped=False)
    plain, plain_columns = single_scan_query(indicators, by, restrict_units=False)
    assert "unit_map" not in unmapped and "unit_map" in plain
    assert columns == plain_columns
    expected = _run(plain, inputs)
    assert len(expected) >= 6
    assert _run(unmapped, inputs) == expected


def test_same_figures_with_a_unit_mapping_that_does_not_restrict(store: Path) -> None:
    """The as-is view of the whole province: merged units' dossiers go to their successor."""
    inputs = Inputs(store, [YEAR, RUNNING], [("U000", "U001")])
    assert _same(load_catalogue().indicators, "unit", inputs, restrict=False) == 2 * 5


def test_an_unmapped_query_refuses_a_unit_mapping(store: Path) -> None:
    sql, _ = branched_query(load_catalogue().indicators, "unit", restrict_units=False, mapped=False)
    with pytest.raises(ValueError, match="unit mapping"):
        DuckDBEngine().run(sql, Inputs(store, [YEAR], [("U000", "U001")]))
    with pytest.raises(ValueError):
        branched_query(load_catalogue().indicators, "unit", restrict_units=True, mapped=False)


def test_distinct_counts_with_procedure_conditions_tested_after_the_grouping(store: Path) -> None:
    """Conditions on the procedure's fields (has_fee, online_level) are tested once per
    procedure code; mixed with the dossier's own conditions and late_at_end, in every branch."""
    key = "procedure_code"
    indicators = (
        custom_indicator("t.fee_late", "in_period", ("has_fee = true", "late_at_end = true"), key),
        custom_indicator("t.offered_open", "open_at_end", ("online_level in ('full')",), key),
        custom_indicator("t.fee_paid", "received", ("paid_online = true", "has_fee = false"), key),
        custom_indicator("t.ended_online", "ended", ("channel = 'online'", "has_fee != true"), key),
    )
    inputs = Inputs(store, [YEAR, *MONTHS, RUNNING])
    branched, _ = branched_query(indicators, "unit", restrict_units=False)
    assert "LEFT JOIN procedures pr ON pr.code = f.distinct_key" in branched
    for by in ("unit", "procedure", "level", "total"):
        assert _same(indicators, by, inputs, restrict=False) >= 6
    rows = _run(branched, inputs)
    assert all(sum(r[2 + k] for r in rows) > 0 for k in range(0, 8, 2))  # each selects some
