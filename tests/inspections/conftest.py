"""Every inspections test gets its own (empty) analytics store folder.

The planner's default engine ("auto") reads the store when it holds the latest import; a store
left in the shared data folder by another test must not be mistaken for this test's data.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest


@pytest.fixture(autouse=True)
def _own_analytics_dir(settings: Any, tmp_path: Path) -> Path:
    settings.ANALYTICS_DIR = tmp_path / "analytics"
    return Path(settings.ANALYTICS_DIR)
