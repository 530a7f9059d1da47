"""Every back end's figures equal an independent restatement of the rules (the oracle below).

The oracle is plain Python written from docs/timing.md, used only here: it shares nothing with
the rulebook but the working-day calendar. The data are random (seeded) dossiers the rules were
not written against: every status, dossiers with and without deadlines and finishes, finishes
after the period, a period still running on "today". Checked, exactly, unit by unit: the period
summary (system database and analytics store), the late list with its working days late, the
flag counts, the risk model's counts (database and store) and the classes samples are drawn from.
"""

from __future__ import annotations

import datetime as dt
import random
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

from cchc.analytics.gateway import Analytics
from cchc.analytics.store import rebuild
from cchc.core.calendar import WorkingCalendar
from cchc.core.calendar_db import get_calendar
from cchc.core.models import Unit, UnitKind
from cchc.dossiers.late import late_dossiers
from cchc.dossiers.models import Dossier
from cchc.dossiers.periods import Period, parse_period
from cchc.inspections.config import load_risk_config
from cchc.inspections.risk_inputs import dossier_counts
from cchc.inspections.samples_db import draw_samples
from cchc.inspections.sampling import SampleRule

pytestmark = pytest.mark.django_db

UNITS = ("U1", "U2", "U3", "U4")
# docs/timing.md, "Trạng thái": 1 not received, 3 refused at intake, 7 withdrawn, 8 returned
# without processing are counted apart; every other code, and no code, is counted.
APART = {1: "not_received", 3: "refused_at_intake", 7: "withdrawn", 8: "returned_unprocessed"}
STATUSES = [None, 2, 4, 5, 6, 9, 10, 10, 9, 4, 1, 3, 7, 8]
CHANNELS = ("online", "in_person", "postal")
EARLY, ON_TIME, LATE = 1, 2, 3


@dataclass(frozen=True)
class Row:
    code: str
    unit: str
    channel: str
    received: dt.date
    deadline: dt.date | None
    finished: dt.date | None
    outcome: int | None
    status: int | None
    flags: tuple[bool, bool, bool]  # beyond statutory, late without apology, repeated supplements


def random_rows(seed: int, n: int) -> list[Row]:
    rng = random.Random(seed)
    first = dt.date(2023, 10, 1)
    rows = []
    for i in range(n):
        received = first + dt.timedelta(days=rng.randrange(300))
        deadline = (
            None if rng.random() < 0.1 else received + dt.timedelta(days=rng.randrange(0, 40))
        )
        finished = (
            None if rng.random() < 0.3 else received + dt.timedelta(days=rng.randrange(0, 60))
        )
        outcome = None if finished is None or rng.random() < 0.05 else rng.choice((1, 2, 3))
        rows.append(
            Row(
                code=f"R{i:04d}",
                unit=rng.choice(UNITS),
                channel=rng.choice(CHANNELS),
                received=received,
                deadline=deadline,
                finished=finished,
                outcome=outcome,
                status=rng.choice(STATUSES),
                flags=(rng.random() < 0.1, rng.random() < 0.1, rng.random() < 0.1),
            )
        )
    return rows


# --- the oracle: docs/timing.md, restated ----------------------------------------------------
def counted(r: Row) -> bool:
    return r.status not in APART


def ended(r: Row, p: Period) -> bool:
    return r.finished is not None and p.start <= r.finished <= p.end


def open_at_end(r: Row, p: Period) -> bool:
    return r.received <= p.end and (r.finished is None or r.finished > p.end)


def working_days_after(cal: WorkingCalendar, a: dt.date, b: dt.date) -> int:
    """Working days in (a, b], counted one by one."""
    n, day = 0, a
    while day < b:
        day += dt.timedelta(days=1)
        n += cal.is_working_day(day)
    return n


def open_category(r: Row, ref: dt.date, cal: WorkingCalendar) -> str:
    if r.deadline is None:
        return "open_in_time"
    if r.deadline < ref:
        return "open_overdue"
    return "open_due_soon" if working_days_after(cal, ref, r.deadline) <= 1 else "open_in_time"


def oracle_counts(
    rows: list[Row], p: Period, today: dt.date, cal: WorkingCalendar
) -> dict[str, Any]:
    ref = min(p.end, today)
    out: dict[str, dict[str, int]] = {}
    for r in rows:
        c = out.setdefault(r.unit, {})

        def add(key: str, c: dict[str, int] = c) -> None:
            c[key] = c.get(key, 0) + 1

        received_in = p.start <= r.received <= p.end
        if not counted(r):
            if received_in:
                add(APART[r.status])  # type: ignore[index]
            continue
        if not (ended(r, p) or open_at_end(r, p)):
            continue
        add("dossiers")
        if ended(r, p):
            add("ended")
            add({EARLY: "early", LATE: "late"}.get(r.outcome or 0, "on_time"))
        else:
            add(open_category(r, ref, cal))
        if received_in:
            add("received_in_period")
            add(f"received_{r.channel}")
        else:
            add("carried_over")
    return out


