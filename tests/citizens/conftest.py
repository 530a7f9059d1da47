"""Fixtures for the survey tests: the small province of tests/web/world.py on a fixed today."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

import pytest
from django.test import Client

from cchc.core import clock
from tests.web.world import World, build_world

TODAY = dt.date(2025, 12, 5)


@pytest.fixture
def sworld(db: None, monkeypatch: pytest.MonkeyPatch) -> World:
    monkeypatch.setattr(clock, "today", lambda: TODAY)
    return build_world()


@pytest.fixture
def survey_client(sworld: World) -> Callable[[str], Client]:
    def make(persona: str) -> Client:
        client = Client()
        if persona != "anonymous":
            client.force_login(sworld.users[persona])
        return client

    return make
