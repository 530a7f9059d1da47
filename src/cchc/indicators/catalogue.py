"""The indicator catalogue as data (data/catalogue_766.toml) and its weight versions. Pure.

A catalogue holds the definitions; a WeightVersion (shipped or entered by an administrator)
holds max points and thresholds in force from a date. A score always names the version it used.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from cchc.core.toml_file import read_toml
from cchc.indicators.filters import FIELDS, Filter, FilterError
from cchc.indicators.sources import DOSSIERS, SOURCE_NAMES

CATALOGUE_FILE = Path(__file__).resolve().parent / "data" / "catalogue_766.toml"
AGGREGATIONS = ("ratio", "count", "average")


@dataclass(frozen=True)
class Group:
    number: int
    portal_code: str
    name_vi: str
    name_en: str
    max_points: float


@dataclass(frozen=True)
class Indicator:
    code: str
    group: int  # 1–5; 0 = operational, not scored
    name_vi: str
    name_en: str
    aggregation: str  # ratio | count | average
    legal_source: str
    confirmed: bool
    numerator: Filter | None = None
    denominator: Filter | None = None
    factor: float = 1.0
    complement: bool = False
    distinct: str | None = None
    value: str | None = None
    requires: tuple[str, ...] = ()
    has_data: bool = True
    max_points: float = 0.0
    threshold: float = 1.0
    valid_from: dt.date | None = None
    valid_to: dt.date | None = None
    source: str = DOSSIERS  # dossiers, or a citizens' source: surveys | feedback (sources.py)

    def valid_in(self, start: dt.date, end: dt.date) -> bool:
        return (self.valid_from is None or self.valid_from <= end) and (
            self.valid_to is None or start <= self.valid_to
        )


@dataclass(frozen=True)
class Weight:
    max_points: float
    threshold: float


@dataclass(frozen=True)
class WeightVersion:
    """Max points and thresholds in force from `effective_from`; codes left out keep the base's."""

    version: str
    effective_from: dt.date
    weights: Mapping[str, Weight] = field(default_factory=dict)
    note: str = ""


@dataclass(frozen=True)
class Catalogue:
    id: str
    version: str  # the shipped weights' version label
    effective_from: dt.date
    groups: tuple[Group, ...]
    indicators: tuple[Indicator, ...]

    def indicator(self, code: str) -> Indicator:
        for ind in self.indicators:
            if ind.code == code:
                return ind
        raise KeyError(f"Không có chỉ số (unknown indicator) {code!r}")

    def group(self, number: int) -> Group:
        return next(g for g in self.groups if g.number == number)

    def for_period(self, start: dt.date, end: dt.date) -> tuple[Indicator, ...]:
        return tuple(i for i in self.indicators if i.valid_in(start, end))

    def with_weights(self, version: WeightVersion) -> Catalogue:
        """The catalogue with a weight version applied (unknown codes are an error)."""
        known = {i.code for i in self.indicators}
        unknown = sorted(set(version.weights) - known)
        if unknown:
            raise ValueError(f"Mã chỉ số không có (unknown indicator codes): {', '.join(unknown)}")
        indicators = tuple(
            replace(i, max_points=w.max_points, threshold=w.threshold)
            if (w := version.weights.get(i.code))
            else i
            for i in self.indicators
        )
        return replace(self, version=version.version, indicators=indicators)


def name_in(item: Indicator | Group, language: str | None) -> str:
    """The catalogue's name in the page's language: English for "en…", Vietnamese otherwise."""
    return item.name_en if (language or "").startswith("en") and item.name_en else item.name_vi


def choose_version(versions: Iterable[WeightVersion], period_end: dt.date) -> WeightVersion | None:
    """The latest version in force on the period's last day (2023 is judged by 2023's weights)."""
    candidates = [v for v in versions if v.effective_from <= period_end]
    return max(candidates, key=lambda v: (v.effective_from, v.version), default=None)


def _date(raw: Any, where: str) -> dt.date | None:
    if raw is None:
        return None
    if isinstance(raw, dt.date):
        return raw
    raise ValueError(f"{where}: cần ngày YYYY-MM-DD (expected a date), có {raw!r}")


# A user's own catalogue may still use the old names: the field `scope` for `period`, the
# value `in_scope` for `in_period`. Read them as the new ones.
OLD_PERIOD_FIELD = "scope"
OLD_PERIOD_RULES = {"in_scope": "in_period"}


def _period_rule(raw: Mapping[str, Any]) -> str:
    """The filter's period rule, under its name `period` or its old name."""
    if "period" in raw and OLD_PERIOD_FIELD in raw:
        raise FilterError(
            f"Chỉ dùng period, không dùng kèm {OLD_PERIOD_FIELD} "
            f"(give `period` only, not also its old name `{OLD_PERIOD_FIELD}`)"
        )
    if "period" not in raw and OLD_PERIOD_FIELD not in raw:
        raise FilterError("thiếu trường (missing field) period")
    rule = str(raw["period"] if "period" in raw else raw[OLD_PERIOD_FIELD])
    return OLD_PERIOD_RULES.get(rule, rule)


