from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest


@pytest.fixture(autouse=True)
def _own_analytics_store(settings: Any, tmp_path: Path) -> None:
    """Each test gets its own Parquet store, so no test reads another's."""
    settings.ANALYTICS_DIR = tmp_path / "analytics"
