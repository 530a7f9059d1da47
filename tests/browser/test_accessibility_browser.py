"""Accessibility in a real browser (issue #12, "layouts that fit"): axe-core, vendored in
tests/browser/vendor/ (VENDORED.md there; nothing fetches it at run time), is injected into each
main page as the persona who uses it; no violation of impact "serious" or "critical" is allowed.
On failure the rule ids, the elements and axe's help are printed."""

from __future__ import annotations

from typing import Any

import pytest

from tests.browser.axe import AXE, WIDTHS, blocking_violations, describe
from tests.browser.login import login
from tests.web.world import World

pytestmark = pytest.mark.browser

PERIOD = "period=2024-H1"

# (persona or None for a visitor, path) — the main pages of docs/web.md
PAGES: list[tuple[str | None, str]] = [
    (None, "/dang-nhap/"),
    (None, f"/cong-khai/?{PERIOD}"),
    ("officer", f"/?{PERIOD}"),
    ("officer", f"/don-vi/?{PERIOD}"),
    ("district_head", f"/don-vi/H01/?{PERIOD}"),
    ("officer", "/ho-so-tre-han/?period=2024"),
    ("district_head", f"/ho-so/?count=ended&unit=H01&{PERIOD}"),
    ("steering", f"/chi-so/?{PERIOD}"),
    ("chair_x011", f"/chi-so/don-vi/X011/?{PERIOD}"),
    ("chair_x011", f"/chi-so/don-vi/X011/766.2a/?{PERIOD}"),
    ("inspector", "/kiem-tra/"),
    ("officer", "/kiem-tra/rui-ro/"),
    ("officer", "/kiem-tra/ke-hoach/"),
    ("officer", "/kiem-tra/khac-phuc/"),
    ("officer", "/kiem-tra/thong-ke/"),
    ("officer", "/kiem-tra/thong-bao/"),
    ("officer", "/thong-bao/chua-gui-duoc/"),
    ("officer", "/nhap-du-lieu/"),
]


def test_main_pages_have_no_serious_or_critical_axe_violations(
    live_server: Any, live_world: World, page: Any
) -> None:
    assert AXE.exists(), AXE
    base = live_server.url
    failures: list[str] = []
    current: str | None = "?"
    for persona, path in PAGES:
        if persona != current:
            page.context.clear_cookies()
            if persona is not None:
                login(page, base, persona)
            current = persona
        for width in WIDTHS:
            page.set_viewport_size({"width": width, "height": 800})
            response = page.goto(f"{base}{path}")
            assert response.status == 200, path
            page.wait_for_load_state("networkidle")
            if violations := blocking_violations(page):
                failures.append(describe(f"{path} ({width} px, {persona or 'khách'})", violations))
    report = "\n".join(failures)
    print(report)
    assert not failures, "axe-core (serious/critical):\n" + report


def test_the_skip_link_leads_to_the_main_content(
    live_server: Any, live_world: World, page: Any
) -> None:
    login(page, live_server.url, "officer")
    page.goto(f"{live_server.url}/ho-so-tre-han/?period=2024")
    page.keyboard.press("Tab")  # the first stop on every page
    skip = page.locator("a.skip-link")
    assert skip.inner_text() == "Bỏ qua đến nội dung chính"
    assert skip.evaluate("el => el === document.activeElement")
    assert skip.is_visible()  # shown when focused
    skip.press("Enter")
    assert page.url.endswith("#noi-dung")
    assert page.locator("main#noi-dung").evaluate("el => el === document.activeElement")
    assert page.locator("#noi-dung").count() == 1  # one target (the inspection's is another id)
