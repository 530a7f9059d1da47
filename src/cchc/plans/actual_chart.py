"""A target's chart drawn on the server as SVG (no script, no CDN): the straight path from the
baseline to the target, and the readings. Dates run left to right in proportion to time;
values between the lowest and highest of the path and the readings."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from cchc.plans.trajectory import Path

WIDTH, HEIGHT, PAD_X, PAD_Y = 640, 220, 48, 28


@dataclass(frozen=True)
class Dot:
    day: dt.date
    value: float
    x: float
    y: float
    on_track: bool | None

    @property
    def label_y(self) -> float:
        return round(self.y - 9, 1)


@dataclass(frozen=True)
class End:
    """An end of the straight path: the baseline or the target, labelled beside it."""

    x: float
    y: float
    value: float
    anchor: str  # "end": left of the baseline; "start": right of the target

    @property
    def label_x(self) -> float:
        return round(self.x - 6 if self.anchor == "end" else self.x + 6, 1)

    @property
    def label_y(self) -> float:
        return round(self.y + 4, 1)


@dataclass(frozen=True)
class Chart:
    width: int
    height: int
    path_line: str  # "x1,y1 x2,y2" of the straight path, empty without one
    measured_line: str
    dots: list[Dot]
    ticks: list[tuple[float, str]]  # x, the year or dd/mm/yyyy at the axis
    low: float
    high: float
    axis_y: float
    ends: list[End]  # the path's baseline and target


def chart(path: Path | None, readings: list[tuple[dt.date, float, bool | None]]) -> Chart | None:
    """None when there is nothing to draw."""
    days = [d for d, _, _ in readings]
    values = [v for _, v, _ in readings]
    if path is not None:
        days += [path.start, path.end]
        values += [path.start_value, path.end_value]
    if not days:
        return None
    first, last = min(days), max(days)
    low, high = min(values), max(values)
    span_days = max((last - first).days, 1)
    span = (high - low) or 1.0

    def x(day: dt.date) -> float:
        return round(PAD_X + (day - first).days / span_days * (WIDTH - 2 * PAD_X), 1)

    def y(value: float) -> float:
        return round(HEIGHT - PAD_Y - (value - low) / span * (HEIGHT - 2 * PAD_Y), 1)

    dots = [Dot(d, v, x(d), y(v), ok) for d, v, ok in readings]
    path_line = ""
    ends: list[End] = []
    if path is not None:
        path_line = f"{x(path.start)},{y(path.start_value)} {x(path.end)},{y(path.end_value)}"
        ends = [End(x(path.start), y(path.start_value), path.start_value, "end")]
        ends.append(End(x(path.end), y(path.end_value), path.end_value, "start"))
    ticks = [(x(d), f"{d:%d/%m/%Y}") for d in sorted({first, last})]
    return Chart(
        WIDTH, HEIGHT, path_line, " ".join(f"{d.x},{d.y}" for d in dots), dots, ticks,
        low, high, HEIGHT - 8, ends,
    )  # fmt: skip
