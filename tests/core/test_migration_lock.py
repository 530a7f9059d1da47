"""Processes started together on a fresh database all come up: one migrates, the others wait."""

from __future__ import annotations

import os
import subprocess
import sys
import uuid
from collections.abc import Iterator
from pathlib import Path

import psycopg
import pytest

ENSURE = "from cchc.cli import setup_django, ensure_database; setup_django(); ensure_database()"
COUNT = "from django.db import connection; print(len(connection.introspection.table_names()))"


@pytest.fixture
def fresh_database(tmp_path: Path) -> Iterator[dict[str, str]]:
    """The environment of processes using a database nobody has migrated yet (this run's engine)."""
    env = {**os.environ, "CCHC_DATA_DIR": str(tmp_path)}
    url = os.environ.get("CCHC_DATABASE_URL", "")
    if not url.startswith("postgres"):
        env.pop("CCHC_DATABASE_URL", None)
        yield env
        return
    name = f"cchc_lock_{uuid.uuid4().hex[:12]}"
    with psycopg.connect(url, autocommit=True) as admin:
        admin.execute(f"CREATE DATABASE {name}")
    try:
        yield {**env, "CCHC_DATABASE_URL": url.rsplit("/", 1)[0] + f"/{name}"}
    finally:
        with psycopg.connect(url, autocommit=True) as admin:
            admin.execute(f"DROP DATABASE {name} WITH (FORCE)")


def test_concurrent_first_starts_all_succeed(fresh_database: dict[str, str]) -> None:
    starts = [
        subprocess.Popen([sys.executable, "-c", ENSURE], env=fresh_database, stderr=subprocess.PIPE)
        for _ in range(3)
    ]
    errors = [p.communicate(timeout=180)[1].decode() for p in starts]
    assert [p.returncode for p in starts] == [0, 0, 0], errors
    done = subprocess.run(
        [sys.executable, "-c", f"{ENSURE}; {COUNT}"],
        env=fresh_database,
        capture_output=True,
        text=True,
        check=True,
    )
    assert int(done.stdout.strip().splitlines()[-1]) > 20  # every app's tables are there
