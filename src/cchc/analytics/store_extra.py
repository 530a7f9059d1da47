"""Tables of the analytics store that apps above analytics provide: citizens' survey answers and
feedback items (docs/analytics.md, "Citizens' tables").

Analytics sits below the apps that own these records (tests/test_layers.py), so it cannot read
them itself: an app registers a provider for a table in its AppConfig.ready, and every build of
the store (rebuild, refresh, reference refresh) asks the registered providers for their rows.
A provider is a function of no argument returning an iterable of tuples in the order of the
table's columns below; a table without a provider is not written (the indicators read it
as empty, so its indicators show "no data").

The columns are fixed here, not by the provider: no column can carry a citizen's name, phone,
ID number or text into the store.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable, Sequence
from pathlib import Path
from typing import Any

import pyarrow as pa
import pyarrow.parquet as pq

Provider = Callable[[], Iterable[Sequence[Any]]]

# One row per answered element of a survey response (element: access, procedure, official,
# result, feedback_handling, overall; score 1–5). A response with three answered elements
# gives three rows.
SURVEY_ANSWER_COLUMNS: list[tuple[str, pa.DataType]] = [
    ("response_id", pa.string()),
    ("unit_code", pa.string()),
    ("answered_on", pa.date32()),
    ("procedure_code", pa.string()),
    ("element", pa.string()),
    ("score", pa.int32()),
]
# One row per feedback item (phản ánh, kiến nghị). state: received | assigned | answered |
# closed; rating: "satisfied" | "not_satisfied" | null (not rated); recomplained: the citizen
# complained again about the answer; category: the staff's classification (code) or null.
FEEDBACK_COLUMNS: list[tuple[str, pa.DataType]] = [
    ("item_id", pa.string()),
    ("unit_code", pa.string()),
    ("received_on", pa.date32()),
    ("due_on", pa.date32()),
    ("answered_on", pa.date32()),
    ("closed_on", pa.date32()),
    ("state", pa.string()),
    ("rating", pa.string()),
    ("recomplained", pa.bool_()),
    ("category", pa.string()),
]
EXTRA_TABLES: dict[str, list[tuple[str, pa.DataType]]] = {
    "survey_answers": SURVEY_ANSWER_COLUMNS,
    "feedback": FEEDBACK_COLUMNS,
}
_PROVIDERS: dict[str, Provider] = {}


def extra_schema(name: str) -> pa.Schema:
    return pa.schema([pa.field(n, t) for n, t in EXTRA_TABLES[name]])


def register_table(name: str, provider: Provider) -> None:
    """Register the provider of one of EXTRA_TABLES (again: the later one replaces it)."""
    if name not in EXTRA_TABLES:
        raise ValueError(
            f"Bảng không có trong kho (unknown store table) {name!r}; "
            f"dùng {', '.join(EXTRA_TABLES)}"
        )
    _PROVIDERS[name] = provider


def unregister_table(name: str) -> None:
    _PROVIDERS.pop(name, None)


def providers() -> dict[str, Provider]:
    return dict(_PROVIDERS)


def table_of(name: str, rows: Iterable[Sequence[Any]]) -> pa.Table:
    """Rows (tuples in the table's column order) → the table in its schema."""
    schema = extra_schema(name)
    data = [tuple(r) for r in rows]
    for n, row in enumerate(data, 1):
        if len(row) != len(schema):
            raise ValueError(
                f"{name}, dòng (row) {n}: {len(row)} giá trị, cần {len(schema)} "
                f"({', '.join(schema.names)})"
            )
    columns = list(zip(*data, strict=True)) if data else [() for _ in schema]
    return pa.Table.from_arrays(
        [pa.array(list(c), f.type) for c, f in zip(columns, schema, strict=True)], schema=schema
    )


def write_table(root: Path, name: str, rows: Iterable[Sequence[Any]]) -> Path:
    """Write one table to ROOT/NAME/part.parquet (written beside, then swapped in)."""
    target = root / name
    target.mkdir(parents=True, exist_ok=True)
    tmp = target / "part.parquet.tmp"
    pq.write_table(table_of(name, rows), tmp)
    os.replace(tmp, target / "part.parquet")
    return target / "part.parquet"


def write_extra_tables(root: Path) -> list[str]:
    """Ask every registered provider for its rows and write its table; the names written."""
    written = []
    for name, provider in sorted(_PROVIDERS.items()):
        write_table(root, name, provider())
        written.append(name)
    return written
