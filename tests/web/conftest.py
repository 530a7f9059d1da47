"""Fixtures for web tests: the small province of world.py and logged-in clients."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from django.test import Client

from tests.web.world import World, build_world


@pytest.fixture(autouse=True)
def _own_analytics_store(settings: Any, tmp_path: Path) -> None:
    """No test sees an analytics store of another test (pages use the database); each test has
    its own web cache too (tests/conftest.py)."""
    settings.ANALYTICS_DIR = tmp_path / "analytics"


@pytest.fixture
def world(db: None) -> World:
    return build_world()


@pytest.fixture
def client_for(world: World) -> object:
    def make(persona: str) -> Client:
        client = Client()
        if persona != "anonymous":
            client.force_login(world.users[persona])
        return client

    return make
