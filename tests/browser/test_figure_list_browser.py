"""Every figure opens its dossiers, in a real browser: a steering-committee member on the
overview (today fixed on 05/12/2026, tests/web/running_world.py) clicks the "Hồ sơ" card and
reads the list of exactly those dossiers, titled by what it lists and when."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from cchc.core import clock
from tests.browser.login import login
from tests.web.running_world import TODAY, build_running_world

pytestmark = pytest.mark.browser


@pytest.fixture
def live_running(transactional_db: None, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(clock, "today", lambda: TODAY)  # the live server runs in this process
    build_running_world()


def test_the_dossier_card_opens_its_list(
    live_server: Any, live_running: None, page: Any, screenshots: Path
) -> None:
    page.set_viewport_size({"width": 1366, "height": 768})
    login(page, live_server.url, "bancd")
    page.goto(f"{live_server.url}/?period=last-6m")  # A, B, C this year (running_world.py)
    card = page.locator(".kpi").first
    shown = card.locator(".value a").inner_text()
    card.locator(".value a").click()
    page.wait_for_url("**/ho-so/?**count=dossiers**")
    title = page.locator("h1").inner_text()
    assert title.startswith("Hồ sơ trong kỳ — "), title
    assert page.get_by_text(f"{shown} hồ sơ ·").first.is_visible()
    assert page.locator("tbody tr").count() == int(shown)
    assert page.locator("#f-count").input_value() == "dossiers"
    page.screenshot(path=str(screenshots / "figure-list.png"), full_page=True)
    assert page.console_errors == []
