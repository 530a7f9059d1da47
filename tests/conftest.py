"""Shared test setup. In CI (CCHC_REQUIRE_POSTGRES / CCHC_REQUIRE_BROWSER) missing services fail."""

from __future__ import annotations

import os

import pytest
from django.db import connection


@pytest.fixture(scope="session", autouse=True)
def _database_engine_is_the_one_asked_for(django_db_setup: None, django_db_blocker: object) -> None:
    wanted = os.environ.get("CCHC_DATABASE_URL", "")
    if wanted.startswith("postgres"):
        assert connection.vendor == "postgresql", "CCHC_DATABASE_URL asks for PostgreSQL"
