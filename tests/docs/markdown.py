"""Just enough Markdown for the documentation tests: fenced blocks, and the prose around them."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]

_OPEN = re.compile(r"^(?P<indent>\s*)(?P<fence>`{3,}|~{3,})\s*(?P<info>[^`]*?)\s*$")


@dataclass(frozen=True)
class Block:
    """A fenced code block: its info string, first content line (1-based) and content lines."""

    info: str
    line: int
    lines: tuple[str, ...]


def fenced_blocks(text: str) -> Iterator[Block]:
    """Every fenced block of `text`, its lines stripped of the fence's own indentation."""
    lines = text.splitlines()
    i = 0
    while i < len(lines):
        opening = _OPEN.match(lines[i])
        if not opening:
            i += 1
            continue
        indent, fence = len(opening["indent"]), opening["fence"]
        closing = re.compile(rf"^\s*{re.escape(fence[0])}{{{len(fence)},}}\s*$")
        end = i + 1
        while end < len(lines) and not closing.match(lines[end]):
            end += 1
        content = tuple(_dedent(line, indent) for line in lines[i + 1 : end])
        yield Block(info=opening["info"], line=i + 2, lines=content)
        i = end + 1


def prose_lines(text: str) -> Iterator[tuple[int, str]]:
    """(line number, line) for every line outside fenced blocks."""
    inside: set[int] = set()
    for block in fenced_blocks(text):
        # the fences themselves and their content
        inside.update(range(block.line - 1, block.line + len(block.lines) + 1))
    for number, line in enumerate(text.splitlines(), start=1):
        if number not in inside:
            yield number, line


def _dedent(line: str, indent: int) -> str:
    stripped = len(line) - len(line.lstrip(" "))
    return line[min(indent, stripped) :]
