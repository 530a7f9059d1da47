"""The plan task reminder rules, from a versioned TOML data file (pure)."""

from __future__ import annotations

import functools
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from cchc.core.toml_file import read_toml

RULES_FILE = Path(__file__).resolve().parent / "data" / "plan-rules.toml"


@dataclass(frozen=True)
class PlanRules:
    version: str
    remind_before_working_days: int


def rules_from(raw: dict[str, Any], source: str = "plan-rules.toml") -> PlanRules:
    value = raw.get("reminders", {}).get("before_working_days")
    if not isinstance(value, int) or isinstance(value, bool) or value < 0:
        raise ValueError(
            f"{source}: '[reminders] before_working_days' phải là số nguyên không âm "
            "(must be an integer ≥ 0)"
        )
    return PlanRules(version=str(raw.get("version", "")), remind_before_working_days=value)


@functools.lru_cache(maxsize=4)
def load_plan_rules(path: Path = RULES_FILE) -> PlanRules:
    """Read once per process (the file is edited between releases, not while serving)."""
    return rules_from(read_toml(path), path.name)
