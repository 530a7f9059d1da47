"""Schemathesis fuzz of the JSON API from its own OpenAPI document: no answer is a 5xx.

Requests go straight to the WSGI application (no server), logged in as the reform officer
(sees everything) and as a commune chairman (narrowest scope).
"""

from __future__ import annotations

from typing import Any

import pytest
import schemathesis
from django.test import Client
from hypothesis import HealthCheck, settings

from cchc.web.api import api
from tests.web.world import World

schema = schemathesis.openapi.from_dict(api.get_openapi_schema(path_prefix="/api"))


def _session_cookie(world: World, persona: str) -> dict[str, str]:
    client = Client()
    client.force_login(world.users[persona])
    return {"sessionid": client.cookies["sessionid"].value}


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
