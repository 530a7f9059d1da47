"""Another user's save while a large import's transaction is open (PostgreSQL: rows lock, not the
whole database). The import's batch must not hold the change stamp's row from its creation to its
commit, or every save that raises the stamp (a finding, an action, a unit) waits for the import."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from django.db import connection

from cchc.core.change_stamp import stamp
from cchc.core.models import Unit, UnitKind
from cchc.dossiers import upsert
from cchc.dossiers.importer import import_dossiers
from tests.web.elsewhere import in_another_thread
from tests.web.world import World, build_world, write_import_csv


@pytest.mark.django_db(transaction=True)
def test_a_save_during_an_open_import_does_not_wait_for_its_commit(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    if connection.vendor != "postgresql":
        pytest.skip("SQLite has one writer: every save waits for an import (docs/web.md)")
    world: World = build_world()
    path = write_import_csv(tmp_path / "lon.csv", 300, unit=world.commune11.code)
    before = stamp()
    outcome: list[Any] = []
    write = upsert.write_dossiers

    def write_then_save(*args: Any) -> None:  # the real writer runs, then another user saves
        write(*args)

        def save() -> None:  # another request
            try:
                with connection.cursor() as cursor:
                    cursor.execute("SET lock_timeout = '3s'")
                Unit.objects.create(code="X099", name="Xã Chín Chín", kind=UnitKind.COMMUNE)
                outcome.append("saved")
            except Exception as exc:  # the lock wait, if the import held the stamp's row
                outcome.append(exc)

        in_another_thread(save)

    monkeypatch.setattr(upsert, "write_dossiers", write_then_save)
    import_dossiers(path)
    assert outcome == ["saved"]
    assert Unit.objects.filter(code="X099").exists() and stamp() > before
