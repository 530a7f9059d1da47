"""Where an aggregate runs: the analytics store (DuckDB over Parquet) or the system database
(SQLite, PostgreSQL through Django's connection). Both take the same SQL: a query is written
once as a function of a `Query`, which prints the dossier relation, each value as a named
placeholder of the back end's style, and the rulebook's rules with their parameters bound."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any, Literal

from cchc.analytics.duck import duckdb_cursor
from cchc.dossiers.rulebook.expr import Pred, Value, to_sql

Kind = Literal["store", "database"]


@dataclass
class Query:
    """One query's text helpers; the values it binds, in order."""

    backend: Backend
    params: Mapping[str, Value] = field(default_factory=dict)
    values: dict[str, Any] = field(default_factory=dict)

    @property
    def dossiers(self) -> str:
        return self.backend.relation

    def value(self, value: Any) -> str:
        name = f"v{len(self.values)}"
        self.values[name] = value
        return self.backend.placeholder.format(name)

    def param(self, name: str) -> str:
        """The placeholder of the rule parameter `name` (bound once however often it is used)."""
        key = f"p_{name}"
        if key not in self.values:
            self.values[key] = self.params[name]
        return self.backend.placeholder.format(key)

    def rule(self, pred: Pred) -> str:
        """The rule as this back end's SQL, its parameters bound from `params`."""
        return to_sql(pred, param=self.param)

    def among(self, column: str, values: Sequence[Any]) -> str:
        """`column IN (…)`; FALSE for an empty list."""
        if not values:
            return "FALSE"
        return f"{column} IN ({', '.join(self.value(v) for v in values)})"


@dataclass(frozen=True)
class Backend:
    kind: Kind
    relation: str  # the dossier relation's SQL
    placeholder: str  # "${}" (DuckDB) or "%({})s" (Django's cursor, every database)
    grouping_sets: bool  # one scan for several groupings (DuckDB; SQLite has no GROUPING SETS)
    # SQL of a date expression's month as text 'YYYY-MM' ({} is the expression)
    month_text: str = "strftime({}, '%Y-%m')"

    def run(
        self, build: Callable[[Query], str], params: Mapping[str, Value] | None = None
    ) -> list[tuple[Any, ...]]:
        query = Query(self, params or {})
        sql = build(query)
        if self.kind == "store":
            cur = duckdb_cursor()
            try:
                return [tuple(r) for r in cur.execute(sql, query.values).fetchall()]
            finally:
                cur.close()
        from django.db import connection

        with connection.cursor() as cursor:
            cursor.execute(sql, query.values)
            return [tuple(r) for r in cursor.fetchall()]


def store_backend(glob: str) -> Backend:
    quoted = glob.replace("'", "''")
    relation = f"read_parquet('{quoted}', hive_partitioning = false)"
    return Backend("store", relation, "${}", grouping_sets=True)


def database_backend() -> Backend:
    from django.db import connection

    from cchc.dossiers.models import Dossier

    # SQLite keeps dates as ISO text; PostgreSQL formats them
    month = "to_char({}, 'YYYY-MM')" if connection.vendor == "postgresql" else "substr({}, 1, 7)"
    return Backend("database", Dossier._meta.db_table, "%({})s", False, month)


def as_date(value: Any) -> dt.date:
    """A date as a back end returns it (SQLite returns text)."""
    return value if isinstance(value, dt.date) else dt.date.fromisoformat(str(value)[:10])
