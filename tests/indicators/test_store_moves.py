"""A newer export that changes a dossier's receipt date moves it between the store's months."""

from __future__ import annotations

from pathlib import Path

import pyarrow.parquet as pq
import pytest
from django.conf import settings

from cchc.analytics.store import rebuild
from cchc.dossiers.importer import import_dossiers
from tests.dossiers.import_helpers import row, world, write_csv

pytestmark = pytest.mark.django_db(transaction=True)


def _codes(month: str) -> list[str]:
    path = Path(settings.ANALYTICS_DIR) / f"dossiers/year=2025/month={month}/part.parquet"
    if not path.exists():
        return []
    return sorted(pq.read_table(path, columns=["code"]).column("code").to_pylist())


def test_the_import_refreshes_the_month_a_changed_dossier_left(tmp_path: Path) -> None:
    world()
    june = [row(received_at="02/06/2025 08:00", finished_at="04/06/2025 10:00"),
            row(dossier_code="HS-2", received_at="03/06/2025 08:00", finished_at="")]  # fmt: skip
    import_dossiers(write_csv(tmp_path / "a.csv", june))
    rebuild()
    assert (_codes("06"), _codes("07")) == (["HS-1", "HS-2"], [])
    moved = [row(received_at="01/07/2025 08:15", finished_at="03/07/2025 10:00")]
    result = import_dossiers(write_csv(tmp_path / "b.csv", moved))
    assert result.updated == 1
    assert (_codes("06"), _codes("07")) == (["HS-2"], ["HS-1"])  # no copy left behind in June
