"""Column mappings: how a vendor's export names the canonical dossier fields (TOML files).

A mapping is data, not code: built-in ones live in `mappings/*.toml`; a user passes their own file
with `--mapping PATH`. The format is described in docs/import.md.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from cchc.core.toml_file import read_toml

MAPPINGS_DIR = Path(__file__).parent / "mappings"

CANONICAL_FIELDS = (
    "dossier_code",
    "procedure_code",
    "unit_code",
    "channel",
    "submitted_at",
    "received_at",
    "due_at",
    "finished_at",
    "returned_at",
    "status",
    "supplement_requests",
    "paused_days",
    "apology_issued",
    "paid_online",
    "digitised",
    "e_result",
    "applicant_id",
)
REQUIRED_FIELDS = ("dossier_code", "procedure_code", "unit_code", "channel", "received_at")
TIMESTAMP_FIELDS = ("submitted_at", "received_at", "due_at", "finished_at", "returned_at")
INTEGER_FIELDS = ("status", "supplement_requests", "paused_days")
BOOLEAN_FIELDS = ("apology_issued", "paid_online", "digitised", "e_result")
CHANNELS = ("online", "in_person", "postal")
STEP_FIELDS = ("name", "department", "officer", "started_at", "ended_at", "deadline_at")


class MappingError(ValueError):
    """A mapping file that cannot be used."""


@dataclass(frozen=True)
class EventLog:
    """One row per event, grouped into dossiers by `case` (CSV event logs and XES)."""

    case: str
    time: str
    step_fields: dict[str, str]  # step field -> source column
    # canonical timestamp field -> "first" or "last" event time of the case
    from_event_time: dict[str, str] = field(default_factory=dict)


@dataclass(frozen=True)
class Nested:
    """Nested lists of the national synchronisation record (JSON only)."""

    supplements: str = ""  # list key; each item has `supplement_start` and `supplement_end`
    supplement_start: str = ""
    supplement_end: str = ""
    results: str = ""  # list key; e_result when an item has a non-empty link
    result_links: tuple[str, ...] = ()
    steps: str = ""  # list key; each item -> a step
    step_fields: dict[str, tuple[str, ...]] = field(default_factory=dict)


@dataclass(frozen=True)
class Mapping:
    name: str
    description: str
    columns: dict[str, tuple[str, ...]]  # canonical field -> accepted source column names
    constants: dict[str, str] = field(default_factory=dict)
    values: dict[str, dict[str, str]] = field(default_factory=dict)  # lower-case source -> value
    create_units: bool = False
    create_procedures: bool = False
    events: EventLog | None = None
    nested: Nested | None = None

    def source_for(self, canonical: str, header: list[str]) -> str | None:
        """The first accepted source column present in the header (case-insensitive)."""
        lowered = {h.strip().lower(): h for h in header}
        for name in self.columns.get(canonical, ()):
            found = lowered.get(name.strip().lower())
            if found is not None:
                return found
        return None

    @property
    def has_steps(self) -> bool:
        return self.events is not None or bool(self.nested and self.nested.steps)


def _names(value: Any, where: str) -> tuple[str, ...]:
    if isinstance(value, str):
        return (value,)
    if isinstance(value, list) and all(isinstance(v, str) for v in value):
        return tuple(value)
    raise MappingError(f"{where}: cần tên cột hoặc danh sách tên (expected a name or a list)")


def parse_mapping(raw: dict[str, Any], name: str) -> Mapping:
    meta = raw.get("mapping", {})
    columns = {k: _names(v, f"columns.{k}") for k, v in raw.get("columns", {}).items()}
    constants = {k: str(v) for k, v in raw.get("constants", {}).items()}
    unknown = (set(columns) | set(constants)) - set(CANONICAL_FIELDS)
    if unknown:
        raise MappingError(
            f"{name}: trường không có trong danh sách chuẩn (unknown canonical fields): "
            + ", ".join(sorted(unknown))
        )
    values = {
        f: {str(k).strip().lower(): str(v) for k, v in table.items()}
        for f, table in raw.get("values", {}).items()
    }
    events = None
    if "events" in raw:
        ev = raw["events"]
        events = EventLog(
            case=str(ev["case"]),
            time=str(ev["time"]),
            step_fields={k: str(ev[k]) for k in STEP_FIELDS if k in ev},
            from_event_time={k: str(v) for k, v in ev.get("from_event_time", {}).items()},
        )
    nested = None
    if "nested" in raw:
        ne = raw["nested"]
        sup, res, steps = ne.get("supplements", {}), ne.get("results", {}), ne.get("steps", {})
        nested = Nested(
            supplements=str(sup.get("list", "")),
            supplement_start=str(sup.get("start", "")),
            supplement_end=str(sup.get("end", "")),
            results=str(res.get("list", "")),
            result_links=_names(res.get("link", []), "nested.results.link"),
            steps=str(steps.get("list", "")),
            step_fields={
                k: _names(v, f"nested.steps.{k}") for k, v in steps.items() if k != "list"
            },
        )
    return Mapping(
        name=str(meta.get("name", name)),
        description=str(meta.get("description", "")),
        columns=columns,
        constants=constants,
        values=values,
        create_units=bool(meta.get("create_unknown_units", False)),
        create_procedures=bool(meta.get("create_unknown_procedures", False)),
        events=events,
        nested=nested,
    )


def builtin_mappings() -> list[str]:
    return sorted(p.stem for p in MAPPINGS_DIR.glob("*.toml"))


def load_mapping(name_or_path: str) -> Mapping:
    """A built-in mapping by name (`canonical`, `dvcqg`, …) or a TOML file by path."""
    path = MAPPINGS_DIR / f"{name_or_path}.toml"
    if not path.is_file():
        path = Path(name_or_path)
    if not path.is_file():
        raise MappingError(
            f"Không tìm thấy ánh xạ {name_or_path!r} (mapping not found); có sẵn (built-in): "
            + ", ".join(builtin_mappings())
        )
    raw = read_toml(path, MappingError)
    try:
        return parse_mapping(raw, path.stem)
    except KeyError as exc:
        raise MappingError(f"{path.name}: thiếu khóa (missing key) {exc}") from exc
