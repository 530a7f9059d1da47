"""Vendored files are the pinned ones their VENDORED.md names (no fetching, no drift)."""

from __future__ import annotations

import hashlib
import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]


@pytest.mark.parametrize(
    ("record", "asset"),
    [
        ("tests/browser/vendor/VENDORED.md", "tests/browser/vendor/axe.min.js"),
        (
            "src/cchc/web/static/vendor/VENDORED.md",
            "src/cchc/web/static/vendor/echarts/echarts.min.js",
        ),
    ],
)
def test_a_vendored_file_has_the_recorded_sha256(record: str, asset: str) -> None:
    text = (ROOT / record).read_text(encoding="utf-8")
    name = Path(asset).name
    match = re.search(rf"SHA-256 of `(?:[\w/]*/)?{re.escape(name)}`[^`]*`([0-9a-f]{{64}})`", text)
    assert match, f"{record} không ghi SHA-256 của {name}"
    assert hashlib.sha256((ROOT / asset).read_bytes()).hexdigest() == match.group(1)
