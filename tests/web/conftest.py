"""Fixtures for web tests: the small province of world.py and logged-in clients."""

from __future__ import annotations

import pytest
from django.test import Client

from cchc.core import clock
from tests.web.running_world import TODAY, build_running_world
from tests.web.world import World, build_world


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


@pytest.fixture
def steering_dec_2026(db: None, monkeypatch: pytest.MonkeyPatch) -> Client:
    """Commune X1 on a fixed today, 05/12/2026 (running_world.py): a steering member's client."""
    monkeypatch.setattr(clock, "today", lambda: TODAY)
    return build_running_world()
