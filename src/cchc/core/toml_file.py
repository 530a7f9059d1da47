"""Reading a TOML data file (rules, mappings, catalogues, questionnaires), with one clear error.

Every such file, shipped or given by a user (a column mapping, CCHC_STATUS_CLASSES, a weight
override), is read here: a missing file, one that is not UTF-8 text or not TOML gives a message
naming the file and, for a syntax error, its line and column, in the error class the caller's
users already catch (a ValueError)."""

from __future__ import annotations

import re
import tomllib
from pathlib import Path
from typing import Any

_WHERE = re.compile(r"^(?P<msg>.*) \(at line (?P<line>\d+), column (?P<column>\d+)\)$")


def read_toml(path: Path, error: type[ValueError] = ValueError) -> dict[str, Any]:
    """The tables of `path` (UTF-8, a byte-order mark allowed); `error(message)` if it cannot be
    read or is not TOML."""
    try:
        text = path.read_text(encoding="utf-8-sig")
    except FileNotFoundError:
        raise error(f"{path}: không tìm thấy tệp (file not found)") from None
    except UnicodeDecodeError:
        raise error(f"{path}: tệp không phải văn bản UTF-8 (not UTF-8 text)") from None
    except OSError as exc:
        raise error(f"{path}: không đọc được tệp: {exc.strerror} (cannot read file)") from None
    try:
        return tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        found = _WHERE.match(str(exc))
        if found is None:
            raise error(f"{path}: TOML sai cú pháp: {exc} (TOML syntax error)") from None
        where = f"dòng (line) {found['line']}, cột (column) {found['column']}"
        raise error(
            f"{path}, {where}: TOML sai cú pháp: {found['msg']} (TOML syntax error)"
        ) from None
