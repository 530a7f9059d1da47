"""/api/docs works on a closed network: Swagger UI comes from the app's own static files."""

from __future__ import annotations

import json
import re

import pytest
from django.test import Client


def _body(response: object) -> bytes:
    if getattr(response, "streaming", False):
        return b"".join(response.streaming_content)  # type: ignore[attr-defined]
    return bytes(response.content)  # type: ignore[attr-defined]


@pytest.mark.django_db
def test_the_docs_page_loads_nothing_from_outside_the_app() -> None:
    client = Client()
    response = client.get("/api/docs")
    assert response.status_code == 200
    page = response.content.decode()
    assert re.findall(r"(?:https?:)?//[\w.-]+", page) == []  # no CDN, no other host
    assets = re.findall(r'(?:src|href)="([^"]+)"', page)
    scripts = [a for a in assets if a.endswith(".js")]
    styles = [a for a in assets if a.endswith(".css")]
    assert any("swagger-ui-bundle" in s for s in scripts) and styles
    for asset in assets:
        assert asset.startswith("/static/"), asset
        served = client.get(asset)
        assert served.status_code == 200, asset
        assert len(_body(served)) > 1000 or asset.endswith(".js"), asset
    config = re.search(r'id="swagger-settings">(.*?)</script>', page, re.S)
    assert config is not None
    settings = json.loads(config.group(1))
    assert settings["validatorUrl"] is None  # no badge fetched from validator.swagger.io
    assert settings["url"] == "/api/openapi.json"
