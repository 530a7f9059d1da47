"""Shared test setup. In CI (CCHC_REQUIRE_POSTGRES / CCHC_REQUIRE_BROWSER) missing services fail."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from django.core.cache import caches
from django.db import connection
from django.test import override_settings
from django.utils import translation


@pytest.fixture(scope="session", autouse=True)
def _database_engine_is_the_one_asked_for(django_db_setup: None, django_db_blocker: object) -> None:
    wanted = os.environ.get("CCHC_DATABASE_URL", "")
    if wanted.startswith("postgres"):
        assert connection.vendor == "postgresql", "CCHC_DATABASE_URL asks for PostgreSQL"


@pytest.fixture(scope="session", autouse=True)
def _fast_password_hashing() -> Iterator[None]:
    """Test users' passwords hashed with MD5: Argon2, the hasher in production (settings.py,
    tests/core/test_password_hashing.py), costs about 0.1 s a user, a second per test world of
    eight users; the hashing is Django's own, not what these tests check."""
    with override_settings(PASSWORD_HASHERS=["django.contrib.auth.hashers.MD5PasswordHasher"]):
        yield


@pytest.fixture(autouse=True)
def _own_web_cache_and_store(settings: Any, tmp_path: Path) -> None:
    """Each test its own web cache and analytics store: no ranking or figure of another test's
    data. Test data is not always written through an import, so two tests could share a data
    version, and a store another test left would pass for current (analytics/freshness.py)."""
    shared = {**settings.CACHES["default"], "LOCATION": str(tmp_path / "django-cache")}
    settings.CACHES = {**settings.CACHES, "default": shared}
    caches["local"].clear()  # this process's memory (one dict per process, whatever the test)
    from cchc.core.change_stamp import forget_all

    forget_all()  # home sections and navigation counts kept in this process (core.change_stamp)
    translation.activate(settings.LANGUAGE_CODE)  # an earlier test's request may have left "en"
    settings.ANALYTICS_DIR = tmp_path / "analytics"
