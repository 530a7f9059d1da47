"""The rankings page in a real browser, on the hand-worked world of
tests/indicators/ranking_world.py: ranked by share, and the unit judged on another set of
indicators marked in its row and named in the note above the table."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from tests.browser.login import login
from tests.indicators.ranking_world import NAMES, PERIOD, build_ranking_world

pytestmark = pytest.mark.browser


def test_the_rankings_page_orders_by_share_and_names_the_other_set(
    live_server: Any, transactional_db: None, page: Any, screenshots: Path
) -> None:
    officer = build_ranking_world()
    login(page, live_server.url, officer.username)
    page.goto(f"{live_server.url}/chi-so/?period={PERIOD}")
    names = page.locator("tbody tr td:nth-child(2) > a:first-child").all_inner_texts()
    assert names == [NAMES["FULL"], NAMES["LAND"], NAMES["DEPT"]]
    shares = page.locator("tbody tr td:nth-child(6)").all_inner_texts()
    assert shares == ["100,0%", "90,0%", "86,2%"]
    land = page.locator("tbody tr", has_text=NAMES["LAND"])
    assert land.locator(".other-set-mark").is_visible()
    note = page.locator("#other-sets")
    assert note.is_visible()
    assert note.inner_text().startswith("Đơn vị được chấm trên bộ chỉ tiêu khác:")
    assert f"{NAMES['LAND']} (thiếu 766.3a)" in note.inner_text()
    land.locator(".other-set-mark").click()  # the mark leads to the note
    assert page.url.endswith("#other-sets")
    page.screenshot(path=str(screenshots / "rankings.png"), full_page=True)
    assert page.console_errors == []
