"""The importer refreshes the analytics store after each committed import; a failed refresh
never loses the import (the store keeps its older "data as of")."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from cchc.analytics.store import read_stamp, rebuild
from cchc.dossiers.importer import import_dossiers
from cchc.dossiers.models import Dossier
from tests.web.world import World, build_world, write_import_csv


@pytest.fixture
def world(transactional_db: None) -> World:
    return build_world()


def test_an_import_refreshes_the_store(world: World, settings: Any, tmp_path: Path) -> None:
    settings.ANALYTICS_DIR = tmp_path / "analytics"
    before = rebuild()
    result = import_dossiers(write_import_csv(tmp_path / "thang7.csv", 12))
    stamp = read_stamp()
    assert stamp is not None and stamp.latest_batch_id == result.batch_id
    assert stamp.dossiers == before.dossiers + 12


def test_a_failed_refresh_keeps_the_import(world: World, settings: Any, tmp_path: Path) -> None:
    settings.ANALYTICS_DIR = tmp_path / "analytics"
    before = rebuild()
    (tmp_path / "analytics" / "dossiers").rename(tmp_path / "moved")
    (tmp_path / "analytics" / "dossiers").write_text("not a folder")  # refresh must fail
    result = import_dossiers(write_import_csv(tmp_path / "thang7.csv", 5))
    assert Dossier.objects.filter(batch_id=result.batch_id).count() == 5
    assert read_stamp() == before  # stale "data as of", shown as such on the pages
