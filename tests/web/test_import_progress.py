"""A running web import's progress is seen by the polling page while its rows are written."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from django.test import Client

from cchc.dossiers import upsert
from cchc.web import import_jobs
from cchc.web.models import ImportJob
from tests.web.elsewhere import in_another_thread
from tests.web.world import World, write_import_csv

ClientFor = Callable[[str], Client]


@pytest.mark.django_db(transaction=True)
def test_the_status_shows_the_write_stage_while_the_import_transaction_is_open(
    world: World, client_for: ClientFor, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    client = client_for("officer")
    path = write_import_csv(tmp_path / "lon.csv", 300)
    job = ImportJob.objects.create(
        user=world.users["officer"], file_name=path.name, stored_path=str(path), mapping="canonical"
    )
    monkeypatch.setattr(upsert, "WRITE_BATCH", 100)
    seen: list[dict[str, Any]] = []
    write = upsert.write_dossiers

    def write_then_poll(*args: Any) -> None:  # observation only: the real writer runs
        write(*args)

        in_another_thread(  # the page's request
            lambda: seen.append(client.get(f"/nhap-du-lieu/tac-vu/{job.pk}/trang-thai/").json())
        )

    monkeypatch.setattr(upsert, "write_dossiers", write_then_poll)
    import_jobs.run_job(job.pk)
    assert len(seen) == 1 and seen[0]["finished"] is False
    assert seen[0]["progress"] == 1.0 and seen[0]["message"] == "Đang ghi: 300 dòng"
    job.refresh_from_db()
    assert job.status == ImportJob.Status.DONE and job.progress == 1.0
    assert not import_jobs.progress_path(job.pk).exists()  # the file goes with the job's end


def test_a_missing_or_broken_progress_file_reads_as_no_report(
    settings: Any, tmp_path: Path
) -> None:
    settings.DATA_DIR = str(tmp_path)
    assert import_jobs.read_progress(987_654) is None
    import_jobs.write_progress(987_654, 0.25, "Đang đọc: 10 dòng")
    assert import_jobs.read_progress(987_654) == (0.25, "Đang đọc: 10 dòng")
    import_jobs.progress_path(987_654).write_text("{", encoding="utf-8")
    assert import_jobs.read_progress(987_654) is None
    import_jobs.progress_path(987_654).unlink()