def _filter(raw: Any, where: str, source: str = DOSSIERS) -> Filter | None:
    if raw is None:
        return None
    try:
        return Filter(_period_rule(raw), tuple(str(c) for c in raw.get("where", [])), source)
    except (KeyError, TypeError, FilterError) as exc:
        raise ValueError(f"{where}: {exc}") from exc


def _indicator(raw: dict[str, Any], number: int) -> Indicator:
    code = str(raw.get("code", f"#{number}"))
    where = f"chỉ số (indicator) {code}"
    source = str(raw.get("source", DOSSIERS))
    if source not in SOURCE_NAMES:
        raise ValueError(f"{where}: source phải là {', '.join(SOURCE_NAMES)} (unknown source)")
    try:
        ind = Indicator(
            code=code,
            group=int(raw["group"]),
            name_vi=str(raw["name_vi"]),
            name_en=str(raw["name_en"]),
            aggregation=str(raw["aggregation"]),
            legal_source=str(raw["legal_source"]),
            confirmed=bool(raw.get("confirmed", False)),
            numerator=_filter(raw.get("numerator"), f"{where}, numerator", source),
            denominator=_filter(raw.get("denominator"), f"{where}, denominator", source),
            factor=float(raw.get("factor", 1.0)),
            complement=bool(raw.get("complement", False)),
            distinct=raw.get("distinct"),
            value=raw.get("value"),
            requires=tuple(raw.get("requires", ())),
            has_data=raw.get("data", "dossiers") != "none",
            max_points=float(raw.get("max_points", 0)),
            threshold=float(raw.get("threshold", 1.0)),
            valid_from=_date(raw.get("valid_from"), where),
            valid_to=_date(raw.get("valid_to"), where),
            source=source,
        )
    except KeyError as exc:
        raise ValueError(f"{where}: thiếu trường (missing field) {exc.args[0]}") from exc
    if ind.aggregation not in AGGREGATIONS:
        raise ValueError(f"{where}: aggregation phải là {', '.join(AGGREGATIONS)}")
    if source != DOSSIERS and (
        ind.aggregation == "average" or ind.distinct or ind.value or ind.requires
    ):
        raise ValueError(
            f"{where}: nguồn {source} chỉ tính ratio hoặc count, không có distinct, value, "
            "requires (a citizens' source takes ratio or count only)"
        )
    for name in (*ind.requires, ind.distinct, ind.value):
        if name is not None and name not in FIELDS:
            raise ValueError(f"{where}: trường không tồn tại (unknown field) {name!r}")
    if ind.has_data:
        if ind.numerator is None:
            raise ValueError(f"{where}: thiếu numerator (missing numerator)")
        if ind.aggregation == "ratio" and ind.denominator is None:
            raise ValueError(f"{where}: thiếu denominator (missing denominator)")
        if ind.aggregation == "average" and ind.value is None:
            raise ValueError(f"{where}: thiếu value (missing value)")
    return ind


def parse_catalogue(raw: dict[str, Any]) -> Catalogue:
    head = raw["catalogue"]
    groups = tuple(
        Group(
            int(g["number"]), g["portal_code"], g["name_vi"], g["name_en"], float(g["max_points"])
        )
        for g in raw["group"]
    )
    indicators = tuple(_indicator(r, n) for n, r in enumerate(raw["indicator"], 1))
    codes = [i.code for i in indicators]
    dupes = sorted({c for c in codes if codes.count(c) > 1})
    if dupes:
        raise ValueError(f"Mã chỉ số trùng (duplicate indicator codes): {', '.join(dupes)}")
    for g in groups:
        total = sum(i.max_points for i in indicators if i.group == g.number)
        if abs(total - g.max_points) > 1e-9:
            raise ValueError(
                f"Nhóm {g.number}: tổng điểm chỉ số {total} ≠ {g.max_points} "
                "(indicator points do not add up to the group's)"
            )
    effective = _date(head["effective_from"], "catalogue")
    assert effective is not None
    return Catalogue(str(head["id"]), str(head["version"]), effective, groups, indicators)


def load_catalogue(path: Path = CATALOGUE_FILE) -> Catalogue:
    return parse_catalogue(read_toml(path))


def parse_weight_file(raw: dict[str, Any], source: str) -> WeightVersion:
    """A weight-override file: `version`, `effective_from`, then `[weights."766.4c"]` tables."""
    try:
        version = str(raw["version"])
        effective = _date(raw["effective_from"], source)
    except KeyError as exc:
        raise ValueError(f"{source}: thiếu trường (missing field) {exc.args[0]}") from exc
    assert effective is not None
    weights: dict[str, Weight] = {}
    for code, entry in dict(raw.get("weights", {})).items():
        try:
            weights[code] = Weight(float(entry["max_points"]), float(entry["threshold"]))
        except (KeyError, TypeError, ValueError) as exc:
            raise ValueError(
                f"{source}, weights.{code}: cần max_points và threshold "
                f"(needs max_points and threshold): {exc}"
            ) from exc
    return WeightVersion(version, effective, weights, str(raw.get("note", "")))
