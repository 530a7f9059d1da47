"""DuckDB and Spark give identical results from the same definitions on the same Parquet."""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from cchc.analytics.synthetic import generate_store
from cchc.indicators.catalogue import load_catalogue
from cchc.indicators.engines import DuckDBEngine, Inputs, SparkEngine, spark_session
from cchc.indicators.sql_branches import indicator_query

pytestmark = pytest.mark.slow


@pytest.fixture(scope="session")
def spark() -> Iterator[Any]:
    pytest.importorskip("pyspark")
    os.environ.setdefault("SPARK_LOCAL_IP", "127.0.0.1")
    yield spark_session()


@pytest.fixture(scope="module")
def store(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("synthetic")
    generate_store(root, 30_000, year=2025, units=12, procedures=60, seed=11)
    return root


@pytest.mark.parametrize(
    ("by", "mapped"),
    [
        ("unit", True),
        ("unit", False),
        ("sector", True),
        ("procedure", False),
        ("channel", True),
        ("level", True),
    ],
)
def test_both_engines_agree_row_for_row(spark: Any, store: Path, by: str, mapped: bool) -> None:
    catalogue = load_catalogue()
    sql, _ = indicator_query(catalogue.indicators, by, restrict_units=False, mapped=mapped)
    months = [
        (f"2025-{m:02d}", dt.date(2025, m, 1), dt.date(2025, m, 28), dt.date(2025, m, 28))
        for m in (1, 6, 12)
    ]
    inputs = Inputs(
        store,
        [("2025", dt.date(2025, 1, 1), dt.date(2025, 12, 31), dt.date(2025, 12, 31)), *months],
    )
    duck = DuckDBEngine().run(sql, inputs)
    sparked = SparkEngine().run(sql, inputs)
    assert len(duck) > 3
    assert duck == sparked


def test_both_engines_agree_with_a_unit_mapping(spark: Any, store: Path) -> None:
    sql, _ = indicator_query(load_catalogue().indicators, "unit", restrict_units=True)
    inputs = Inputs(
        store,
        [("2025-H1", dt.date(2025, 1, 1), dt.date(2025, 6, 30), dt.date(2025, 6, 30))],
        [("U000", "X"), ("U001", "X"), ("U002", "U002")],
    )
    duck = DuckDBEngine().run(sql, inputs)
    assert [r[1] for r in duck] == ["U002", "X"]
    assert duck == SparkEngine().run(sql, inputs)
