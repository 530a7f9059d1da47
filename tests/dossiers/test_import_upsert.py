"""Re-imports, newer exports, crashes and pseudonyms."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from django.db import connection

from cchc.core.models import ImportBatch
from cchc.dossiers import upsert
from cchc.dossiers.importer import import_dossiers
from cchc.dossiers.models import Dossier
from cchc.dossiers.pseudonym import pseudonym
from tests.dossiers.import_helpers import row, world, write_csv

pytestmark = pytest.mark.django_db


def test_reimporting_the_same_file_changes_nothing(tmp_path: Path) -> None:
    world()
    path = write_csv(tmp_path / "d.csv", [row(), row(dossier_code="HS-2")])
    first = import_dossiers(path)
    again = import_dossiers(path)
    assert (first.inserted, again.inserted, again.updated, again.unchanged) == (2, 0, 0, 2)
    assert set(Dossier.objects.values_list("batch_id", flat=True)) == {first.batch_id}


def test_a_newer_export_updates_the_dossier(tmp_path: Path) -> None:
    world()
    import_dossiers(write_csv(tmp_path / "a.csv", [row(finished_at=""), row(dossier_code="HS-2")]))
    newer = import_dossiers(write_csv(tmp_path / "b.csv", [row(finished_at="10/07/2025 09:00")]))
    assert (newer.inserted, newer.updated) == (0, 1)
    dossier = Dossier.objects.get(code="HS-1")
    assert dossier.finish_outcome == 3 and dossier.batch_id == newer.batch_id
    assert Dossier.objects.count() == 2


@pytest.mark.django_db(transaction=True)
def test_a_crash_after_the_rows_are_written_leaves_nothing_behind(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    world()
    path = write_csv(tmp_path / "d.csv", [row(), row(dossier_code="HS-2")])
    write = upsert.write_dossiers

    def write_then_crash(*args: Any) -> None:  # fault injection: crash simulation only
        write(*args)
        assert Dossier.objects.count() == 2  # the rows were there, inside the transaction
        raise RuntimeError("disk full")

    monkeypatch.setattr(upsert, "write_dossiers", write_then_crash)
    with pytest.raises(RuntimeError):
        import_dossiers(path)
    assert Dossier.objects.count() == 0
    assert ImportBatch.objects.count() == 0


def test_no_raw_applicant_identifier_is_stored(tmp_path: Path) -> None:
    world()
    rows = [row(), row(dossier_code="HS-2"), row(dossier_code="HS-3", applicant_id="079000000001")]
    import_dossiers(write_csv(tmp_path / "d.csv", rows))
    one, two, three = Dossier.objects.order_by("code")
    assert one.applicant_pseudonym == two.applicant_pseudonym != three.applicant_pseudonym
    assert len(one.applicant_pseudonym) == 32
    assert one.applicant_pseudonym != pseudonym("001099012345", "another key")
    with connection.cursor() as cursor:
        cursor.execute("SELECT * FROM dossiers_dossier")
        dump = repr(cursor.fetchall())
    assert "001099012345" not in dump and "079000000001" not in dump
    if connection.vendor == "sqlite":
        raw = Path(connection.settings_dict["NAME"])
        if raw.is_file():
            assert b"001099012345" not in raw.read_bytes()
