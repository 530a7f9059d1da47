"""A small expression language for dossier rules, so each rule is written once and printed for
every back end: SQL (SQLite, PostgreSQL, DuckDB, Spark, which share this plain subset) and Django
`Q` conditions. Pure.

Chosen over sqlglot and Ibis (docs/timing.md, "How the rules are compiled"): the rules need only
comparisons, IS NULL, IN, AND/OR/NOT over one table's columns and a few named parameters;
printing them is a few lines per back end, costs microseconds, and keeps the ORM form a real `Q`
(indexes, permissions and pagination stay in the ORM).

Logic is two-valued: a comparison with a missing value is false, and NOT of it is true, on every
back end (SQL prints NOT as `NOT COALESCE(p, FALSE)`; Django's `~Q` already does this).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from functools import reduce
from typing import TYPE_CHECKING, Literal

if TYPE_CHECKING:
    from django.db.models import Q

Op = Literal["<", "<=", ">", ">=", "=", "<>"]
Value = int | str | bool | dt.date
_FLIP: dict[str, Op] = {"<": ">", "<=": ">=", ">": "<", ">=": "<=", "=": "=", "<>": "<>"}
_LOOKUP = {"<": "lt", "<=": "lte", ">": "gt", ">=": "gte", "=": "exact"}


class Operand:
    """A column or a parameter; comparing two operands makes a predicate."""

    def _cmp(self, op: Op, other: Operand | Value) -> Cmp:
        return Cmp(op, self, other if isinstance(other, Operand) else Const(other))

    def __lt__(self, other: Operand | Value) -> Cmp:
        return self._cmp("<", other)

    def __le__(self, other: Operand | Value) -> Cmp:
        return self._cmp("<=", other)

    def __gt__(self, other: Operand | Value) -> Cmp:
        return self._cmp(">", other)

    def __ge__(self, other: Operand | Value) -> Cmp:
        return self._cmp(">=", other)

    def eq(self, other: Operand | Value) -> Cmp:
        return self._cmp("=", other)


@dataclass(frozen=True, eq=False)
class Col(Operand):
    """A column of the dossier table (the same name in the database and in the store)."""

    name: str

    def is_null(self) -> IsNull:
        return IsNull(self)

    def isin(self, values: tuple[Value, ...]) -> In:
        return In(self, values)


@dataclass(frozen=True, eq=False)
class Param(Operand):
    """A value given per query: a period's start and end, the reference day, a cut-off."""

    name: str


@dataclass(frozen=True, eq=False)
class Const(Operand):
    value: Value


class Pred:
    def __and__(self, other: Pred) -> Pred:
        return And((self, other))

    def __or__(self, other: Pred) -> Pred:
        return Or((self, other))

    def __invert__(self) -> Pred:
        return Not(self)


@dataclass(frozen=True, eq=False)
class Cmp(Pred):
    op: Op
    left: Operand
    right: Operand


@dataclass(frozen=True, eq=False)
class IsNull(Pred):
    col: Col


@dataclass(frozen=True, eq=False)
class In(Pred):
    col: Col
    values: tuple[Value, ...]


@dataclass(frozen=True, eq=False)
class And(Pred):
    parts: tuple[Pred, ...]


@dataclass(frozen=True, eq=False)
class Or(Pred):
    parts: tuple[Pred, ...]


@dataclass(frozen=True, eq=False)
class Not(Pred):
    part: Pred


@dataclass(frozen=True, eq=False)
class Always(Pred):
    value: bool


# --- SQL ----------------------------------------------------------------------------------------
def sql_literal(value: Value) -> str:
    """A constant as SQL text, the same on SQLite, PostgreSQL, DuckDB and Spark."""
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, dt.date):
        return f"DATE '{value.isoformat()}'"
    return "'" + value.replace("'", "''") + "'"


def to_sql(
    pred: Pred,
    column: Callable[[str], str] = lambda name: name,
    param: Callable[[str], str] = lambda name: f"${name}",
) -> str:
    """SQL text of `pred`; `column` and `param` print a column and a parameter for the query at
    hand (`d.finished_on`, `$end`, `p.p_end`, `%(end)s`, or a literal)."""

    def operand(o: Operand) -> str:
        if isinstance(o, Col):
            return column(o.name)
        if isinstance(o, Param):
            return param(o.name)
        assert isinstance(o, Const)
        return sql_literal(o.value)

    def walk(p: Pred) -> str:
        if isinstance(p, Cmp):
            return f"{operand(p.left)} {p.op} {operand(p.right)}"
        if isinstance(p, IsNull):
            return f"{column(p.col.name)} IS NULL"
        if isinstance(p, In):
            return f"{column(p.col.name)} IN ({', '.join(sql_literal(v) for v in p.values)})"
        if isinstance(p, And | Or):
            joiner = " AND " if isinstance(p, And) else " OR "
            return "(" + joiner.join(walk(q) for q in p.parts) + ")"
        if isinstance(p, Not):
            return f"NOT COALESCE({walk(p.part)}, FALSE)"
        assert isinstance(p, Always)
        return "TRUE" if p.value else "FALSE"

    return walk(pred)


# --- Django -------------------------------------------------------------------------------------
def to_q(pred: Pred, params: Mapping[str, Value], prefix: str = "") -> Q:
    """`pred` as a Django `Q` with `params` bound, for `filter()`, `Count(filter=…)` and
    `When()`; `prefix` reaches the dossier through a relation (`"dossier__"`). Django is
    imported here only, so the rest of the rulebook stays framework-free."""
    from django.db.models import F, Q

    def value(o: Operand) -> object:
        if isinstance(o, Col):
            return F(prefix + o.name)
        if isinstance(o, Param):
            return params[o.name]
        assert isinstance(o, Const)
        return o.value

    def walk(p: Pred) -> Q:
        if isinstance(p, Cmp):
            left, op, right = p.left, p.op, p.right
            if not isinstance(left, Col):
                left, op, right = right, _FLIP[op], left
            if not isinstance(left, Col):
                raise ValueError(f"a comparison needs a column: {p}")
            if op == "<>":
                return ~Q(**{prefix + left.name: value(right)}) & Q(
                    **{f"{prefix}{left.name}__isnull": False}
                )
            return Q(**{f"{prefix}{left.name}__{_LOOKUP[op]}": value(right)})
        if isinstance(p, IsNull):
            return Q(**{f"{prefix}{p.col.name}__isnull": True})
        if isinstance(p, In):
            return Q(**{f"{prefix}{p.col.name}__in": list(p.values)})
        if isinstance(p, And):
            return reduce(lambda a, b: a & b, (walk(q) for q in p.parts))
        if isinstance(p, Or):
            return reduce(lambda a, b: a | b, (walk(q) for q in p.parts))
        if isinstance(p, Not):
            return ~walk(p.part)
        assert isinstance(p, Always)
        return Q() if p.value else Q(pk__in=[])

    return walk(pred)
