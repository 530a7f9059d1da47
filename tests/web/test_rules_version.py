"""Every page shows "data as of" with the rules version the stored timing was computed by, and
all pages take "the latest import" from one function (dossiers/data_as_of.py)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from pathlib import Path

import pytest
from django.test import Client
from django.utils import timezone

from cchc.analytics.store import rebuild
from cchc.core.models import ImportBatch
from cchc.dossiers.importer import import_dossiers
from cchc.dossiers.rulebook.version import RULES_VERSION
from tests.web.world import World, write_import_csv

ClientFor = Callable[[str], Client]
PAGES = ["/?period=2024", "/don-vi/", "/don-vi/H01/?period=2024", "/ho-so-tre-han/?period=2024",
         "/nhap-du-lieu/", "/cong-khai/?period=2024"]  # fmt: skip


@pytest.mark.parametrize("url", PAGES)
def test_a_page_shows_the_rules_version_beside_data_as_of(
    world: World, client_for: ClientFor, tmp_path: Path, url: str
) -> None:
    import_dossiers(write_import_csv(tmp_path / "thang7.csv", 3))
    page = client_for("officer").get(url).content.decode()
    assert "Dữ liệu đến" in page
    assert f"Quy tắc v{RULES_VERSION}" in page


def test_data_computed_by_older_rules_says_so(world: World, client_for: ClientFor) -> None:
    ImportBatch.objects.update(rules_version="2025.1.0")
    page = client_for("steering").get("/?period=2024").content.decode()
    assert "Quy tắc v2025.1.0" in page
    assert f"quy tắc hiện hành v{RULES_VERSION}, chưa tính lại" in page


def test_the_dashboard_and_the_late_list_show_the_same_latest_import(
    world: World, client_for: ClientFor
) -> None:
    # Two imports ran at once: the one started first (lower id) finished last. Its end is the
    # moment the data is as of, on every page.
    moment = timezone.now() + dt.timedelta(hours=1)  # after the world's own import
    first = ImportBatch.objects.create(file_name="a.csv", file_hash="a", status="done",
                                       finished_at=moment, rules_version=RULES_VERSION)  # fmt: skip
    ImportBatch.objects.create(file_name="b.csv", file_hash="b", status="done",
                               finished_at=moment - dt.timedelta(minutes=5))  # fmt: skip
    assert first.pk < ImportBatch.objects.order_by("-id").values_list("id", flat=True)[0]
    client = client_for("officer")
    for url in ("/?period=2024", "/ho-so-tre-han/?period=2024"):
        page = client.get(url).content.decode()
        assert f"{timezone.localtime(moment):%d/%m/%Y %H:%M}" in page, url


@pytest.mark.parametrize("url", ["/chi-so/?period=2024", "/chi-so/don-vi/H01/?period=2024"])
def test_indicator_pages_show_the_rules_version_of_the_store(
    world: World, client_for: ClientFor, tmp_path: Path, url: str
) -> None:
    import_dossiers(write_import_csv(tmp_path / "thang7.csv", 3))
    stamp = rebuild()
    assert stamp.rules_version == RULES_VERSION
    page = client_for("officer").get(url).content.decode()
    assert f"Quy tắc v{RULES_VERSION}" in page


def test_the_import_history_api_gives_kind_and_rules_version(
    world: World, client_for: ClientFor, tmp_path: Path
) -> None:
    import_dossiers(write_import_csv(tmp_path / "thang7.csv", 3))
    latest = client_for("officer").get("/api/imports").json()[0]
    assert (latest["kind"], latest["rules_version"]) == ("dossiers", RULES_VERSION)
