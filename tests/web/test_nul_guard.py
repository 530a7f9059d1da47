"""A NUL character in the address or query string gets a clear 400, on pages and the API."""

from __future__ import annotations

import pytest
from django.test import Client

from tests.web.world import World

pytestmark = pytest.mark.django_db


def test_api_filter_with_nul_is_refused_with_a_message(world: World) -> None:
    client = Client()
    client.force_login(world.users["officer"])
    response = client.get("/api/dossiers/late", {"procedure": "\x00"})
    assert response.status_code == 400
    assert "NUL" in response.json()["detail"]


def test_page_parameter_name_with_nul_is_refused(world: World) -> None:
    client = Client()
    client.force_login(world.users["officer"])
    response = client.get("/ho-so-tre-han/?sector%00=x")
    assert response.status_code == 400
    assert "ký tự NUL" in response.content.decode()


def test_ordinary_filters_still_pass(world: World) -> None:
    client = Client()
    client.force_login(world.users["officer"])
    assert client.get("/api/dossiers/late", {"procedure": "1.000"}).status_code == 200
