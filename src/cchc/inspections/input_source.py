"""Which engine counts the planner's inputs: the analytics store when current, else the database.

"auto" (the default of `cchc inspections plan`, the planner service and the web risk/plan pages)
uses the DuckDB/Parquet store only when it holds the latest finished import — the same test the
dashboards use (cchc.indicators.freshness.current_source) — and otherwise counts in the system
database, so a plan is never drawn from figures older than the data. "sql" and "analytics" force
an engine ("analytics" builds the store on first use, as before).
"""

from __future__ import annotations

from dataclasses import dataclass

ENGINES = ("auto", "sql", "analytics")


@dataclass(frozen=True)
class InputSource:
    engine: str  # the engine that counted: "sql" | "analytics"
    requested: str  # what the caller asked for: "auto" | "sql" | "analytics"
    data_as_of: str | None  # ISO moment of the data (the latest import, or the store's build)

    def to_json(self) -> dict[str, str | None]:
        return {"engine": self.engine, "requested": self.requested, "data_as_of": self.data_as_of}


def engine_label(engine: str) -> str:
    """The engine's name for people (Vietnamese first)."""
    if engine == "analytics":
        return "kho phân tích DuckDB (analytics store)"
    return "cơ sở dữ liệu hệ thống (system database)"


def resolve(requested: str = "auto") -> InputSource:
    """The engine to use for `requested`; ValueError for an unknown name."""
    if requested not in ENGINES:
        raise ValueError(
            f"Engine không hợp lệ {requested!r} (invalid engine; use {', '.join(ENGINES)})"
        )
    if requested == "analytics":
        from cchc.indicators.store import ensure_store

        stamp = ensure_store()
        return InputSource("analytics", requested, stamp.latest_import_at or stamp.built_at)
    if requested == "auto":
        from cchc.indicators.freshness import current_source

        source = current_source()
        if source.from_store:
            moment = source.as_of.isoformat() if source.as_of else None
            return InputSource("analytics", requested, moment)
        finished = source.as_of.isoformat() if source.as_of else None
        return InputSource("sql", requested, finished)
    from cchc.indicators.freshness import latest_import

    _batch, finished_at = latest_import()
    return InputSource("sql", requested, finished_at.isoformat() if finished_at else None)
