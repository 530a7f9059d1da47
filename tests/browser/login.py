"""Logging in through the login form, as a person would."""

from __future__ import annotations

from typing import Any

from tests.web.world import PASSWORD


def login(page: Any, base: str, username: str) -> None:
    """Log in through the form as `username` (any earlier session is dropped first)."""
    page.context.clear_cookies()
    page.goto(f"{base}/dang-nhap/")
    assert page.get_by_role("heading", name="Đăng nhập").is_visible()
    page.fill("#id_username", username)
    page.fill("#id_password", PASSWORD)
    page.click("form button[type=submit] >> text=Đăng nhập")
    page.wait_for_url(f"{base}/")
