"""Login page, CSRF, lock-out after repeated failures, logout."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from django.test import Client, override_settings
from django.utils import timezone

from cchc.web.models import LoginFailure
from tests.web.world import PASSWORD, World


def _login(client: Client, username: str, password: str) -> int:
    return int(client.post("/dang-nhap/", {"username": username, "password": password}).status_code)


def test_the_login_page_is_vietnamese_and_sets_a_csrf_token(world: World) -> None:
    response = Client().get("/dang-nhap/")
    assert response.status_code == 200
    assert "Tên đăng nhập" in response.content.decode()
    assert "csrfmiddlewaretoken" in response.content.decode()


def test_a_post_without_csrf_token_is_refused(world: World) -> None:
    client = Client(enforce_csrf_checks=True)
    assert _login(client, "officer", PASSWORD) == 403


def test_the_right_password_logs_in_and_logout_ends_the_session(world: World) -> None:
    client = Client()
    assert _login(client, "officer", PASSWORD) == 302
    assert client.get("/").status_code == 200
    assert client.post("/dang-xuat/").status_code == 200
    assert client.get("/").status_code == 302


@override_settings(LOGIN_MAX_FAILURES=3, LOGIN_LOCKOUT_MINUTES=15)
def test_it_locks_out_after_the_allowed_failures_even_with_the_right_password(
    world: World,
) -> None:
    client = Client()
    for _ in range(3):
        assert _login(client, "officer", "sai") == 200
    response = client.post("/dang-nhap/", {"username": "officer", "password": PASSWORD})
    assert response.status_code == 429
    assert "tạm khóa" in response.content.decode()
    assert client.get("/").status_code == 302  # not logged in


@override_settings(LOGIN_MAX_FAILURES=3, LOGIN_LOCKOUT_MINUTES=15)
def test_the_lock_is_per_address_and_ends_after_the_window(world: World) -> None:
    client = Client(REMOTE_ADDR="10.0.0.1")
    for _ in range(3):
        _login(client, "Officer", "sai")  # usernames are counted case-insensitively
    assert _login(Client(REMOTE_ADDR="10.0.0.2"), "officer", PASSWORD) == 302
    assert _login(client, "officer", PASSWORD) == 429
    LoginFailure.objects.update(last_failure_at=timezone.now() - dt.timedelta(minutes=16))
    assert _login(client, "officer", PASSWORD) == 302
    assert not LoginFailure.objects.filter(ip="10.0.0.1").exists()  # cleared by the success


@override_settings(LOGIN_MAX_FAILURES=3)
def test_failures_below_the_limit_are_forgotten_after_a_success(world: World) -> None:
    client = Client()
    _login(client, "officer", "sai")
    _login(client, "officer", "sai")
    assert _login(client, "officer", PASSWORD) == 302
    client.post("/dang-xuat/")
    _login(client, "officer", "sai")
    _login(client, "officer", "sai")
    assert _login(client, "officer", PASSWORD) == 302


@pytest.mark.parametrize("lang", ["en", "vi"])
def test_the_language_switch_keeps_working(world: World, lang: str) -> None:
    client = Client()
    response = client.post("/i18n/setlang/", {"language": lang, "next": "/cong-khai/"})
    assert response.status_code == 302
    assert response["Location"] == "/cong-khai/"


def test_english_pages_are_translated_with_english_number_format(world: World) -> None:
    client = Client()
    client.post("/i18n/setlang/", {"language": "en", "next": "/cong-khai/"})
    page = client.get("/cong-khai/?period=2024").content.decode()
    assert "Public results of administrative procedures" in page
    assert '<html lang="en">' in page
    assert re.search(r"\d+\.\d%", page) and not re.search(r"\d+,\d%", page)
