"""The fake clock is seen everywhere: a module that binds `today` (or `now`) at import keeps the
function it found then, and when it is first imported during a test that fixed the day, it keeps
that test's day for every later test and request (the inspection page once refused findings
"before the visit" after a plans test had fixed 2023). Code calls `clock.today()`."""

from __future__ import annotations

import re
from pathlib import Path

SRC = Path(__file__).resolve().parents[2] / "src" / "cchc"
BOUND = re.compile(r"^from cchc\.core\.clock import .*\b(today|now)\b", re.MULTILINE)


def test_no_module_binds_the_clock_at_import() -> None:
    found = [
        p.relative_to(SRC).as_posix()
        for p in sorted(SRC.rglob("*.py"))
        if BOUND.search(p.read_text(encoding="utf-8"))
    ]
    assert found == []


def test_the_guard_sees_a_bound_clock() -> None:
    assert BOUND.search("import x\nfrom cchc.core.clock import now, today\n")
    assert not BOUND.search("def f():\n    from cchc.core import clock\n")