def oracle_late(rows: list[Row], p: Period, today: dt.date, cal: WorkingCalendar) -> dict[str, int]:
    """code → working days late of the late list."""
    ref = min(p.end, today)
    late: dict[str, int] = {}
    for r in rows:
        if not counted(r) or (r.deadline is None and not ended(r, p)):
            continue
        if ended(r, p) and r.outcome == LATE:
            assert r.finished is not None
            late[r.code] = (
                max(working_days_after(cal, r.deadline, r.finished), 0) if r.deadline else 0
            )
        elif open_at_end(r, p) and r.deadline is not None and r.deadline < ref:
            late[r.code] = working_days_after(cal, r.deadline, ref)
    return late


# --- the world -------------------------------------------------------------------------------
SEED, N = 20261205, 600
PERIODS = ["2024-Q1", "2024-H1", "2024-03", "2023"]
TODAYS = [dt.date(2024, 5, 15), dt.date(2030, 1, 1)]  # a period still running; all past


@pytest.fixture
def rows(settings: Any, tmp_path: Path) -> list[Row]:
    settings.ANALYTICS_DIR = tmp_path / "analytics"
    prov = Unit.objects.create(code="P", name="Tỉnh", kind=UnitKind.PROVINCE)
    for code in UNITS:
        Unit.objects.create(code=code, name=f"Đơn vị {code}", kind=UnitKind.AGENCY, parent=prov)
    data = random_rows(SEED, N)
    Dossier.objects.bulk_create(
        Dossier(
            code=r.code,
            procedure_code="P1",
            unit_code=r.unit,
            sector="Tư pháp",
            channel=r.channel,
            received_at=dt.datetime.combine(r.received, dt.time(9), dt.UTC),
            received_on=r.received,
            deadline_on=r.deadline,
            statutory_due_on=r.deadline,
            finished_on=r.finished,
            finish_outcome=r.outcome,
            status=r.status,
            flag_beyond_statutory=r.flags[0],
            flag_late_no_apology=r.flags[1],
            flag_repeated_supplements=r.flags[2],
            applicant_pseudonym="",
            row_hash=r.code,
        )
        for r in data
    )
    rebuild()
    return data


def both() -> tuple[Analytics, Analytics]:
    """The gateway on the system database and on the analytics store."""
    return Analytics.current("database"), Analytics.current("store")


ROW_KEYS = [
    "dossiers",
    "ended",
    "early",
    "on_time",
    "late",
    "open_in_time",
    "open_due_soon",
    "open_overdue",
    "received_in_period",
    "received_online",
    "received_in_person",
    "received_postal",
    "carried_over",
    "not_received",
    "refused_at_intake",
    "withdrawn",
    "returned_unprocessed",
]


@pytest.mark.parametrize("period_text", PERIODS)
@pytest.mark.parametrize("today", TODAYS)
def test_summaries_equal_the_oracle(rows: list[Row], period_text: str, today: dt.date) -> None:
    period, cal = parse_period(period_text), get_calendar()
    want = oracle_counts(rows, period, today, cal)
    expected = {u: {k: want[u].get(k, 0) for k in ROW_KEYS} for u in want}
    expected = {u: c for u, c in expected.items() if any(c.values())}
    for analytics in both():
        got = analytics.summarise(period, "unit", today=today)
        assert {r.group_code: {k: getattr(r, k) for k in ROW_KEYS} for r in got} == expected


