"""The public page in a real browser (issue #13): anyone, without logging in, reads the citizens'
satisfaction and feedback per unit — Xã Một Một with enough answers shows its share and interval,
Xã Hai Một with 3 answers says "chưa đủ phiếu" — and nothing personal. axe-core finds no serious
or critical violation; the page fits 390 px."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import pytest
from django.utils import timezone

from cchc.citizens.feedback_intake import ContactData, take_in
from cchc.citizens.models_surveys import SurveyResponse
from cchc.core import clock
from tests.browser.axe import axe_failures
from tests.web.world import World

pytestmark = pytest.mark.browser


def test_anyone_reads_the_citizens_voice_on_the_public_page(
    live_server: Any, live_world: World, page: Any, screenshots: Path
) -> None:
    today = clock.today()
    day = dt.date(today.year, today.month, 1)
    ratings = {"X011": [5] * 20 + [4] * 10 + [2] * 10, "X021": [5, 3, 1]}
    SurveyResponse.objects.bulk_create(
        SurveyResponse(response_id=f"{u}-{i}", unit_code=u, answered_on=day, overall=r)
        for u, rs in ratings.items()
        for i, r in enumerate(rs)
    )
    take_in(
        live_world.users["officer"],
        unit=live_world.commune11,
        channel="phone",
        text="Cán bộ xã đòi tiền mới ký giấy.",
        received_at=timezone.make_aware(dt.datetime(day.year, day.month, 1, 9, 0)),
        contact=ContactData("Trần Thị B", "0912 345 678", "079098765432"),
    )
    page.goto(f"{live_server.url}/cong-khai/?period={today.year}")
    satisfied = page.locator("tr", has_text="Xã Một Một").filter(has_text="75,0%")
    assert satisfied.count() == 1 and satisfied.is_visible()
    assert page.locator("tr", has_text="Xã Hai Một").filter(has_text="chưa đủ phiếu").count() == 1
    assert page.get_by_role("heading", name="Phản ánh, kiến nghị theo đơn vị").is_visible()
    text = page.inner_text("main")
    for personal in ("Trần Thị B", "0912 345 678", "079098765432", "đòi tiền"):
        assert personal not in text
    failures = axe_failures(page, "trang công khai (ý kiến người dân)")
    page.set_viewport_size({"width": 390, "height": 800})
    page.screenshot(path=str(screenshots / "public-voice-390.png"), full_page=True)
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    assert not failures, "axe-core (serious/critical):\n" + "\n".join(failures)
    assert page.console_errors == []
