"""With DEBUG off (the default), errors show cchc's own Vietnamese pages: no English, no list of
URL patterns, no traceback."""

from __future__ import annotations

from typing import Any

import pytest
from django.http import HttpRequest, HttpResponse
from django.test import Client
from django.urls import include, path

ENGLISH = ("Not Found", "Server Error", "Bad Request", "Forbidden", "URLconf", "Traceback")


def _boom(request: HttpRequest) -> HttpResponse:
    raise RuntimeError("a bug in a view")


# the project's URLs and one view that fails, as a bug would
urlpatterns = [path("loi-thu/", _boom), path("", include("cchc.urls"))]


@pytest.fixture
def production(settings: Any) -> None:
    settings.DEBUG = False


def _page(response: Any) -> str:
    text: str = response.content.decode()
    for word in ENGLISH:
        assert word not in text
    return text


@pytest.mark.django_db
def test_an_unknown_address_gives_the_vietnamese_404(production: None) -> None:
    response = Client().get("/khong-co-trang-nay/")
    assert response.status_code == 404
    page = _page(response)
    assert "Không tìm thấy" in page
    assert "quan-tri/" not in page and "kiem-tra/" not in page  # no URL patterns listed


@pytest.mark.django_db
def test_an_error_in_a_view_gives_the_500_page(production: None, settings: Any) -> None:
    settings.ROOT_URLCONF = __name__
    response = Client(raise_request_exception=False).get("/loi-thu/")
    assert response.status_code == 500
    page = _page(response)
    assert "Đã xảy ra lỗi" in page
    assert "a bug in a view" not in page and "RuntimeError" not in page


@pytest.mark.django_db
def test_an_unknown_host_gives_the_400_page(production: None) -> None:
    response = Client().get("/", HTTP_HOST="may-la.example")
    assert response.status_code == 400
    assert "Yêu cầu không hợp lệ" in _page(response)


@pytest.mark.django_db
def test_a_form_without_its_csrf_token_gives_the_vietnamese_403(production: None) -> None:
    response = Client(enforce_csrf_checks=True).post("/dang-nhap/", {"username": "x"})
    assert response.status_code == 403
    assert "Không gửi được biểu mẫu" in _page(response)


def test_debug_is_off_unless_asked_for() -> None:
    import os
    import subprocess
    import sys
    import tempfile

    code = "from django.conf import settings as s; print(s.DEBUG, s.SESSION_COOKIE_SECURE)"
    with tempfile.TemporaryDirectory() as data:
        env = {**os.environ, "CCHC_DATA_DIR": data, "DJANGO_SETTINGS_MODULE": "cchc.settings"}
        env.pop("CCHC_DEBUG", None)
        env.pop("CCHC_SECRET_KEY", None)
        off = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True)
        on = subprocess.run(
            [sys.executable, "-c", code],
            env={**env, "CCHC_DEBUG": "true"},
            capture_output=True,
            text=True,
        )
    assert off.stdout.split() == ["False", "True"], off.stderr
    assert on.stdout.split() == ["True", "False"], on.stderr
