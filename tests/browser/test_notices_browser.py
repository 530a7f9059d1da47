"""Nhắc việc chưa gửi được in a real browser (issue #13): the reform officer sees his unread count
on the navigation bar, opens his notices, follows "Nhắc việc chưa gửi được" and finds the reminder
that reached nobody, with the unit it was meant for and its local dates. axe-core finds no serious
or critical violation there at 390 and 1280 px."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from cchc.core import clock
from cchc.notices.delivery import notify
from tests.browser.axe import axe_failures
from tests.browser.login import login
from tests.web.world import World

pytestmark = pytest.mark.browser
LOCAL = dt.timezone(dt.timedelta(hours=7))


def test_the_officer_finds_the_reminder_that_reached_nobody(
    live_server: Any, live_world: World, page: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(clock, "now", lambda: dt.datetime(2024, 2, 7, 7, 0, tzinfo=LOCAL))
    notify([], "Sắp đến hạn khắc phục (19/02/2024)", "Niêm yết TTHC", key="t:1",
           audience="Thủ trưởng Xã Mẫu")  # fmt: skip
    notify([live_world.users["officer"]], "Yêu cầu khắc phục mới", "Công khai TTHC")
    base = live_server.url
    login(page, base, "officer")
    page.get_by_role("link", name="Thông báo (1)").click()
    page.wait_for_url("**/thong-bao/")
    assert "Yêu cầu khắc phục mới" in page.locator("table").inner_text()
    page.get_by_role("link", name="Nhắc việc chưa gửi được").click()
    page.wait_for_url("**/thong-bao/chua-gui-duoc/")
    row = page.locator("tr:has(td:text-is('Sắp đến hạn khắc phục (19/02/2024)'))")
    text = row.inner_text()
    assert "Thủ trưởng Xã Mẫu" in text and "không có người nhận" in text
    assert "07/02/2024 07:00" in text
    failures = axe_failures(page, "/thong-bao/chua-gui-duoc/")
    assert not failures, "\n".join(failures)
    assert page.console_errors == []
