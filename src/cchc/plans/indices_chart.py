"""A small SVG line of the PAPI total by year, drawn on the server (no script, no CDN)."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

WIDTH, HEIGHT, PAD = 320, 120, 24
AXIS_Y = HEIGHT - 6  # the years' line


@dataclass(frozen=True)
class ChartPoint:
    year: int
    value: Decimal
    x: float
    y: float

    @property
    def label_y(self) -> float:
        return round(self.y - 8, 1)


def chart_points(series: list[tuple[int, Decimal]]) -> list[ChartPoint]:
    """Years spread evenly across the width; values between the series' low and high."""
    if not series:
        return []
    low = min(v for _, v in series)
    high = max(v for _, v in series)
    span = (high - low) or Decimal(1)
    step = (WIDTH - 2 * PAD) / max(len(series) - 1, 1)
    return [
        ChartPoint(
            year,
            value,
            round(PAD + i * step, 1),
            round(HEIGHT - PAD - float((value - low) / span) * (HEIGHT - 2 * PAD), 1),
        )
        for i, (year, value) in enumerate(series)
    ]


def polyline(points: list[ChartPoint]) -> str:
    return " ".join(f"{p.x},{p.y}" for p in points)
