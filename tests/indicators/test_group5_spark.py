"""Group 5's SQL (sql_sources.py) gives the same rows on DuckDB and Spark over the same Parquet
tables, written directly as the store writes them (analytics/store_extra.py), and the hand-count
of tests/indicators/group5_world.py: A's 5a 3/5, 5b 2/5, 5c 5/7 in June 2025."""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from cchc.analytics.store_extra import write_table
from cchc.indicators.catalogue import load_catalogue
from cchc.indicators.engines import DuckDBEngine, Inputs, SparkEngine, spark_session
from cchc.indicators.sql_sources import source_query
from tests.indicators.group5_world import OVERALL_A, feedback_rows

pytestmark = pytest.mark.slow
D = dt.date
JUNE = ("2025-06", D(2025, 6, 1), D(2025, 6, 30), D(2025, 6, 30))
MONTHS = [
    (f"2025-{m:02d}", D(2025, m, 1), D(2025, m, 30 if m != 5 else 31), D(2025, m, 30))
    for m in (4, 5, 6)
]


@pytest.fixture(scope="module")
def spark() -> Iterator[Any]:
    pytest.importorskip("pyspark")
    os.environ.setdefault("SPARK_LOCAL_IP", "127.0.0.1")
    yield spark_session()


@pytest.fixture(scope="module")
def root(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("group5")
    answers = [
        (f"S{n}", "A", D(2025, 6, n + 1), "P1", "overall", score)
        for n, score in enumerate(OVERALL_A, 1)
    ]
    answers += [("S8", "A", D(2025, 6, 20), "P1", "access", 5), ("S9", "B", D(2025, 7, 1), "",
                "overall", 1), ("S10", "OLD", D(2025, 6, 3), "P2", "overall", 4)]  # fmt: skip
    write_table(root, "survey_answers", answers)
    write_table(root, "feedback", feedback_rows())
    return root


def _run(sql: str, inputs: Inputs, table: str) -> tuple[list[Any], list[Any]]:
    from dataclasses import replace

    scoped = replace(inputs, table=table)
    return DuckDBEngine().run(sql, scoped), SparkEngine().run(sql, scoped)


@pytest.mark.parametrize(
    ("by", "restrict", "unit_map", "periods"),
    [
        ("unit", False, [], [JUNE]),
        ("unit", True, [("A", "A"), ("OLD", "NEWC")], [JUNE]),
        ("total", False, [], MONTHS),
        ("level", False, [], [JUNE]),
        ("procedure", False, [], [JUNE]),
    ],
)
def test_duckdb_and_spark_agree(
    spark: Any,
    root: Path,
    by: str,
    restrict: bool,
    unit_map: list[tuple[str, str]],
    periods: list[tuple[str, dt.date, dt.date, dt.date]],
) -> None:
    indicators = load_catalogue().indicators
    inputs = Inputs(root, periods, unit_map)
    for source, table in (("surveys", "survey_answers"), ("feedback", "feedback")):
        query = source_query(indicators, source, by, restrict_units=restrict,
                             mapped=restrict or bool(unit_map))  # fmt: skip
        if query is None:  # feedback has no procedure
            assert (source, by) == ("feedback", "procedure")
            continue
        sql, columns = query
        duck, sparked = _run(sql, inputs, table)
        assert duck and duck == sparked
        if by == "unit" and source == "surveys":
            a = next(r for r in duck if r[1] == "A")
            # columns: 5c numerator, 5c denominator
            assert [c.code + c.part for c in columns] == ["766.5cn", "766.5cd"]
            assert a[2:] == (5, 7)
            mapped = {r[1]: r[2:] for r in duck}
            assert mapped.get("NEWC" if restrict else "OLD") == (1, 1)
        if by == "unit" and source == "feedback":
            [a] = [r for r in duck if r[1] == "A"]
            assert [c.code + c.part for c in columns] == [
                "766.5an",
                "766.5ad",
                "766.5bn",
                "766.5bd",
            ]
            assert a[2:] == (3, 5, 2, 5)
