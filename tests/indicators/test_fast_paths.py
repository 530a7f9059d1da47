"""The engine's speed-ups keep every figure: bare boolean conditions, COUNT_IF cell counts,
the process's shared DuckDB database, and the assembly of scored rows."""

from __future__ import annotations

import datetime as dt
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import duckdb
import pytest

from cchc.analytics.duck import duckdb_cursor
from cchc.analytics.synthetic import generate_store
from cchc.indicators.catalogue import load_catalogue
from cchc.indicators.engines import DuckDBEngine, Inputs
from cchc.indicators.filters import condition_sql
from cchc.indicators.results import assemble
from cchc.indicators.sql import single_scan_query
from cchc.indicators.sql_branches import indicator_query
from tests.indicators.world import custom_indicator

D = dt.date
PERIODS = [
    ("2025", D(2025, 1, 1), D(2025, 12, 31), D(2025, 12, 31)),
    ("2025-03", D(2025, 3, 1), D(2025, 3, 31), D(2025, 3, 31)),
    ("2025-07", D(2025, 7, 1), D(2025, 7, 31), D(2025, 7, 15)),
]


@pytest.fixture(scope="module")
def store(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("fast")
    generate_store(root, 8_000, year=2025, units=5, procedures=30, seed=5)
    return root


def test_bare_booleans_drop_the_comparison() -> None:
    assert condition_sql("e_result = true", bare_bools=True) == "d.e_result"
    assert condition_sql("e_result = false", bare_bools=True) == "NOT d.e_result"
    assert condition_sql("e_result != true", bare_bools=True) == "NOT d.e_result"
    assert condition_sql("e_result != false", bare_bools=True) == "d.e_result"
    assert condition_sql("e_result = true") == "d.e_result = TRUE"  # the reference keeps it
    assert condition_sql("channel = 'online'", bare_bools=True) == "d.channel = 'online'"


@pytest.mark.parametrize("text", ["x = true", "x = false", "x != true", "x != false"])
def test_bare_booleans_keep_three_valued_logic(text: str) -> None:
    """TRUE, FALSE and NULL give the same answer (NULL included) in both forms."""
    field = text.replace("x", "e_result")
    plain, bare = condition_sql(field), condition_sql(field, bare_bools=True)
    con = duckdb.connect()
    rows = con.execute(
        f"SELECT {plain}, {bare} FROM (VALUES (TRUE), (FALSE), (NULL::BOOLEAN)) d(e_result)"
    ).fetchall()
    assert [a for a, _ in rows] == [b for _, b in rows]
    assert None in [a for a, _ in rows]


@pytest.mark.parametrize("by", ["unit", "total", "channel"])
def test_negated_boolean_counts_match_the_single_scan(store: Path, by: str) -> None:
    indicators = (
        custom_indicator("t.no_e", "ended", ("e_result = false",)),
        custom_indicator("t.not_digitised", "received", ("digitised != true",)),
        custom_indicator("t.paid", "in_period", ("paid_online != false", "has_fee = true")),
        custom_indicator("t.open_no_apology", "open_at_end", ("apology_issued = false",)),
    )
    fast, columns = indicator_query(indicators, by, restrict_units=False)
    plain, plain_columns = single_scan_query(indicators, by, restrict_units=False)
    assert "COUNT_IF(" in fast and "NOT d.e_result" in fast
    inputs = Inputs(store, PERIODS)
    got = [tuple(0 if v is None else v for v in r) for r in DuckDBEngine().run(fast, inputs)]
    want = [tuple(0 if v is None else v for v in r) for r in DuckDBEngine().run(plain, inputs)]
    assert columns == plain_columns
    assert got == want
    assert sum(r[2] for r in got) > 0  # the conditions do select dossiers


def test_cursors_of_the_shared_database_do_not_see_each_other() -> None:
    first, second = duckdb_cursor(), duckdb_cursor()
    try:
        first.execute("CREATE TEMP VIEW dossiers AS SELECT 1 AS x")
        first.execute("SET SESSION nested_loop_join_threshold = 7")
        with pytest.raises(duckdb.CatalogException):
            second.execute("SELECT * FROM dossiers")
        setting = "SELECT current_setting('nested_loop_join_threshold')"
        assert first.execute(setting).fetchone() == (7,)
        assert second.execute(setting).fetchone() != (7,)
        cache = second.execute("SELECT current_setting('enable_external_file_cache')").fetchone()
        assert cache == (False,)  # every run reads the store afresh
    finally:
        first.close()
        second.close()


def test_repeated_and_concurrent_runs_give_the_same_rows(store: Path) -> None:
    sql, _ = indicator_query(load_catalogue().indicators, "unit", restrict_units=False)
    inputs = Inputs(store, PERIODS)
    first = DuckDBEngine().run(sql, inputs)
    with ThreadPoolExecutor(max_workers=3) as pool:
        runs = list(pool.map(lambda _: DuckDBEngine().run(sql, inputs), range(3)))
    assert len(first) == 15
    assert all(run == first for run in runs)
    assert DuckDBEngine(threads=1).run(sql, inputs) == first  # its own database


def test_counts_come_back_as_bigint_not_128_bit(store: Path) -> None:
    """DuckDB's SUM is a 128-bit integer, slow to fetch; counts are cast back to BIGINT."""
    sql, columns = indicator_query(load_catalogue().indicators, "unit", restrict_units=False)
    probe = ", ".join(f"typeof(c{n})" for n in range(len(columns)))
    types = DuckDBEngine().run(f"SELECT DISTINCT {probe} FROM ({sql}) q", Inputs(store, PERIODS))
    assert len(types) == 1
    for column, kind in zip(columns, types[0], strict=True):
        assert kind == ("HUGEINT" if column.part == "s" else "BIGINT"), column


def test_assembled_rows_keep_the_catalogue_order_and_share_blank_measures(store: Path) -> None:
    catalogue = load_catalogue()
    sql, columns = indicator_query(catalogue.indicators, "unit", restrict_units=False)
    raw = DuckDBEngine().run(sql, Inputs(store, PERIODS))
    rows = assemble(catalogue, catalogue.indicators, columns, raw, {"U000": "Đơn vị 0"})
    codes = [i.code for i in catalogue.indicators]
    assert all(list(r.measures) == codes for r in rows)
    blank = next(i.code for i in catalogue.indicators if not i.has_data)
    assert rows[0].measures[blank] is rows[1].measures[blank]
    assert rows[0].measures[blank].no_data
    assert {r.group_name for r in rows if r.group_code == "U000"} == {"Đơn vị 0"}
    with pytest.raises(ValueError):
        assemble(catalogue, catalogue.indicators, columns, [raw[0][:-1]], {})
