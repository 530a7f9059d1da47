"""Schemathesis fuzz of the JSON API from its own OpenAPI document: no answer is a 5xx.

Requests go straight to the WSGI application (no server), logged in as the reform officer
(sees everything) and as a commune chairman (narrowest scope). As Django's own test client does,
the request signals do not close the database connection: on PostgreSQL that connection holds the
test's transaction, and closing it would end the test's world.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
import schemathesis
from django.core.signals import request_finished, request_started
from django.db import close_old_connections
from django.test import Client
from hypothesis import HealthCheck, settings

from cchc.web.api import api
from tests.web.world import World

schema = schemathesis.openapi.from_dict(api.get_openapi_schema(path_prefix="/api"))


def _session_cookie(world: World, persona: str) -> dict[str, str]:
    client = Client()
    client.force_login(world.users[persona])
    return {"sessionid": client.cookies["sessionid"].value}


@pytest.fixture
def keep_test_connection() -> Iterator[None]:
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    try:
        yield
    finally:
        request_started.connect(close_old_connections)
        request_finished.connect(close_old_connections)


@pytest.mark.usefixtures("keep_test_connection")
@pytest.mark.parametrize("persona", ["officer", "chair_x011"])
@schema.parametrize()
@settings(
    max_examples=20,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
def test_no_server_errors(case: Any, world: World, persona: str) -> None:
    from cchc.wsgi import application

    response = case.call(app=application, cookies=_session_cookie(world, persona))
    assert response.status_code < 500, (case.as_curl_command(), response.text[:500])
