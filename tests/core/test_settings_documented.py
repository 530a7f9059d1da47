"""Every CCHC_* variable the code reads is documented in docs/settings.md."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from cchc.env import ConfigError, database_from_url, env_bool

ROOT = Path(__file__).resolve().parents[2]


def test_every_variable_read_by_the_code_is_documented() -> None:
    used: set[str] = set()
    for path in (ROOT / "src").rglob("*.py"):
        used |= set(re.findall(r"\"(CCHC_[A-Z_]+)\"", path.read_text(encoding="utf-8")))
    documented = set(re.findall(r"`(CCHC_[A-Z_]+)`", (ROOT / "docs/settings.md").read_text()))
    assert used, "no settings found: the scan is broken"
    assert used - documented == set()


def test_bad_boolean_is_refused(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("CCHC_DEBUG", "maybe")
    with pytest.raises(ConfigError, match="CCHC_DEBUG"):
        env_bool("CCHC_DEBUG", True)


def test_database_urls(tmp_path: Path) -> None:
    assert database_from_url("", tmp_path)["NAME"] == str(tmp_path / "cchc.sqlite3")
    pg = database_from_url("postgresql://u:p%40ss@db.local:5433/cchc", tmp_path)
    assert (pg["USER"], pg["PASSWORD"], pg["HOST"], pg["PORT"], pg["NAME"]) == (
        "u",
        "p@ss",
        "db.local",
        "5433",
        "cchc",
    )
    assert database_from_url("sqlite:////srv/cchc.db", tmp_path)["NAME"] == "/srv/cchc.db"
    with pytest.raises(ConfigError, match="mysql"):
        database_from_url("mysql://x", tmp_path)


def test_production_start_refuses_the_development_secret_key(tmp_path: Path) -> None:
    import os
    import subprocess
    import sys

    env = {**os.environ, "CCHC_DEBUG": "false", "CCHC_DATA_DIR": str(tmp_path)}
    env.pop("CCHC_SECRET_KEY", None)
    run = subprocess.run(
        [sys.executable, "-c", "import cchc.settings"], env=env, capture_output=True, text=True
    )
    assert run.returncode != 0
    assert "CCHC_SECRET_KEY" in run.stderr
    env["CCHC_SECRET_KEY"] = "a-real-production-secret-of-enough-length-0123456789"
    ok = subprocess.run([sys.executable, "-c", "import cchc.settings"], env=env)
    assert ok.returncode == 0
