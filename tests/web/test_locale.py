"""The interface is Vietnamese by default, whatever the browser asks for; English on request."""

from __future__ import annotations

import pytest
from django.conf import settings
from django.test import Client


@pytest.mark.django_db
def test_vietnamese_even_when_the_browser_prefers_english(client: Client) -> None:
    page = client.get("/dang-nhap/", HTTP_ACCEPT_LANGUAGE="en-US,en;q=0.9")
    assert "Đăng nhập" in page.content.decode()
    assert page.headers["Content-Language"] == "vi"


@pytest.mark.django_db
def test_the_language_switch_gives_english(client: Client) -> None:
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    page = client.get("/dang-nhap/")
    assert page.headers["Content-Language"] == "en"
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "xx"
    assert client.get("/dang-nhap/").headers["Content-Language"] == "vi"
