"""Every CCHC_* variable the code reads is documented in docs/settings.md."""

from __future__ import annotations

import os
import re
import stat
import subprocess
import sys
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


def _settings_key(env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    code = "import cchc.settings as s; print(s.SECRET_KEY)"
    return subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True)


def test_without_a_configured_key_one_is_generated_once_into_the_data_dir(tmp_path: Path) -> None:
    env = {**os.environ, "CCHC_DATA_DIR": str(tmp_path)}
    env.pop("CCHC_SECRET_KEY", None)
    env.pop("CCHC_DEBUG", None)
    first = _settings_key(env)
    assert first.returncode == 0, first.stderr
    key_file = tmp_path / "secret_key"
    assert stat.S_IMODE(key_file.stat().st_mode) == 0o600
    assert key_file.read_text().strip() == first.stdout.strip()
    assert len(first.stdout.strip()) >= 50
    again = _settings_key(env)
    assert again.stdout == first.stdout  # reused, not regenerated
    other = _settings_key({**env, "CCHC_DATA_DIR": str(tmp_path / "other")})
    assert other.stdout != first.stdout  # another data dir, another key
    configured = _settings_key({**env, "CCHC_SECRET_KEY": "a-configured-key-" + "x" * 40})
    assert configured.stdout.strip() == "a-configured-key-" + "x" * 40


def test_a_damaged_key_file_is_refused_naming_it(tmp_path: Path) -> None:
    (tmp_path / "secret_key").write_text("short\n")
    env = {**os.environ, "CCHC_DATA_DIR": str(tmp_path)}
    env.pop("CCHC_SECRET_KEY", None)
    run = _settings_key(env)
    assert run.returncode != 0
    assert "secret_key" in run.stderr and "quá ngắn" in run.stderr


def test_production_start_refuses_the_public_development_key(tmp_path: Path) -> None:
    from cchc.settings import PUBLIC_DEV_KEY

    env = {**os.environ, "CCHC_DATA_DIR": str(tmp_path), "CCHC_SECRET_KEY": PUBLIC_DEV_KEY}
    env["CCHC_DEBUG"] = "false"
    run = _settings_key(env)
    assert run.returncode != 0
    assert "CCHC_SECRET_KEY" in run.stderr
    assert _settings_key({**env, "CCHC_DEBUG": "true"}).returncode == 0
