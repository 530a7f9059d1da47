"""One rule, one place: timing, period and lateness logic appears only in the rulebook
(src/cchc/dossiers/rulebook/). Elsewhere code prints a rule (`to_sql`, `selection.condition`),
it never restates one: no outcome code as a literal, no hand-written deadline or period
comparison. A place that must stay (a query plan's join proven equal to the rule by a test) is
listed below with its reason."""

from __future__ import annotations

import re
from pathlib import Path

SRC = Path(__file__).resolve().parents[1] / "src" / "cchc"
RULEBOOK = SRC / "dossiers" / "rulebook"
PATTERNS = {
    "an outcome code as a literal": r"finish_outcome\s*(=|==|<>|!=)\s*\d",
    "an outcome named outside the rulebook": r"\b(Finish)?Outcome\.(LATE|EARLY|ON_TIME)\b",
    "a hand-written deadline comparison": r"deadline_on\s*(<|>|<=|>=)|deadline_on__(lt|gt)",
    "a hand-written finish-date rule": r"finished_on\s*(<|>|<=|>=)\s*[$%:p(]|finished_on__(lt|gt)",
    "a hand-written receipt-date rule": r"received_on\s*(<|>|<=|>=)\s*[$p(]|received_on__(lt|gt)",
    "a status code as a literal": r"\bstatus\s+IN\s*\(\s*\d|\bstatus\s+==?\s+\d|status__in=\[\s*\d",
}
# file (relative to src/cchc) → why its matches are not rules restated
ALLOWED = {
    "indicators/sql_branches.py": "the fast plan's equality joins, each proven equal to the rule's"
    " period rule by tests/indicators/test_fast_paths.py against the reference plan",
    "indicators/sql.py": "OVERLAPS: the reference plan's join of a dossier with the periods it"
    " overlaps (a superset of every period rule, which the rule then narrows)",
}


def offences() -> list[str]:
    found = []
    for path in sorted(SRC.rglob("*.py")):
        if RULEBOOK in path.parents or "migrations" in path.parts:
            continue
        rel = path.relative_to(SRC).as_posix()
        if rel in ALLOWED:
            continue
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            for what, pattern in PATTERNS.items():
                if re.search(pattern, line):
                    found.append(f"src/cchc/{rel}:{number}: {what}: {line.strip()}")
    return found


def test_no_rule_is_written_outside_the_rulebook() -> None:
    assert offences() == []


def test_the_guard_sees_a_restated_rule(tmp_path: Path) -> None:
    samples = [
        "late = Q(finish_outcome=3)",
        "WHERE finish_outcome = 3",
        "if outcome == FinishOutcome.LATE:",
        "count(*) FILTER (WHERE deadline_on < $reference)",
        "qs.filter(deadline_on__lt=reference)",
        "WHERE finished_on <= $end",
        "qs.filter(received_on__gte=period.start)",
        "WHERE status IN (3, 7)",
    ]
    for line in samples:
        assert any(re.search(p, line) for p in PATTERNS.values()), line


def test_every_allowed_file_exists_and_still_needs_its_place() -> None:
    for rel in ALLOWED:
        text = (SRC / rel).read_text(encoding="utf-8")
        assert any(re.search(p, text) for p in PATTERNS.values()), f"{rel} no longer needs it"
