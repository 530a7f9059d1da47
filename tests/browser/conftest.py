"""Headless Chromium (Debian's /usr/bin/chromium) driven by Playwright against a live server.

Missing Chromium skips these tests, unless CCHC_REQUIRE_BROWSER=1 (CI), which makes it fail.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from tests.web.world import World, build_world

# Playwright's sync API runs an event loop in this thread; the ORM calls of the fixtures are
# still synchronous, which Django refuses inside a loop unless told it is safe here.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
SCREENSHOTS = Path(__file__).resolve().parents[2] / "screenshots"


@pytest.fixture(scope="session")
def browser() -> Iterator[Any]:
    if not Path(CHROMIUM).exists():
        reason = f"{CHROMIUM} không có (missing): apt-get install -y chromium"
        if os.environ.get("CCHC_REQUIRE_BROWSER") == "1":
            pytest.fail(reason + " — CCHC_REQUIRE_BROWSER=1")
        pytest.skip(reason)
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture
def screenshots() -> Path:
    SCREENSHOTS.mkdir(exist_ok=True)
    return SCREENSHOTS


@pytest.fixture
def live_world(transactional_db: None) -> World:
    """The test world, committed so that the live server's threads see it."""
    return build_world()


@pytest.fixture
def page(browser: Any) -> Iterator[Any]:
    """A fresh Vietnamese-locale page; console and page errors collect in `page.console_errors`."""
    context = browser.new_context(locale="vi-VN", accept_downloads=True)
    page = context.new_page()
    page.console_errors = []
    page.on("console", lambda m: m.type == "error" and page.console_errors.append(m.text))
    page.on("pageerror", lambda e: page.console_errors.append(str(e)))
    yield page
    context.close()
