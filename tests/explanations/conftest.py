"""Fixtures for the explanation tests: their world, logged-in clients, files in a temporary
media directory."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from django.test import Client

from tests.explanations.world import ExplanationWorld, build_explanation_world


@pytest.fixture(autouse=True)
def _media(settings: Any, tmp_path: Path) -> None:
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture
def xworld(db: None) -> ExplanationWorld:
    return build_explanation_world()


@pytest.fixture
def client_as(xworld: ExplanationWorld) -> Callable[[str], Client]:
    def make(persona: str) -> Client:
        client = Client()
        if persona != "anonymous":
            client.force_login(xworld.users[persona])
        return client

    return make
