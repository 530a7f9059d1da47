"""Large imports normalise their parts in a second process: same rows as normalising in-process."""

from __future__ import annotations

from collections.abc import Iterator
from concurrent.futures import ProcessPoolExecutor
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pytest

from cchc.dossiers import normalise_pool, upsert
from cchc.dossiers.importer import import_dossiers
from cchc.dossiers.models import Dossier
from tests.dossiers.import_helpers import row, world, write_csv

FIELDS = ("code", "received_at", "received_on", "deadline_on", "finish_outcome", "status",
          "applicant_pseudonym", "flag_late_no_apology", "row_hash")  # fmt: skip


def _file(path: Path) -> Path:
    rows = [
        row(dossier_code=f"HS-{n:03d}", received_at=f"{1 + n % 28:02d}/07/2025 08:{n % 60:02d}",
            finished_at="" if n % 3 else "30/07/2025 10:00", applicant_id=f"0790{n % 7:08d}")
        for n in range(120)
    ]  # fmt: skip
    return write_csv(path, rows)


def _stored() -> list[tuple[Any, ...]]:
    return list(Dossier.objects.order_by("code").values_list(*FIELDS))


@pytest.mark.django_db(transaction=True)
def test_the_worker_process_writes_the_same_rows_as_normalising_here(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    world()
    path = _file(tmp_path / "d.csv")
    monkeypatch.setattr(upsert, "WRITE_BATCH", 50)  # three parts in flight
    here = import_dossiers(path)
    expected = _stored()
    Dossier.objects.all().delete()
    used: list[object] = []
    worker_for = normalise_pool.worker_for

    @contextmanager
    def observed(p: Path) -> Iterator[Any]:  # observation only: the real worker runs
        with worker_for(p) as worker:
            used.append(worker)
            yield worker

    monkeypatch.setattr(normalise_pool, "WORKER_MIN_BYTES", 0)
    monkeypatch.setattr("cchc.dossiers.importer.worker_for", observed)
    there = import_dossiers(path)
    assert len(used) == 1 and isinstance(used[0], ProcessPoolExecutor)
    assert (there.inserted, here.inserted) == (120, 120)
    assert _stored() == expected


def test_a_small_file_gets_no_worker(tmp_path: Path) -> None:
    path = tmp_path / "small.csv"
    path.write_text("x\n", encoding="utf-8")
    with normalise_pool.worker_for(path) as worker:
        assert worker is None
