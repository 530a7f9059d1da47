"""The feedback rules (deadline, office hours, reminders), from a versioned TOML file (pure)."""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from cchc.core.toml_file import read_toml

RULES_FILE = Path(__file__).resolve().parent / "data" / "feedback-rules.toml"
_CLOCK = re.compile(r"^(\d{1,2}):(\d{2})$")


@dataclass(frozen=True)
class FeedbackRules:
    version: str
    working_days: int  # thời hạn xử lý, ngày làm việc
    confirmed: bool  # whether the figure was checked against its legal source
    office_closes_minute: int  # minutes after local midnight
    remind_before_working_days: int
    due_soon_working_days: int


def _minute(text: str, source: str) -> int:
    match = _CLOCK.match(text.strip())
    if not match or int(match.group(1)) > 23 or int(match.group(2)) > 59:
        raise ValueError(f"{source}: giờ không hợp lệ {text!r} (invalid time; use HH:MM)")
    return int(match.group(1)) * 60 + int(match.group(2))


def _positive(raw: dict[str, Any], key: str, source: str) -> int:
    value = raw.get(key)
    if not isinstance(value, int) or isinstance(value, bool) or value < 0:
        raise ValueError(f"{source}: '{key}' phải là số nguyên không âm (must be an integer ≥ 0)")
    return value


def rules_from(raw: dict[str, Any], source: str = "feedback-rules.toml") -> FeedbackRules:
    deadline = raw.get("deadline", {})
    reminders = raw.get("reminders", {})
    return FeedbackRules(
        version=str(raw.get("version", "")),
        working_days=_positive(deadline, "working_days", source),
        confirmed=bool(deadline.get("confirmed", False)),
        office_closes_minute=_minute(str(deadline.get("office_closes", "17:00")), source),
        remind_before_working_days=_positive(reminders, "before_working_days", source),
        due_soon_working_days=_positive(reminders, "due_soon_working_days", source),
    )


@functools.lru_cache(maxsize=4)
def load_feedback_rules(path: Path = RULES_FILE) -> FeedbackRules:
    """Read once per process (the file is edited between releases, not while serving)."""
    return rules_from(read_toml(path), path.name)
