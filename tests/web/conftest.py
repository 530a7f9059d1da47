"""Fixtures for web tests: the small province of world.py and logged-in clients."""

from __future__ import annotations

import pytest
from django.test import Client

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
