"""The expression layer: each rule prints to SQL and to Django Q with the same two-valued meaning,
and the index-friendly arrangements equal the plain rules, on every combination of missing and
present dates, outcomes and statuses."""

from __future__ import annotations

import datetime as dt
import itertools

import duckdb
import pytest

from cchc.dossiers.models import Dossier
from cchc.dossiers.rulebook import rules
from cchc.dossiers.rulebook.expr import Pred, sql_literal, to_sql
from cchc.dossiers.selection import condition

D = dt.date.fromisoformat
DAYS = [None, D("2024-01-10"), D("2024-03-31"), D("2024-04-10")]
PARAMS = {"start": D("2024-01-10"), "end": D("2024-03-31"), "ref": D("2024-03-31")}
PARAMS["soon"] = D("2024-04-01")
COMBOS = list(
    itertools.product(
        [d for d in DAYS if d is not None],
        DAYS,
        DAYS,
        [None, 1, 2, 3],
        [None, 2, 7],
        [None, True, False],
    )
)


def duck_rows(pred: Pred) -> set[int]:
    con = duckdb.connect()
    con.execute(
        "CREATE TABLE d (i INT, received_on DATE, finished_on DATE, deadline_on DATE, "
        "finish_outcome INT, status INT, flag_beyond_statutory BOOL, channel TEXT)"
    )
    con.executemany(
        "INSERT INTO d VALUES (?, ?, ?, ?, ?, ?, ?, 'online')",
        [(i, *combo) for i, combo in enumerate(COMBOS)],
    )
    sql = f"SELECT i FROM d WHERE {to_sql(pred, param=lambda name: sql_literal(PARAMS[name]))}"
    return {i for (i,) in con.execute(sql).fetchall()}


@pytest.mark.parametrize(
    ("arranged", "plain"),
    [
        (rules.IN_PERIOD, rules.ENDED | rules.OPEN_AT_END),
        (rules.LATE_LIST, rules.COUNTED & rules.LATE_AT_REF),
    ],
    ids=["in_period", "late_list"],
)
def test_the_arranged_rules_equal_the_plain_ones(arranged: Pred, plain: Pred) -> None:
    assert duck_rows(arranged) == duck_rows(plain)


def test_not_is_two_valued() -> None:
    """NOT of a comparison with a missing value holds (the rule says "not overdue")."""
    not_overdue = duck_rows(rules.OPEN_AT_END & ~(rules.deadline_on < rules.REF))
    missing = {i for i, c in enumerate(COMBOS) if c[2] is None}
    open_ = duck_rows(rules.OPEN_AT_END)
    assert missing & open_ and missing & open_ <= not_overdue


@pytest.mark.django_db
@pytest.mark.parametrize(
    "name",
    ["COUNTED", "IN_PERIOD", "ENDED_EARLY", "OPEN_OVERDUE", "OPEN_DUE_SOON", "LATE_LIST"],
)
def test_q_and_sql_select_the_same_rows(name: str) -> None:
    Dossier.objects.bulk_create(
        Dossier(
            code=str(i),
            procedure_code="P",
            unit_code="U",
            channel="online",
            received_at=dt.datetime.combine(r, dt.time(9), dt.UTC),
            received_on=r,
            finished_on=f,
            deadline_on=dl,
            finish_outcome=o,
            status=s,
            flag_beyond_statutory=bool(flag),
            row_hash=str(i),
        )
        for i, (r, f, dl, o, s, flag) in enumerate(COMBOS)
    )
    pred = getattr(rules, name)
    codes = Dossier.objects.filter(condition(pred, PARAMS)).values_list("code", flat=True)
    assert {int(c) for c in codes} == duck_rows(pred)
