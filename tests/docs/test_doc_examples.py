"""The worked examples of the documentation run as tests.

An executable example is a fenced block with the info string `console` in any docs/*.md:

    ```console
    $ cchc calendar due 2024-02-07 2    # Tết 8–14 Feb: Thu 15 is day 1
    2024-02-16
    ```

A line starting with `$ ` is a `cchc` command (a `# …` after it is a comment, not an argument);
the lines after it, up to the next `$ ` line or the end of the block, are exactly what it prints
on standard output. Each command runs through the real entry point, `cchc.cli.main`, in this
process, and must exit with status 0. The commands of one block run in order on one fresh test
database (a block may change the calendar and then show the effect); blocks are independent.
"""

from __future__ import annotations

import difflib
import shlex
from collections.abc import Callable, Iterator
from dataclasses import dataclass

import pytest

from cchc.cli import main
from cchc.core.calendar_db import invalidate_calendar
from tests.docs.markdown import ROOT, Block, fenced_blocks

PROMPT = "$ "

Runner = Callable[[list[str]], tuple[int, str, str]]


@dataclass(frozen=True)
class Example:
    """One command of a `console` block and the output the document promises."""

    where: str  # "docs/calendar.md:40"
    argv: list[str]
    expected: list[str]


def console_blocks() -> list[tuple[str, Block]]:
    found = []
    for path in sorted((ROOT / "docs").glob("*.md")):
        for block in fenced_blocks(path.read_text(encoding="utf-8")):
            if block.info.split(maxsplit=1)[:1] == ["console"]:
                found.append((f"{path.relative_to(ROOT)}:{block.line}", block))
    return found


def examples(where: str, block: Block) -> Iterator[Example]:
    """The commands of `block` (found at `where`, "file:first line") with their output."""
    file, first = where.rsplit(":", 1)
    current: Example | None = None
    for offset, line in enumerate(block.lines):
        if line.startswith(PROMPT):
            if current is not None:
                yield current
            words = shlex.split(line[len(PROMPT) :], comments=True)
            at = f"{file}:{int(first) + offset}"
            if words[:1] != ["cchc"]:
                raise ValueError(f"{at}: a console example runs `cchc …`, not {line!r}")
            current = Example(where=at, argv=words[1:], expected=[])
        elif current is None:
            raise ValueError(f"{where}: a console block starts with a `$ cchc …` line")
        else:
            current.expected.append(line)
    if current is None:
        raise ValueError(f"{where}: an empty console block")
    yield current


def problems(where: str, block: Block, run: Runner) -> list[str]:
    """What differs between the block and what its commands print (nothing when it is right)."""
    found = []
    for example in examples(where, block):
        status, out, err = run(example.argv)
        command = shlex.join(["cchc", *example.argv])
        if status != 0:
            found.append(f"{example.where}: `{command}` exited with {status}: {err.strip()}")
            continue
        if out != "".join(f"{line}\n" for line in example.expected):
            actual = out.removesuffix("\n").split("\n") if out else []
            diff = "\n".join(
                difflib.unified_diff(
                    example.expected, actual, "the document", "the command", lineterm=""
                )
            )
            found.append(f"{example.where}: `{command}` prints otherwise:\n{diff}")
    return found


@pytest.fixture
def run_cchc(capsys: pytest.CaptureFixture[str]) -> Iterator[Runner]:
    def run(argv: list[str]) -> tuple[int, str, str]:
        capsys.readouterr()
        status = main(argv)
        out, err = capsys.readouterr()
        return status, out, err

    # The calendar is cached per process; the test database is emptied without signals.
    invalidate_calendar()
    yield run
    invalidate_calendar()


BLOCKS = console_blocks()


@pytest.mark.django_db
@pytest.mark.parametrize(("where", "block"), BLOCKS, ids=[where for where, _ in BLOCKS])
def test_the_example_prints_what_the_document_says(
    where: str, block: Block, run_cchc: Runner
) -> None:
    found = problems(where, block, run_cchc)
    assert not found, "\n\n".join(found)


@pytest.mark.parametrize("doc", ["docs/timing.md", "docs/calendar.md"])
def test_the_worked_examples_are_executable(doc: str) -> None:
    assert any(where.startswith(f"{doc}:") for where, _ in BLOCKS), f"{doc}: no console block"


@pytest.mark.django_db
def test_a_wrong_example_fails(run_cchc: Runner) -> None:
    wrong = Block(
        info="console",
        line=10,
        lines=(
            "$ cchc calendar due 2024-02-07 2   # not the 15th: Thu 15 is day 1",
            "Ngày tiếp nhận hợp lệ (deemed receipt):  Thứ Tư, 07/02/2024",
            "Ngày thứ 1 (day 1):                      Thứ Năm, 15/02/2024",
            "Hạn giải quyết (due date):               Thứ Năm, 15/02/2024",
        ),
    )
    [message] = problems("docs/x.md:10", wrong, run_cchc)
    assert message.startswith(
        "docs/x.md:10: `cchc calendar due 2024-02-07 2` prints otherwise:\n"
        "--- the document\n+++ the command\n"
    )
    assert message.endswith(
        "-Hạn giải quyết (due date):               Thứ Năm, 15/02/2024\n"
        "+Hạn giải quyết (due date):               Thứ Sáu, 16/02/2024"
    )
    refused = Block(info="console", line=3, lines=("$ cchc calendar due 2046-01-01 2", "x"))
    [message] = problems("docs/x.md:3", refused, run_cchc)
    assert message.startswith("docs/x.md:3: `cchc calendar due 2046-01-01 2` exited with 1:")


@pytest.mark.parametrize(
    ("lines", "message"),
    [
        (("2024-02-16",), r"^docs/x\.md:5: a console block starts with a `\$ cchc …` line$"),
        (("$ cchc calendar show 2024", "$ ls docs"), r"^docs/x\.md:6: .* not '\$ ls docs'$"),
        ((), r"^docs/x\.md:5: an empty console block$"),
    ],
)
def test_a_block_that_is_not_a_cchc_session_is_refused(lines: tuple[str], message: str) -> None:
    with pytest.raises(ValueError, match=message):
        list(examples("docs/x.md:5", Block(info="console", line=5, lines=lines)))


def test_blocks_are_found_with_their_line_numbers() -> None:
    text = "intro\n\n- item:\n\n  ```console\n  $ cchc calendar show 2024\n  a\n\n  b\n  ```\n"
    [block] = fenced_blocks(text)
    assert (block.info, block.line, block.lines) == (
        "console",
        6,
        ("$ cchc calendar show 2024", "a", "", "b"),
    )
    [example] = examples("docs/x.md:6", block)
    assert example == Example("docs/x.md:6", ["calendar", "show", "2024"], ["a", "", "b"])
