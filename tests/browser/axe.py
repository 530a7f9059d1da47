"""axe-core in the browser tests: injected into a page, its serious and critical violations
described (axe-core is vendored in tests/browser/vendor/, VENDORED.md there; nothing fetches it at
run time); and a page checked at a phone's and a desktop's width."""

from __future__ import annotations

from pathlib import Path
from typing import Any

AXE = Path(__file__).resolve().parent / "vendor" / "axe.min.js"
BLOCKING = {"serious", "critical"}
# a telephone (390 px: wide tables scroll inside .table-wrap) and a desktop
WIDTHS = (390, 1280)


def blocking_violations(page: Any) -> list[dict[str, Any]]:
    page.add_script_tag(path=str(AXE))
    result = page.evaluate("async () => await axe.run(document, {resultTypes: ['violations']})")
    return [v for v in result["violations"] if v.get("impact") in BLOCKING]


def describe(where: str, violations: list[dict[str, Any]]) -> str:
    lines = [f"{where}:"]
    for v in violations:
        lines.append(f"  [{v['impact']}] {v['id']}: {v['help']} ({v['helpUrl']})")
        for node in v["nodes"][:5]:
            lines.append(f"      {' > '.join(map(str, node['target']))}")
        if len(v["nodes"]) > 5:
            lines.append(f"      … và {len(v['nodes']) - 5} phần tử khác (more)")
    return "\n".join(lines)


def axe_failures(page: Any, where: str) -> list[str]:
    """The page reloaded at each of WIDTHS: its serious and critical violations, described."""
    failures = []
    for width in WIDTHS:
        page.set_viewport_size({"width": width, "height": 800})
        page.reload()
        page.wait_for_load_state("networkidle")
        if violations := blocking_violations(page):
            failures.append(describe(f"{where} ({width} px)", violations))
    return failures


def fits_and_passes_axe(page: Any, where: str, screenshots: Path, name: str) -> None:
    """The page reloaded at 390 and 1366 px: no wider than the window, no serious or critical
    axe violation; a full-page screenshot of each (`name`-<width>.png) for people to look at."""
    for width in (390, 1366):
        page.set_viewport_size({"width": width, "height": 900})
        page.reload()
        wide = page.evaluate("document.documentElement.scrollWidth")
        assert wide <= width, f"{width} px: the page is {wide} px wide"
        violations = blocking_violations(page)
        assert not violations, describe(f"{where} ({width} px)", violations)
        page.screenshot(path=str(screenshots / f"{name}-{width}.png"), full_page=True)
