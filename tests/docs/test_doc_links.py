"""No document refers to a file the repository does not hold.

Scanned: README.md, docs/*.md, the Markdown files under src/ (Markdown links, backticked paths,
and paths like docs/x.md in the prose), and CHANGELOG.md (Markdown links only: its entries name
files as they were then). Outside fenced code blocks:

- a Markdown link `[text](target)` must resolve relative to the file it is in, as it does on
  the web (a target starting with `/` relative to the repository root); web addresses and
  `#anchors` are not checked;
- a backticked path (`src/…`, `docs/…`, `tests/…`, `bench/…`, `.ci/…`, `../…`, or a name ending in
  .py, .md, .toml or .csv) and a path in the prose starting with src/, docs/, tests/,
  bench/ or .ci/ must exist relative to the file or to the repository root.

A pattern starting at one of those folders (`src/cchc/dossiers/mappings/*.toml`) must match a
file. Placeholders (`<data dir>/…`, `*.toml`, `…`), commands (anything with a space), URL paths
(`/api/…`) and bare extensions (`.csv`) are not paths. A name that is not a file of the
repository on purpose goes in NOT_REPOSITORY_FILES, with the reason.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

from tests.docs.markdown import ROOT, prose_lines

# Named in the docs, rightly absent from the repository.
NOT_REPOSITORY_FILES = {
    "bench/out/": "the benchmarks' output folder, made by `make bench` (in .gitignore)",
    "xuat.csv": "the file name of the late list's CSV download",
    "data/csv/2018.csv": "a file of the third-party PAPI dataset (GitHub hnks-gh/ml-mcdm) named"
    " as a source in the shipped src/cchc/plans/data/papi/README.md",
    "2024.csv": "the same dataset's last year file (src/cchc/plans/data/papi/README.md)",
}

PATH_PREFIXES = ("src/", "docs/", "tests/", "bench/", ".ci/", "../")
PATH_SUFFIXES = (".py", ".md", ".toml", ".csv")
_CODE_SPAN = re.compile(r"(?<!`)(`+)(?!`)(.+?)(?<!`)\1(?!`)")
_LINK = re.compile(r"!?\[[^\]]*\]\(\s*<?(?P<target>[^)\s>]*)>?(?:\s+[\"'(][^)]*)?\)")
_REFERENCE = re.compile(r"^\s{0,3}\[[^\]]+\]:\s*<?(?P<target>[^\s>]+)>?")
_PROSE_PATH = re.compile(r"(?<![\w/.:~-])(?:src|docs|tests|bench|\.ci)/[\w./-]*[\w/]")
_NOT_A_PATH = re.compile(r"[\s<>*?{}\[\]…$=|,;()\"']|://|^[/~-]|^\.\w+$")


@dataclass(frozen=True)
class Reference:
    file: Path
    line: int
    kind: str  # "link", "code" or "prose"
    target: str

    def __str__(self) -> str:
        return f"{self.file.relative_to(ROOT)}:{self.line}: {self.kind} {self.target!r}"


def documents() -> list[tuple[Path, bool]]:
    """(file, links only?) for every scanned document."""
    files = [(ROOT / "README.md", False), (ROOT / "CHANGELOG.md", True)]
    files += [(path, False) for path in sorted((ROOT / "docs").glob("*.md"))]
    files += [(path, False) for path in sorted((ROOT / "src").rglob("*.md"))]
    return files


def references(path: Path, text: str, links_only: bool) -> Iterator[Reference]:
    """The references in `text`, the content of the document at `path`."""
    for number, line in prose_lines(text):
        spans = [m.group(2).strip() for m in _CODE_SPAN.finditer(line)]
        outside_code = _CODE_SPAN.sub(" ", line)
        for link in _LINK.finditer(outside_code):
            yield Reference(path, number, "link", link["target"])
        if definition := _REFERENCE.match(outside_code):
            yield Reference(path, number, "link", definition["target"])
        if links_only:
            continue
        for span in spans:
            if _looks_like_a_path(span):
                yield Reference(path, number, "code", span)
        without_links = _LINK.sub(" ", outside_code)
        for prose in _PROSE_PATH.finditer(without_links):
            yield Reference(path, number, "prose", prose.group(0).rstrip("."))


def all_references() -> list[Reference]:
    return [
        ref
        for path, links_only in documents()
        for ref in references(path, path.read_text(encoding="utf-8"), links_only)
    ]


def _looks_like_a_path(text: str) -> bool:
    if _NOT_A_PATH.search(text.replace("*", "")):
        return False
    if "*" in text:  # a pattern: checked when it starts at a folder of the repository
        return text.startswith(PATH_PREFIXES)
    return text.startswith(PATH_PREFIXES) or text.lower().endswith(PATH_SUFFIXES)


def _inside_repository(path: Path) -> bool:
    return path.resolve().is_relative_to(ROOT) and path.exists()


def _exists(base: Path, target: str) -> bool:
    """Whether `target` (a path, or a pattern with `*`) names something in the repository."""
    if "*" in target:
        return any(_inside_repository(path) for path in base.glob(target))
    return _inside_repository(base / target)


def is_broken(ref: Reference) -> bool:
    target = ref.target
    if ref.kind == "link":
        target = target.split("#", 1)[0].split("?", 1)[0]
        if not target or re.match(r"^[a-z][a-z0-9+.-]*:", target):
            return False  # an anchor in the same page, or a web/mail address
        base = ROOT if target.startswith("/") else ref.file.parent
        return not _inside_repository(base / target.lstrip("/"))
    target = re.sub(r"(?:::\w+|:\d+(?::\d+)?)$", "", target)  # tests/x.py::test_y, src/x.py:12
    if target in NOT_REPOSITORY_FILES:
        return False
    return not any(_exists(base, target) for base in (ref.file.parent, ROOT))


def test_every_referenced_file_exists() -> None:
    found = all_references()
    assert len(found) > 50, "hardly any references found: the scan is broken"
    broken = [str(ref) for ref in found if is_broken(ref)]
    assert not broken, (
        "References to files the repository does not hold (a link is relative to its file, a path"
        " to its file or the repository root; a name absent on purpose goes in"
        " NOT_REPOSITORY_FILES):\n" + "\n".join(broken)
    )


def test_the_exceptions_are_still_named_somewhere() -> None:
    # An exception nobody needs any more would hide the next real mistake of the same name.
    named = {ref.target for ref in all_references()}
    assert set(NOT_REPOSITORY_FILES) <= named


@pytest.mark.parametrize(
    ("line", "broken"),
    [
        ("see [timing](timing.md) and [top](#top)", []),
        ("see [gone](gone.md) and [web](https://example.org/x.md)", ["gone.md"]),
        ("rules in `src/cchc/dossiers/rulebook/timing.py`", []),
        ("rules in `src/cchc/dossiers/timing.py`", ["src/cchc/dossiers/timing.py"]),
        ("the notes in `../shared/DESIGN.md`", ["../shared/DESIGN.md"]),
        ("copy `nowhere.toml`", ["nowhere.toml"]),
        ("mappings in `src/cchc/dossiers/mappings/*.toml`, not `src/*.csv`", ["src/*.csv"]),
        ("see docs/nowhere.md.", ["docs/nowhere.md"]),
        ("run `cchc import dossiers x.csv`, then `<dir>/x.csv`, `/api/x.json`, `.csv`", []),
    ],
)
def test_the_scan_finds_what_is_broken(line: str, broken: list[str]) -> None:
    doc = ROOT / "docs" / "calendar.md"  # as if the line were in docs/calendar.md
    found = [ref.target for ref in references(doc, line, links_only=False) if is_broken(ref)]
    assert found == broken