@pytest.mark.parametrize("period_text", PERIODS)
@pytest.mark.parametrize("today", TODAYS)
def test_several_groupings_at_once_equal_one_at_a_time(
    rows: list[Row], period_text: str, today: dt.date
) -> None:
    """A dashboard's groupings asked together (one scan on the database, grouped by all of them
    and added up; GROUPING SETS on the store) give each grouping's rows alone, on both."""
    period = parse_period(period_text)
    groupings: list[str | None] = [None, "month", "unit", "sector", "channel", "procedure"]
    codes = sorted({r.unit for r in rows})
    answers = []
    for analytics in both():
        for units in (None, codes[: len(codes) // 2]):
            together = analytics.summaries(period, groupings, units, today)
            for by in groupings:
                assert together[by] == analytics.summarise(period, by, units, today), by
            answers.append(together)
    assert answers[:2] == answers[2:]  # the database's equal the store's


@pytest.mark.parametrize("period_text", PERIODS)
@pytest.mark.parametrize("today", TODAYS)
def test_late_list_equals_the_oracle(rows: list[Row], period_text: str, today: dt.date) -> None:
    period, cal = parse_period(period_text), get_calendar()
    got, total = late_dossiers(period, limit=10_000, as_of=today)
    assert {r.code: r.days_late for r in got} == oracle_late(rows, period, today, cal)
    assert total == len(got)


@pytest.mark.parametrize("period_text", PERIODS)
def test_flag_counts_equal_the_oracle(rows: list[Row], period_text: str) -> None:
    period = parse_period(period_text)
    in_period = [r for r in rows if counted(r) and (ended(r, period) or open_at_end(r, period))]
    expected = {
        name: sum(r.flags[i] for r in in_period)
        for i, name in enumerate(("beyond_statutory", "late_no_apology", "repeated_supplements"))
    }
    for analytics in both():
        assert analytics.flag_counts(period, None) == expected


@pytest.mark.parametrize("today", TODAYS)
def test_risk_counts_equal_the_oracle(rows: list[Row], today: dt.date) -> None:
    period = parse_period("2024-H1")
    ref = min(period.end, today)
    expected: dict[str, dict[str, int]] = {}
    for r in rows:
        if not counted(r) or not (ended(r, period) or open_at_end(r, period)):
            continue
        c = expected.setdefault(r.unit, {})
        received_in = period.start <= r.received
        facts = {
            "in_period": True,
            "ended": ended(r, period),
            "late": ended(r, period) and r.outcome == LATE,
            "late_no_apology": ended(r, period) and r.flags[1],
            "open_overdue": open_at_end(r, period) and r.deadline is not None and r.deadline < ref,
            "received": received_in,
            "beyond_statutory": received_in and r.flags[0],
            "repeated_supplements": received_in and r.flags[2],
        }
        for key, fact in facts.items():
            c[key] = c.get(key, 0) + int(fact)
    config = load_risk_config()
    for analytics in both():
        got = dossier_counts(analytics, period, ref, config)
        assert {u: {k: v for k, v in c.items() if k != "sensitive"} for u, c in got.items()} == (
            expected
        )


@pytest.mark.parametrize("today", TODAYS)
def test_samples_draw_from_the_oracles_classes(rows: list[Row], today: dt.date) -> None:
    """Judged on min(end, today): in a running period a dossier whose deadline is still ahead is
    not sampled as late (the slip of judging open dossiers at the period's end)."""
    period, cal = parse_period("2024-H1"), get_calendar()
    late = set(oracle_late(rows, period, today, cal))
    flagged = {r.code for r in rows if any(r.flags)} - late
    in_period = {
        r.code for r in rows if counted(r) and (ended(r, period) or open_at_end(r, period))
    }
    rule = SampleRule(late_min=1000, late_max=1000, flagged_max=1000, control=5)
    ref = min(period.end, today)
    for analytics in both():
        samples = draw_samples(analytics, UNITS, period, ref, rule, 7)
        by_reason: dict[str, set[str]] = {"late": set(), "flagged": set(), "control": set()}
        for picks in samples.values():
            for pick in picks:
                by_reason[pick["reason"]].add(pick["code"])
        assert by_reason["late"] == late  # every late dossier (the rule asks for up to 1,000)
        assert by_reason["flagged"] == flagged & in_period
        assert by_reason["control"] <= in_period - late - flagged


@pytest.mark.parametrize("period_text", ["2024-H1", "2024-Q1"])
@pytest.mark.parametrize("today", TODAYS)
def test_the_on_time_indicator_equals_the_oracle(
    rows: list[Row], period_text: str, today: dt.date
) -> None:
    """766.2a (on time = 1 − late / dossiers in the period), per unit, by the indicator engine
    (DuckDB over the store): the measure's numerator is the dossiers on time, i.e. those in the
    period less the ended late and the open overdue."""
    from cchc.indicators.compute import compute

    period, cal = parse_period(period_text), get_calendar()
    want = oracle_counts(rows, period, today, cal)
    late = oracle_late(rows, period, today, cal)
    got = compute(period, by="unit", today=today)
    measures = {r.group_code: r.measures["766.2a"] for r in got.rows}
    for unit in UNITS:
        counts = want.get(unit, {})
        unit_late = sum(1 for r in rows if r.unit == unit and r.code in late)
        m = measures[unit]
        dossiers = counts.get("dossiers", 0)
        assert (m.numerator, m.denominator) == (dossiers - unit_late, dossiers), unit
