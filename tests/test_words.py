"""One meaning per word. In src/cchc, "scope" is an access permission only (cchc.web.scope.Scope:
which units a user may see); the period rule of dossiers is "period" (`in_period`, `ended`,
`open_at_end`, `received`: the rulebook's IN_PERIOD, ENDED, OPEN_AT_END, RECEIVED). And
"engine" is the indicators' back end (DuckDB or Spark) only: elsewhere the planner's counter is
its "source". A place that must keep an old word is listed below with its reason."""

from __future__ import annotations

import ast
import re
from pathlib import Path

SRC = Path(__file__).resolve().parents[1] / "src" / "cchc"
SUFFIXES = {".py", ".html", ".toml", ".md", ".txt"}
# The modules of the access permission itself: "scope" is theirs.
PERMISSION_MODULES = {"web/scope.py", "web/access.py", "inspections/scope_rules.py"}

# Old names of the period rule: wrong anywhere outside the allowed places below.
PERIOD_AS_SCOPE = {
    "the old period rule in_scope": r"\bin[_ -]scope\b",
    "dossiers 'in scope' (the period rule)": r"\bdossiers in scope\b",
    "SCOPES (now PERIOD_RULES)": r"\bSCOPES\b",
    "SCOPE_BRANCHES (now PERIOD_BRANCHES)": r"\bSCOPE_BRANCHES\b",
    "SCOPE_INDICATOR (now SIZE_INDICATOR)": r"\bSCOPE_INDICATOR\b",
    "a catalogue filter's scope (now period)": (
        r"\bscope\s*=\s*\"(in_scope|in_period|ended|open_at_end|received)\""
    ),
    # (not the module cchc.web.scope, nor `args.scope`: the portal import's parent unit)
    "Filter.scope / Aggregate.scope (now .period)": r"(?<!web)(?<!args)\.scope\b",
    "with_scope (now with_period)": r"\bwith_scope\b",
    "sql_scopes (now sql_branches)": r"\bsql_scopes\b",
    "scoped_query (now branched_query)": r"\bscoped_query\b",
    "the scope-split plan (now branch-split)": r"\bscope[- ]split\b|\bscope branch",
}
# file (relative to src/cchc) → why its old period words stay
PERIOD_ALLOWED = {
    "indicators/catalogue.py": "reads the old field `scope` and value `in_scope` of a user's own"
    " catalogue (OLD_PERIOD_FIELD, OLD_PERIOD_RULES)",
    "dossiers/rulebook/period.py": "its docstring still says 'in scope'; the rulebook has its own"
    " owner and is not edited by this change",
}

# A line naming "scope" is a permission use when it names the Scope class, its helpers, or
# speaks of a caller's scope; a bare `scope` variable is one in a file that holds a Scope.
PERMISSION_LINE = re.compile(
    r"\bScope\b|OutOfScope|\bscope_of\b|\b_scope\(|cchc\.web\.scope|\bscope_rules\b"
    r"|\b(caller's|your|user's|access|see-everything|unit) scope\b|\bRe-scope\b"
    r"|\bcut to the scope\b|\bscope rules\b",
)
HOLDS_A_SCOPE = re.compile(r"\bScope\b|\bscope_of\b|\b_scope\(")
SCOPE_WORD = re.compile(r"scope", re.IGNORECASE)
# file → why "scope" there is not the permission and still stays
SCOPE_ALLOWED = {
    "indicators/catalogue.py": PERIOD_ALLOWED["indicators/catalogue.py"],
    "dossiers/rulebook/period.py": PERIOD_ALLOWED["dossiers/rulebook/period.py"],
    "indicators/portal.py": "the national portal's parent unit (scope_code, scope_name): a model"
    " field and the `import portal-scores --scope` option; a rename needs a migration",
    "indicators/portal_history.py": "the portal's parent unit (see indicators/portal.py)",
    "indicators/models.py": "the portal's parent unit (see indicators/portal.py)",
    "indicators/cli.py": "the portal's parent unit (see indicators/portal.py)",
    "indicators/portal_links.py": "the portal's parent unit (see indicators/portal.py)",
    "web/figure_source.py": "permission: figures are cached per caller's scope (its unit codes)",
}

# "engine" outside src/cchc/indicators/: only these exact uses stay.
ENGINE = re.compile(r"engine", re.IGNORECASE)
ENGINE_ALLOWED = {
    ("settings.py", '["ENGINE"]'): "Django's DATABASES setting key",
    ("env.py", '"ENGINE":'): "Django's DATABASES setting key",
    ("settings.py", "SESSION_ENGINE = "): "Django's setting of where sessions are kept",
    ("inspections/cli.py", '"--engine", dest="source"'): "the deprecated alias of --source",
    ("inspections/input_source.py", 'recorded.get("engine"'): "plan runs recorded before the"
    " rename name their source `engine`",
    ("analytics/synthetic.py", "engine-equality tests"): "DuckDB vs Spark (the indicators'"
    " meaning); analytics is not edited by this change",
}


def _files(root: Path) -> list[tuple[str, list[str]]]:
    out = []
    for path in sorted(root.rglob("*")):
        if path.suffix not in SUFFIXES or not path.is_file():
            continue
        rel = path.relative_to(root).as_posix()
        if "migrations" in path.parts or "/static/" in f"/{rel}":
            continue
        out.append((rel, path.read_text(encoding="utf-8").splitlines()))
    return out


