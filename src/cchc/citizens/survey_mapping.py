"""Survey column mappings: how a form tool's export (KoboToolbox, ODK) names the canonical survey
columns (TOML files in survey_mappings/, or a user's file passed with `--mapping PATH`).

Only the mapped columns are read: any other column of the source file (a respondent's name or
phone number) is never stored, nor copied to the rejected-rows file.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from cchc.citizens.survey_questionnaire import ELEMENTS
from cchc.core.toml_file import read_toml

MAPPINGS_DIR = Path(__file__).parent / "survey_mappings"
ID_FIELDS = ("response_id", "unit_code", "answered_on", "procedure_code", "dossier_code")
SURVEY_FIELDS = (*ID_FIELDS, *ELEMENTS)
REQUIRED_FIELDS = ("response_id", "unit_code", "answered_on")


class SurveyMappingError(ValueError):
    """A mapping that cannot be used."""


@dataclass(frozen=True)
class SurveyMapping:
    name: str
    description: str
    columns: dict[str, tuple[str, ...]]  # canonical field -> accepted source column names
    observations: dict[str, tuple[str, ...]] = field(default_factory=dict)  # item -> columns
    ratings: dict[str, str] = field(default_factory=dict)  # lower-case source value -> "1".."5"
    yes_no: dict[str, str] = field(default_factory=dict)  # lower-case source value -> yes | no
    # The time zone of a date-time without an offset (KoboToolbox's _submission_time is UTC);
    # empty: such a value is already local time.
    naive_timezone: str = ""
    strip_prefix: str = ""  # removed from a response id (ODK's "uuid:")

    def source_for(self, names: tuple[str, ...], header: list[str]) -> str | None:
        """The first accepted source column present in the header (case-insensitive)."""
        lowered = {h.strip().lower(): h for h in header}
        for name in names:
            found = lowered.get(name.strip().lower())
            if found is not None:
                return found
        return None

    def column_for(self, canonical: str, header: list[str]) -> str | None:
        return self.source_for(self.columns.get(canonical, (canonical,)), header)

    def observation_column(self, item: str, header: list[str]) -> str | None:
        return self.source_for(self.observations.get(item, (item,)), header)


def _names(value: Any, where: str) -> tuple[str, ...]:
    if isinstance(value, str):
        return (value,)
    if isinstance(value, list) and all(isinstance(v, str) for v in value):
        return tuple(value)
    raise SurveyMappingError(f"{where}: cần tên cột hoặc danh sách tên (expected a name or a list)")


def _table(raw: Any) -> dict[str, str]:
    return {str(k).strip().lower(): str(v) for k, v in (raw or {}).items()}


def parse_survey_mapping(raw: dict[str, Any], name: str) -> SurveyMapping:
    meta = raw.get("mapping", {})
    columns = {k: _names(v, f"{name}: columns.{k}") for k, v in raw.get("columns", {}).items()}
    unknown = set(columns) - set(SURVEY_FIELDS)
    if unknown:
        raise SurveyMappingError(
            f"{name}: trường không có trong danh sách chuẩn (unknown canonical fields): "
            + ", ".join(sorted(unknown))
        )
    values = raw.get("values", {})
    ratings = _table(values.get("ratings"))
    bad = {k: v for k, v in ratings.items() if v not in {"1", "2", "3", "4", "5"}}
    if bad:
        raise SurveyMappingError(
            f"{name}: values.ratings phải cho số 1–5 (ratings must map to 1–5): {bad}"
        )
    yes_no = _table(values.get("yes_no"))
    if set(yes_no.values()) - {"yes", "no"}:
        raise SurveyMappingError(f"{name}: values.yes_no phải cho yes/no (must map to yes or no)")
    return SurveyMapping(
        name=str(meta.get("name", name)),
        description=str(meta.get("description", "")),
        columns=columns,
        observations={
            k: _names(v, f"{name}: observations.{k}")
            for k, v in raw.get("observations", {}).items()
        },
        ratings=ratings,
        yes_no=yes_no,
        naive_timezone=str(meta.get("naive_timezone", "")),
        strip_prefix=str(meta.get("strip_prefix", "")),
    )


def available_mappings() -> list[str]:
    return sorted(p.stem for p in MAPPINGS_DIR.glob("*.toml"))


def load_survey_mapping(name_or_path: str) -> SurveyMapping:
    """A shipped mapping by name (`canonical`, `kobo`, `odk`) or a TOML file by path."""
    path = Path(name_or_path)
    if not path.is_file():
        path = MAPPINGS_DIR / f"{name_or_path}.toml"
    if not path.is_file():
        raise SurveyMappingError(
            f"Không có ánh xạ {name_or_path!r}; có sẵn: {', '.join(available_mappings())}"
            f" hoặc đường dẫn tệp TOML (no such mapping; give one of these or a TOML file)"
        )
    raw = read_toml(path, SurveyMappingError)
    return parse_survey_mapping(raw, path.stem)
