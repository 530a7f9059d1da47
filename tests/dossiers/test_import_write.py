"""The SQLite write path: columns equal in every row are written as SQL literals, the others bound;
either way the stored values and their SQLite types are those a bound parameter would give."""

from __future__ import annotations

from pathlib import Path

import polars as pl
import pytest
from django.db import connection

from cchc.core.models import Procedure
from cchc.dossiers import upsert
from cchc.dossiers.importer import import_dossiers
from cchc.dossiers.models import Dossier
from tests.dossiers.import_helpers import HEADER, row, world, write_csv


def test_sql_literals_quote_text_and_refuse_what_they_cannot_write() -> None:
    assert upsert.sql_literal("Hộ tịch") == "'Hộ tịch'"
    assert upsert.sql_literal("it's") == "'it''s'"
    assert upsert.sql_literal("") == "''"
    assert upsert.sql_literal(7) == "7"
    assert upsert.sql_literal(None) is None  # absent columns are written NULL elsewhere
    assert upsert.sql_literal(True) is None  # booleans are cast to ints before
    assert upsert.sql_literal("a\x00b") is None  # sqlite3 refuses NUL in statement text
    assert upsert.sql_literal(1.5) is None


def test_constant_columns_are_those_with_one_value_and_no_null() -> None:
    frame = pl.DataFrame(
        {
            "code": ["A", "A"],  # the code is always bound
            "sector": ["x", "x"],
            "status": [10, 10],
            "channel": ["online", "postal"],
            "finished_on": ["2025-07-01", None],
            "returned_at": [None, None],
        }
    )
    assert upsert.constant_columns(frame) == {"sector": "'x'", "status": "10"}
    assert upsert.constant_columns(frame.head(0)) == {}


def _stored(code: str) -> tuple[object, ...]:
    kind = "typeof" if connection.vendor == "sqlite" else "pg_typeof"
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT sector, {kind}(sector), status, {kind}(status), channel, unit_code, "
            f"supplement_requests, {kind}(supplement_requests), flag_beyond_statutory, "
            f"{kind}(flag_beyond_statutory) FROM dossiers_dossier WHERE code = %s",
            [code],
        )
        found = cursor.fetchone()
    assert found is not None
    return tuple(found)


@pytest.mark.django_db
def test_values_written_as_literals_read_back_as_bound_ones(tmp_path: Path) -> None:
    world()
    Procedure.objects.filter(code="1.000178").update(sector="Hộ tịch 'cũ'")
    rows = [[*row(dossier_code=f"HS-{n}"), "10"] for n in range(3)]
    one = write_csv(tmp_path / "a.csv", rows, header=[*HEADER, "status"])
    result = import_dossiers(one)
    assert result.inserted == 3
    constant = _stored("HS-0")
    if connection.vendor == "sqlite":
        assert constant == ("Hộ tịch 'cũ'", "text", 10, "integer", "online", "UBX-001",
                            0, "integer", 0, "integer")  # fmt: skip
    else:
        assert constant[0::2] == ("Hộ tịch 'cũ'", 10, "online", 0, False)
    # a newer export where the values differ between rows: bound, and the same kinds of values
    newer = [[*row(dossier_code="HS-0", channel="postal"), ""], [*row(dossier_code="HS-1"), ""]]
    two = write_csv(tmp_path / "b.csv", newer, header=[*HEADER, "status"])
    update = import_dossiers(two)
    assert (update.inserted, update.updated, update.unchanged) == (0, 2, 0)
    changed = _stored("HS-0")
    assert changed[4] == "postal" and changed[2] is None  # status now empty in every row
    assert _stored("HS-1")[:2] == constant[:2]
    assert Dossier.objects.get(code="HS-2").status == 10  # not in the newer file: untouched
