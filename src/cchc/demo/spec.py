"""What the generator needs to know about units and procedures: plain data, no Django."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass


@dataclass(frozen=True)
class DemoUnit:
    """A unit that receives dossiers in the demo, between `active_from` and `active_to`."""

    code: str
    kind: str  # one of patterns.KIND_SHARE: commune, district, land, agency
    pools: tuple[str, ...]  # the procedure pools it handles (see agencies.py)
    active_from: dt.date | None = None
    active_to: dt.date | None = None
    size: float = 1.0


@dataclass(frozen=True)
class DemoProcedure:
    code: str
    pools: tuple[str, ...]
    time_limit: float
    time_unit: str = "working_days"  # cchc.core.models.TimeUnit values
    weight: float = 1.0
    has_fee: bool = False
    land: bool = False  # land sector (lĩnh vực đất đai)
    cutoff_minute: int = -1