def _scope_members(root: Path) -> set[str]:
    """The attributes and methods of web/scope.py's Scope (what a template may ask of it)."""
    tree = ast.parse((root / "web" / "scope.py").read_text(encoding="utf-8"))
    cls = next(n for n in tree.body if isinstance(n, ast.ClassDef) and n.name == "Scope")
    names = {n.name for n in cls.body if isinstance(n, ast.FunctionDef)}
    names |= {
        n.target.id
        for n in cls.body
        if isinstance(n, ast.AnnAssign) and isinstance(n.target, ast.Name)
    }
    return names


def period_offences(root: Path = SRC) -> list[str]:
    found = []
    for rel, lines in _files(root):
        if rel in PERIOD_ALLOWED:
            continue
        for number, line in enumerate(lines, 1):
            whats = [what for what, pattern in PERIOD_AS_SCOPE.items() if re.search(pattern, line)]
            if whats:
                found.append(f"src/cchc/{rel}:{number}: {'; '.join(whats)}: {line.strip()}")
    return found


def scope_offences(root: Path = SRC) -> list[str]:
    """Lines outside the permission modules where "scope" is not the access permission."""
    template_use = re.compile(rf"\bscope\.({'|'.join(sorted(_scope_members(root)))})\b")
    found = []
    for rel, lines in _files(root):
        if rel in PERMISSION_MODULES or rel in SCOPE_ALLOWED:
            continue
        holds = any(HOLDS_A_SCOPE.search(line) for line in lines)
        for number, line in enumerate(lines, 1):
            if not SCOPE_WORD.search(line) or PERMISSION_LINE.search(line):
                continue
            rest = template_use.sub("", line) if rel.endswith(".html") else line
            if not SCOPE_WORD.search(rest):
                continue
            # a `scope` variable (not part of a longer name) in a file that holds a Scope
            if holds and not re.search(r"\Bscope|scope\B", rest, re.IGNORECASE):
                continue
            found.append(f"src/cchc/{rel}:{number}: {line.strip()}")
    return found


def engine_offences(root: Path = SRC) -> list[str]:
    found = []
    for rel, lines in _files(root):
        if rel.startswith("indicators/"):
            continue
        for number, line in enumerate(lines, 1):
            if not ENGINE.search(line):
                continue
            if any(rel == f and snippet in line for f, snippet in ENGINE_ALLOWED):
                continue
            found.append(f"src/cchc/{rel}:{number}: {line.strip()}")
    return found


def test_the_period_rule_is_never_called_scope() -> None:
    assert period_offences() == []


def test_scope_means_the_access_permission_only() -> None:
    assert scope_offences() == []


def test_engine_means_the_indicators_back_end_only() -> None:
    assert engine_offences() == []


def test_every_allowed_place_still_exists() -> None:
    """An allowance outlives its reason: a renamed or removed place must leave the list too."""
    for rel in {*PERIOD_ALLOWED, *SCOPE_ALLOWED, *PERMISSION_MODULES}:
        assert (SRC / rel).is_file(), rel
    for rel, snippet in ENGINE_ALLOWED:
        assert snippet in (SRC / rel).read_text(encoding="utf-8"), (rel, snippet)


def test_the_guards_see_the_old_words(tmp_path: Path) -> None:
    (tmp_path / "web").mkdir()
    (tmp_path / "web" / "scope.py").write_text(
        "class Scope:\n    unit_codes: frozenset[str] | None\n\n"
        "    def sees_everything(self) -> bool:\n        return True\n",
        encoding="utf-8",
    )
    (tmp_path / "indicators").mkdir()
    period_samples = [
        'numerator = { scope = "in_scope", where = ["late_at_end = true"] }',
        'denominator = { scope = "received" }',
        "from cchc.indicators.sql_scopes import indicator_query",
        "parts = [SCOPES[self.scope]] if with_scope else []",
        "Aggregate(agg.kind, agg.scope, own)",
        "dossiers: int  # dossiers in scope",
        "in_scope: IntArray",
        "SCOPE_BRANCHES = {}",
    ]
    (tmp_path / "indicators" / "x.py").write_text("\n".join(period_samples), encoding="utf-8")
    assert len(period_offences(tmp_path)) == len(period_samples)
    (tmp_path / "indicators" / "x.py").unlink()
    (tmp_path / "dossiers").mkdir()
    (tmp_path / "dossiers" / "cli.py").write_text(
        "scope = period.display\ndef _unit_scope(code: str) -> None: ...\nx = 1  # the scope\n",
        encoding="utf-8",
    )
    (tmp_path / "web" / "page.html").write_text(
        "{% if scope.sees_everything %}ok{% endif %}\n{{ scope.late_rule }}\n", encoding="utf-8"
    )
    (tmp_path / "web" / "views.py").write_text(
        "scope = scope_of(request)\nif scope.unit_codes: pass\nfor x in scope: pass\n"
        "bad = dossier_scope  # a period, not the permission\n",
        encoding="utf-8",
    )
    assert [o.split(":")[0:2] for o in scope_offences(tmp_path)] == [
        ["src/cchc/dossiers/cli.py", "1"],
        ["src/cchc/dossiers/cli.py", "2"],
        ["src/cchc/dossiers/cli.py", "3"],
        ["src/cchc/web/page.html", "2"],
        ["src/cchc/web/views.py", "4"],
    ]
    (tmp_path / "inspections").mkdir()
    (tmp_path / "inspections" / "plans.py").write_text(
        'source = recorded["engine"]\n', encoding="utf-8"
    )
    (tmp_path / "indicators" / "engines.py").write_text("engine = 'duckdb'\n", encoding="utf-8")
    assert engine_offences(tmp_path) == [
        'src/cchc/inspections/plans.py:1: source = recorded["engine"]'
    ]
