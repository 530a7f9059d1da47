"""A ranking (web_data.ranking) as JSON, CSV or a text table: the API, `cchc indicators ranking`
and the page carry the same figures, the share the ranking orders by and the same note on units
judged on another set of indicators."""

from __future__ import annotations

import csv
import dataclasses
import io
import json
from typing import Any

from cchc.indicators.web_data import Ranking

COLUMNS = [
    "rank",
    "unit_code",
    "unit_name",
    "units",
    "dossiers",
    "total",
    "max_with_data",
    "share",
    "on_time_rate",
    "other_set",
    "set_difference",
]
NO_DATA = "—"


def as_dict(ranked: Ranking) -> dict[str, Any]:
    data = dataclasses.asdict(ranked)
    p = ranked.period
    data["period"] = {"label": p.label, "start": p.start.isoformat(), "end": p.end.isoformat()}
    data["order"] = "share"  # total / max_with_data, never raw points (ranking_rule.py)
    data["units_day"] = ranked.units_day.isoformat() if ranked.units_day else None
    return data


def _number(value: float | None, digits: int) -> str:
    return NO_DATA if value is None else f"{value:.{digits}f}"


def rows(ranked: Ranking) -> list[list[str]]:
    return [
        [
            str(u.rank),
            u.unit_code,
            u.unit_name,
            ranked.units_view,
            str(u.dossiers),
            _number(u.total, 2),
            _number(u.max_with_data, 0),
            _number(u.share, 4),
            _number(u.on_time_rate, 4),
            "1" if u.other_set else "0",
            u.set_difference,
        ]
        for u in ranked.units
    ]


def as_csv(ranked: Ranking) -> str:
    buf = io.StringIO()
    writer = csv.writer(buf, lineterminator="\n")
    writer.writerow(COLUMNS)
    writer.writerows(rows(ranked))
    return buf.getvalue()


def as_table(ranked: Ranking) -> str:
    body = rows(ranked)
    widths = [max([len(h), *(len(r[i]) for r in body)]) for i, h in enumerate(COLUMNS)]
    lines = ["  ".join(h.ljust(w) for h, w in zip(COLUMNS, widths, strict=True)).rstrip()]
    lines += ["  ".join(c.ljust(w) for c, w in zip(r, widths, strict=True)).rstrip() for r in body]
    return "\n".join(lines)


def render(ranked: Ranking, fmt: str) -> str:
    if fmt == "json":
        return json.dumps(as_dict(ranked), ensure_ascii=False, indent=2)
    if fmt == "csv":
        return as_csv(ranked)
    return as_table(ranked)
