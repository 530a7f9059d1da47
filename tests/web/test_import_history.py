"""Each line of the import history opens its report: counts, the stored rejection report with
file, line and field, and the upload's job."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from django.test import Client

from cchc.core.models import ImportBatch
from tests.web.world import World, write_import_csv

ClientFor = Callable[[str], Client]


def _upload(client: Client, path: Path) -> None:
    with path.open("rb") as handle:
        client.post("/nhap-du-lieu/", {"file": handle, "mapping": "canonical"})


def test_a_rejected_import_opens_its_report_from_the_history(
    world: World, client_for: ClientFor, tmp_path: Path
) -> None:
    client = client_for("officer")
    bad = tmp_path / "kenh.csv"
    bad.write_text(
        "dossier_code,procedure_code,unit_code,channel,received_at\n"
        "K-1,TT-HT-01,X011,fax,01/07/2024 08:15\n",
        encoding="utf-8",
    )
    _upload(client, bad)
    batch = ImportBatch.objects.get(file_name="kenh.csv")
    history = client.get("/nhap-du-lieu/").content.decode()
    assert f'<a href="/nhap-du-lieu/lan-nhap/{batch.pk}/"' in history
    page = client.get(f"/nhap-du-lieu/lan-nhap/{batch.pk}/").content.decode()
    assert "Bị từ chối" in page
    assert "kenh.csv, dòng (line) 2, cột (field) &#x27;channel&#x27; = &#x27;fax&#x27;" in page
    assert client_for("chair_x011").get(f"/nhap-du-lieu/lan-nhap/{batch.pk}/").status_code == 403
    assert client.get("/nhap-du-lieu/lan-nhap/999999/").status_code == 404


def test_a_done_import_shows_its_counts_and_links_its_upload(
    world: World, client_for: ClientFor, tmp_path: Path
) -> None:
    client = client_for("officer")
    _upload(client, write_import_csv(tmp_path / "thang7.csv", 12))
    batch = ImportBatch.objects.get(file_name="thang7.csv")
    page = client.get(f"/nhap-du-lieu/lan-nhap/{batch.pk}/").content.decode()
    assert '<td class="num">12</td>' in page and "Không có lỗi nào được ghi lại" in page
    assert "/nhap-du-lieu/tac-vu/" in page
