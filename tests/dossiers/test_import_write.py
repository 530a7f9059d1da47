"""The SQLite write path: columns equal in every row are written as SQL literals, the others bound;
either way the stored values and their SQLite types are those a bound parameter would give."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import polars as pl
import pytest
from django.db import connection

from cchc.core.models import Procedure
from cchc.dossiers import sqlite_rows
from cchc.dossiers.importer import import_dossiers
from cchc.dossiers.models import Dossier
from tests.dossiers.import_helpers import HEADER, row, world, write_csv


def test_sql_literals_quote_text_and_refuse_what_they_cannot_write() -> None:
    assert sqlite_rows.sql_literal("Hộ tịch") == "'Hộ tịch'"
    assert sqlite_rows.sql_literal("it's") == "'it''s'"
    assert sqlite_rows.sql_literal("") == "''"
    assert sqlite_rows.sql_literal(7) == "7"
    assert sqlite_rows.sql_literal(None) is None  # absent columns are written NULL elsewhere
    assert sqlite_rows.sql_literal(True) is None  # booleans are cast to ints before
    assert sqlite_rows.sql_literal("a\x00b") is None  # sqlite3 refuses NUL in statement text
    assert sqlite_rows.sql_literal(1.5) is None


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
    assert sqlite_rows.constant_columns(frame) == {"sector": "'x'", "status": "10"}
    assert sqlite_rows.constant_columns(frame.head(0)) == {}


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


def test_statements_insert_many_rows_and_only_existing_codes_are_upserted() -> None:
    one = sqlite_rows.insert_sql(
        ["code", "unit_code"], 7, {"unit_code": "'U'"}, rows=3, upsert=False
    )
    assert one.count("(?, 'U', 7)") == 3 and "ON CONFLICT" not in one
    upsert = sqlite_rows.insert_sql(["code"], 7, rows=1)
    assert upsert.count("(?, 7)") == 1 and "ON CONFLICT(code) DO UPDATE" in upsert
    assert "unit_code = NULL" in upsert  # a column the newer export lacks is cleared


@pytest.mark.django_db
def test_rows_grouped_into_statements_keep_each_value_on_its_own_row(tmp_path: Path) -> None:
    """More rows than one statement holds: each group's values are its rows', in order."""
    world()
    count = 2 * sqlite_rows.ROWS_PER_STATEMENT + 5
    rows = [
        row(dossier_code=f"HS-{n:03d}", received_at=f"{1 + n % 28:02d}/07/2025 08:{n % 60:02d}",
            finished_at="", applicant_id=f"0790{n:08d}")
        for n in range(count)
    ]  # fmt: skip
    result = import_dossiers(write_csv(tmp_path / "a.csv", rows))
    assert result.inserted == count
    for dossier in Dossier.objects.all():
        n = int(dossier.code[3:])
        local = dossier.received_at.astimezone(dt.timezone(dt.timedelta(hours=7)))
        assert (local.day, local.minute) == (1 + n % 28, n % 60), dossier.code
        assert dossier.received_on == local.date()


@pytest.mark.django_db
def test_one_file_with_new_changed_and_unchanged_dossiers(tmp_path: Path) -> None:
    world()
    import_dossiers(write_csv(tmp_path / "a.csv", [row(), row(dossier_code="HS-2")]))
    newer = [row(channel="postal"), row(dossier_code="HS-2"), row(dossier_code="HS-3")]
    result = import_dossiers(write_csv(tmp_path / "b.csv", newer))
    assert (result.inserted, result.updated, result.unchanged) == (1, 1, 1)
    stored = dict(Dossier.objects.values_list("code", "channel"))
    assert stored == {"HS-1": "postal", "HS-2": "online", "HS-3": "online"}
    batches = dict(Dossier.objects.values_list("code", "batch_id"))
    assert batches["HS-1"] == batches["HS-3"] == result.batch_id != batches["HS-2"]
