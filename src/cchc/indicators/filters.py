"""Filters over dossier fields, and their translation into portable SQL. Pure.

A filter is a period rule (which dossiers a period covers) plus conditions such as
`channel = 'online'`, `online_level in ('full', 'partial')`, `e_result = true`,
`digitised is not null`. Field names are checked against FIELDS; values are rendered as SQL
literals, so a catalogue file cannot inject SQL. The SQL runs unchanged on DuckDB and Spark.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field

from cchc.dossiers.rulebook import rules
from cchc.dossiers.rulebook.expr import Pred, to_sql
from cchc.indicators.sources import DOSSIERS, source_of

# Fields of the analytics relation `d` (dossier joined with its procedure) and their kind.
FIELDS: dict[str, str] = {
    "code": "text",
    "unit_code": "text",
    "procedure_code": "text",
    "sector": "text",
    "channel": "text",
    "received_on": "date",
    "finished_on": "date",
    "deadline_on": "date",
    "statutory_due_on": "date",
    "finish_outcome": "int",
    "supplement_requests": "int",
    "paused_days": "int",
    "working_days_to_finish": "int",
    "apology_issued": "bool",
    "paid_online": "bool",
    "digitised": "bool",
    "e_result": "bool",
    "flag_beyond_statutory": "bool",
    "flag_late_no_apology": "bool",
    "flag_repeated_supplements": "bool",
    "online_level": "text",
    "has_fee": "bool",
    "late_at_end": "bool",  # per period: ended late in it, or open and overdue at its end
}
# Fields of the dossier's procedure (the `procedures` table), not of the dossier itself.
PROCEDURE_FIELDS = frozenset({"online_level", "has_fee"})

# The rulebook's period rules printed for the engine's relations: `d` the dossier, `p` the period
# (p_start, p_end, and p_ref = min(period end, today), the day open dossiers are judged on).
# Non-counted dossiers (status classes) never reach `d`: sql.base_relation leaves them out.
_P = {"start": "p.p_start", "end": "p.p_end", "ref": "p.p_ref"}


def rule_sql(pred: Pred) -> str:
    """A rule as SQL over `d` and `p` (NULL where a value is missing: as false in a WHERE)."""
    return f"({to_sql(pred, lambda n: f'd.{n}', _P.__getitem__)})"


def rule_value(pred: Pred) -> str:
    """A rule as a true/false value (`late_at_end = false` holds where the rule is false)."""
    return f"COALESCE({rule_sql(pred)}, FALSE)"


ENDED = rule_sql(rules.ENDED)
OPEN_AT_END = rule_sql(rules.OPEN_AT_END)
PERIOD_RULES: dict[str, str] = {
    "in_period": rule_sql(rules.IN_PERIOD),
    "ended": ENDED,
    "open_at_end": OPEN_AT_END,
    "received": rule_sql(rules.RECEIVED),
}
# Late at the period's end: ended late in it, or still open then and past the deadline.
LATE_AT_END = rule_value(rules.LATE_AT_REF)

_COND = re.compile(
    r"^\s*(?P<field>[a-z_]+)\s*(?P<op>is\s+not\s+null|is\s+null|not\s+in|in|<=|>=|!=|=|<|>)"
    r"\s*(?P<value>.*?)\s*$",
    re.IGNORECASE,
)
_STRING = re.compile(r"^'((?:[^']|'')*)'$")
_NUMBER = re.compile(r"^-?\d+(\.\d+)?$")


class FilterError(ValueError):
    pass


def _literal(raw: str, kind: str, text: str) -> str:
    raw = raw.strip()
    low = raw.lower()
    if kind == "bool":
        if low not in ("true", "false"):
            raise FilterError(f"Cần true/false (expected true or false): {text!r}")
        return low.upper()
    if kind == "int":
        if not _NUMBER.match(raw):
            raise FilterError(f"Cần một số (expected a number): {text!r}")
        return raw
    if kind == "date":
        m = _STRING.match(raw)
        if not m or not re.match(r"^\d{4}-\d{2}-\d{2}$", m.group(1)):
            raise FilterError(f"Cần ngày 'YYYY-MM-DD' (expected a date): {text!r}")
        return f"DATE '{m.group(1)}'"
    m = _STRING.match(raw)
    if not m:
        raise FilterError(f"Cần chuỗi trong dấu nháy đơn (expected a 'quoted' string): {text!r}")
    return "'" + m.group(1) + "'"


# late_at_end where the period branch is known: an ended dossier is late if it ended late, an
# open one if it is past its deadline on the reference day (the two branches of LATE_AT_END).
LATE_IF_ENDED = rule_value(rules.LATE_IF_ENDED)
LATE_IF_OPEN = rule_value(rules.LATE_IF_OPEN)


def _column(name: str, late: str) -> str:
    return late if name == "late_at_end" else f"d.{name}"


def condition_field(text: str) -> str:
    """The field a condition tests: `channel = 'online'` → `channel`."""
    m = _COND.match(text)
    if not m:
        raise FilterError(f"Điều kiện không hợp lệ (invalid condition): {text!r}")
    return m.group("field")


def condition_sql(
    text: str,
    late: str = LATE_AT_END,
    *,
    bare_bools: bool = False,
    fields: Mapping[str, str] = FIELDS,
) -> str:
    """`channel = 'online'` → `d.channel = 'online'`; raises FilterError on anything else.

    `late` is the SQL for late_at_end: the general rule, or one of its branches where the
    caller already knows whether the dossier ended in the period or is open at its end.
    `bare_bools`: `e_result = true` → `d.e_result`, `= false` → `NOT d.e_result` (the same
    three-valued logic, one comparison less per row; the fast plan's per-dossier sums).
    `fields`: another source's fields (sources.py) instead of the dossiers'."""
    m = _COND.match(text)
    if not m:
        raise FilterError(f"Điều kiện không hợp lệ (invalid condition): {text!r}")
    name, op, value = m.group("field"), " ".join(m.group("op").lower().split()), m.group("value")
    if name not in fields:
        raise FilterError(f"Trường không tồn tại (unknown field) {name!r} trong {text!r}")
    kind = fields[name]
    column = _column(name, late) if fields is FIELDS else f"d.{name}"
    if op in ("is null", "is not null"):
        if value:
            raise FilterError(f"Thừa giá trị sau {op} (unexpected value): {text!r}")
        return f"{column} {op.upper()}"
    if op in ("in", "not in"):
        if not (value.startswith("(") and value.endswith(")")):
            raise FilterError(f"Cần danh sách trong ngoặc (expected a (list)): {text!r}")
        items = [_literal(v, kind, text) for v in value[1:-1].split(",") if v.strip()]
        if not items:
            raise FilterError(f"Danh sách rỗng (empty list): {text!r}")
        return f"{column} {op.upper()} ({', '.join(items)})"
    if kind == "bool" and op not in ("=", "!="):
        raise FilterError(f"Trường đúng/sai chỉ dùng = hoặc != (booleans take = or !=): {text!r}")
    sql_op = "<>" if op == "!=" else op
    literal = _literal(value, kind, text)
    if kind == "bool" and bare_bools:  # x = TRUE ≡ x, x = FALSE ≡ NOT x, also for NULL
        return column if (literal == "TRUE") == (op == "=") else f"NOT {column}"
    return f"{column} {sql_op} {literal}"


@dataclass(frozen=True)
class Filter:
    """Which dossiers (or items of another source) count: a period rule and zero or more
    conditions, all of which must hold."""

    period: str  # a key of PERIOD_RULES (of the source's period rules)
    where: tuple[str, ...] = field(default_factory=tuple)
    source: str = DOSSIERS  # or a citizens' source (sources.py)

    def rules(self) -> Mapping[str, str]:
        return PERIOD_RULES if self.source == DOSSIERS else source_of(self.source).period_rules

    def fields(self) -> Mapping[str, str]:
        return FIELDS if self.source == DOSSIERS else source_of(self.source).fields

    def __post_init__(self) -> None:
        try:
            rules = self.rules()
        except ValueError as exc:
            raise FilterError(str(exc)) from exc
        if self.period not in rules:
            raise FilterError(
                f"Quy tắc kỳ không hợp lệ (unknown period rule) {self.period!r}; "
                f"dùng {', '.join(rules)}"
            )
        for cond in self.where:
            condition_sql(cond, fields=self.fields())

    def sql(self) -> str:
        fields = self.fields()
        conditions = (f"({condition_sql(c, fields=fields)})" for c in self.where)
        return " AND ".join([self.rules()[self.period], *conditions])
