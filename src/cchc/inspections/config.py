"""The risk weights and inspection rules, read from versioned TOML data files (pure)."""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from cchc.core.toml_file import read_toml

DATA_DIR = Path(__file__).resolve().parent / "data"
WEIGHTS_FILE = DATA_DIR / "risk-weights.toml"
RULES_FILE = DATA_DIR / "inspection-rules.toml"

FACTORS = (
    "late_rate",
    "open_overdue",
    "beyond_statutory",
    "repeated_supplements",
    "late_no_apology",
    "sensitive_share",
    "since_inspected",
    "actions_open",
    "actions_overdue",
    "complaints_rate",
    "harassment",
    "low_satisfaction",
)


def _fold(text: str) -> str:
    return unicodedata.normalize("NFC", text).strip().casefold()


@dataclass(frozen=True)
class RiskConfig:
    version: str
    prior_strength: float
    weights: dict[str, float]
    caps: dict[str, float]
    sensitive_names: tuple[str, ...] = ()
    sensitive_prefixes: tuple[str, ...] = ()
    raw: dict[str, Any] = field(default_factory=dict, compare=False)

    def is_sensitive(self, sector: str) -> bool:
        """Land, investment or construction sector of the national catalogue."""
        folded = _fold(sector)
        if not folded:
            return False
        return any(folded == _fold(n) for n in self.sensitive_names) or any(
            folded.startswith(_fold(p)) for p in self.sensitive_prefixes
        )


@dataclass(frozen=True)
class Rules:
    version: str
    cycle_years: int
    pool_factor: int
    min_weight: float
    sample: dict[str, int]
    deadline_working_days: dict[str, int]
    remind_before_working_days: int
    raw: dict[str, Any] = field(default_factory=dict, compare=False)


def risk_config_from(raw: dict[str, Any], source: str = "") -> RiskConfig:
    weights = {k: float(v) for k, v in raw.get("weights", {}).items()}
    unknown = set(weights) - set(FACTORS)
    if unknown:
        raise ValueError(
            f"{source}: yếu tố không xác định {sorted(unknown)} (unknown factors); "
            f"dùng (use) {', '.join(FACTORS)}"
        )
    if any(w < 0 for w in weights.values()) or sum(weights.values()) <= 0:
        raise ValueError(f"{source}: trọng số phải ≥ 0 và tổng > 0 (weights ≥ 0, sum > 0)")
    sectors = raw.get("sensitive_sectors", {})
    return RiskConfig(
        version=str(raw["version"]),
        prior_strength=float(raw.get("prior_strength", 30)),
        weights={k: weights.get(k, 0.0) for k in FACTORS},
        caps={k: float(v) for k, v in raw.get("caps", {}).items()},
        sensitive_names=tuple(sectors.get("names", ())),
        sensitive_prefixes=tuple(sectors.get("prefixes", ())),
        raw=raw,
    )


def load_risk_config(path: Path | None = None) -> RiskConfig:
    p = path or WEIGHTS_FILE
    return risk_config_from(read_toml(p), str(p))


def rules_from(raw: dict[str, Any]) -> Rules:
    return Rules(
        version=str(raw["version"]),
        cycle_years=int(raw["rotation"]["cycle_years"]),
        pool_factor=int(raw["rotation"].get("pool_factor", 2)),
        min_weight=float(raw["surprise"].get("min_weight", 1.0)),
        sample={k: int(v) for k, v in raw["sample"].items()},
        deadline_working_days={k: int(v) for k, v in raw["deadline_working_days"].items()},
        remind_before_working_days=int(raw["reminders"]["before_working_days"]),
        raw=raw,
    )


def load_rules(path: Path | None = None) -> Rules:
    return rules_from(read_toml(path or RULES_FILE))
