"""Sources of indicators other than dossiers: citizens' survey answers and feedback items, as the
analytics store holds them (analytics/store_extra.py). Pure.

A source names its store table, its fields (what a catalogue condition may test), its period
rules (SQL over the item `d` and the period `p`: p_start, p_end, p_ref = min(period end, today))
and the relation `d` reads: the table's columns plus fields derived from them, so that a
catalogue condition compares a field with a literal, never two fields.
"""

from __future__ import annotations

from dataclasses import dataclass

DOSSIERS = "dossiers"


@dataclass(frozen=True)
class Source:
    name: str
    table: str  # in the analytics store
    key: str  # the item's own id
    fields: dict[str, str]  # field → kind (text, date, int, bool)
    period_rules: dict[str, str]
    columns: str  # the relation's SELECT list over the table `x`
    explain: str  # the drill-down's columns (sql_sources.EXPLAIN_FIELDS) over `d`


def _between(column: str, end: str = "p.p_end") -> str:
    return f"(d.{column} >= p.p_start AND d.{column} <= {end})"


SURVEYS = Source(
    name="surveys",
    table="survey_answers",
    key="response_id",
    fields={
        "response_id": "text",
        "unit_code": "text",
        "answered_on": "date",
        "procedure_code": "text",
        "element": "text",
        "score": "int",
    },
    # A response counts in the period of its answered_on (docs/citizens.md, issue #13).
    period_rules={"answered": _between("answered_on")},
    columns="x.response_id, x.unit_code, x.answered_on, x.procedure_code, x.element, x.score",
    explain=(
        "d.response_id, d.unit_code, CAST(NULL AS DATE), CAST(NULL AS DATE), d.answered_on, "
        "CAST(NULL AS DATE), CAST(NULL AS STRING), d.element, d.score"
    ),
)
FEEDBACK = Source(
    name="feedback",
    table="feedback",
    key="item_id",
    fields={
        "item_id": "text",
        "unit_code": "text",
        "received_on": "date",
        "due_on": "date",
        "answered_on": "date",
        "closed_on": "date",
        "state": "text",
        "rating": "text",
        "category": "text",
        "recomplained": "bool",  # unknown reads as false
        "answered_on_time": "bool",  # answered, on or before the due day
        "rated_not_satisfied": "bool",  # the citizen rated the answer "not satisfied"
    },
    period_rules={
        # Due in the period: judged once its deadline has passed, so each item counts once, in
        # the period its deadline falls in (as a dossier is judged on its deadline); in a running
        # period only the items due by today (p_ref). UNCONFIRMED reading of QĐ 766, nhóm 5.
        "due": _between("due_on", "p.p_ref"),
        "closed": _between("closed_on"),
        "received": _between("received_on"),
    },
    columns=(
        "x.item_id, x.unit_code, x.received_on, x.due_on, x.answered_on, x.closed_on, x.state, "
        "x.rating, x.category, COALESCE(x.recomplained, FALSE) AS recomplained, "
        "COALESCE(x.answered_on <= x.due_on, FALSE) AS answered_on_time, "
        "COALESCE(x.rating = 'not_satisfied', FALSE) AS rated_not_satisfied"
    ),
    explain=(
        "d.item_id, d.unit_code, d.received_on, d.due_on, d.answered_on, d.closed_on, d.state, "
        "CAST(NULL AS STRING), CAST(NULL AS INT)"
    ),
)
SOURCES: dict[str, Source] = {s.name: s for s in (SURVEYS, FEEDBACK)}
SOURCE_NAMES = (DOSSIERS, *SOURCES)


def source_of(name: str) -> Source:
    if name not in SOURCES:
        raise ValueError(
            f"Nguồn không hợp lệ (unknown source) {name!r}; dùng {', '.join(SOURCE_NAMES)}"
        )
    return SOURCES[name]
