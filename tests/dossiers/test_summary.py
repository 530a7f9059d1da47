"""The period summary: the period rule, categories, rates and groupings on the hand-counted
world, counted by the analytics gateway on the system database and on the store."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Collection
from pathlib import Path
from typing import Any

import numpy as np
import pytest

from cchc.analytics.gateway import Analytics
from cchc.analytics.store import rebuild
from cchc.core.calendar import build_calendar
from cchc.core.units import descendants_codes
from cchc.dossiers.late import late_dossiers
from cchc.dossiers.periods import Period, parse_period
from cchc.dossiers.rulebook.period import due_soon_cutoff, reference_date
from cchc.dossiers.rulebook.timing import Outcome, open_outcome
from cchc.dossiers.summary import (
    COUNT_FIELDS,
    GROUPINGS,
    SummaryFilters,
    SummaryRow,
    total_of,
)
from tests.dossiers.summary_world import Q1, build_world, make_dossier

pytestmark = pytest.mark.django_db

Summarise = Callable[..., list[SummaryRow]]


@pytest.fixture(params=["database", "store"])
def summarise(request: pytest.FixtureRequest, settings: Any, tmp_path: Path) -> Summarise:
    """The summary from `source`; the store is rebuilt from the database before each call."""
    settings.ANALYTICS_DIR = tmp_path / "analytics"

    def run(
        period: Period,
        by: str | None = None,
        unit_codes: Collection[str] | None = None,
        as_of: dt.date | None = None,
        filters: SummaryFilters | None = None,
    ) -> list[SummaryRow]:
        if request.param == "store":
            rebuild()
        return Analytics.current(request.param).summarise(period, by, unit_codes, as_of, filters)

    return run


AFTER = dt.date(2025, 1, 1)  # a "today" after the period: open dossiers judged on 31 Mar


def counts(row: SummaryRow) -> dict[str, object]:
    return {k: getattr(row, k) for k in COUNT_FIELDS}


def test_the_quarter_counts_what_ended_in_it_and_what_was_open_at_its_end(
    summarise: Summarise,
) -> None:
    build_world()
    [row] = summarise(Q1, as_of=AFTER)
    assert counts(row) == {
        "dossiers": 11,  # D09 ended before, D10 received after: out
        "ended": 6,
        "early": 1,
        "on_time": 3,  # D02, D11, and D13 which has no deadline
        "late": 2,
        "open_in_time": 2,  # D05, D12 (no deadline)
        "open_due_soon": 1,  # D06
        "open_overdue": 2,  # D07 (finished after the quarter), D08
        "received_online": 3,
        "received_in_person": 3,
        "received_postal": 2,
        "carried_over": 3,  # D04, D08, D11
        "received_in_period": 8,
        "not_received": 0,
        "refused_at_intake": 0,
        "withdrawn": 0,
        "returned_unprocessed": 0,
    }


def test_withdrawn_refused_and_returned_dossiers_are_counted_apart(summarise: Summarise) -> None:
    build_world()
    before = summarise(Q1, as_of=AFTER)[0]
    # overdue and open, but withdrawn (7); late, but returned without processing (8); refused at
    # intake (3); withdrawn but received before the quarter (out of it: counted by receipt)
    make_dossier("W1", "A", "online", "2024-01-15", "2024-01-20", None, None, status=7)
    make_dossier("W2", "A", "postal", "2024-02-01", "2024-02-02", "2024-02-20", 3, status=8)
    make_dossier("W3", "B", "in_person", "2024-03-05", None, "2024-03-05", None, status=3)
    make_dossier("W4", "B", "online", "2023-12-01", "2023-12-05", None, None, status=7)
    [row] = summarise(Q1, as_of=AFTER)
    apart = ("withdrawn", "returned_unprocessed", "refused_at_intake", "not_received")
    assert {k: getattr(row, k) for k in apart} == {
        "withdrawn": 1,
        "returned_unprocessed": 1,
        "refused_at_intake": 1,
        "not_received": 0,
    }
    # every other column, and so the report's identities, as without them
    assert {k: v for k, v in counts(row).items() if k not in apart} == {
        k: v for k, v in counts(before).items() if k not in apart
    }
    assert row.received_total == row.ended + row.in_process
    late_codes = {r.code for r in late_dossiers(Q1, as_of=AFTER)[0]}
    assert late_codes == {"D03", "D04", "D07", "D08"}
    assert row.late_rate == pytest.approx(4 / 11)
    assert row.on_time_rate == pytest.approx(7 / 11)
    assert row.online_share == pytest.approx(3 / 8)


def test_report_identities_hold(summarise: Summarise) -> None:
    build_world()
    for by in [None, *GROUPINGS]:
        for row in summarise(Q1, by=by, as_of=AFTER):
            assert row.received_total == row.carried_over + row.received_in_period
            assert row.received_in_period == (
                row.received_online + row.received_in_person + row.received_postal
            )
            assert row.ended == row.early + row.on_time + row.late
            assert row.in_process == row.not_yet_due + row.open_overdue
            assert row.received_total == row.ended + row.in_process == row.dossiers


@pytest.mark.parametrize("by", list(GROUPINGS))
def test_every_grouping_sums_to_the_total(summarise: Summarise, by: str) -> None:
    build_world()
    [total] = summarise(Q1, as_of=AFTER)
    rows = summarise(Q1, by=by, as_of=AFTER)
    assert len(rows) > 1
    assert counts(total_of(rows)) == counts(total)
    assert total_of(rows).late_rate == pytest.approx(total.late_rate)


def test_by_unit_names_each_unit_and_counts_it(summarise: Summarise) -> None:
    build_world()
    rows = {r.group_code: r for r in summarise(Q1, by="unit", as_of=AFTER)}
    assert set(rows) == {"A", "A1", "B", "OLD"}
    a = rows["A"]
    assert a.group_name == "Sở Tư pháp"
    assert (a.dossiers, a.early, a.on_time, a.late, a.open_due_soon, a.open_in_time) == (
        4,
        1,
        1,
        0,
        1,
        1,
    )
    assert a.late_rate == 0.0 and a.on_time_rate == 1.0
    b = rows["B"]
    assert (b.dossiers, b.carried_over, b.late, b.open_overdue, b.received_postal) == (
        4,
        2,
        1,
        1,
        1,
    )
    assert b.late_rate == pytest.approx(0.5)


def test_by_month_puts_ended_in_their_finish_month_and_open_in_the_last(
    summarise: Summarise,
) -> None:
    build_world()
    rows = {r.group_code: r for r in summarise(Q1, by="month", as_of=AFTER)}
    assert {k: r.dossiers for k, r in rows.items()} == {"2024-01": 3, "2024-02": 2, "2024-03": 6}
    assert rows["2024-03"].in_process == 5
    assert rows["2024-02"].group_name == "Tháng 02/2024"


def test_by_channel_sector_and_procedure(summarise: Summarise) -> None:
    build_world()
    channel = {
        r.group_code: (r.group_name, r.dossiers) for r in summarise(Q1, by="channel", as_of=AFTER)
    }
    assert channel == {
        "online": ("Trực tuyến", 5),
        "in_person": ("Trực tiếp", 4),
        "postal": ("Bưu chính", 2),
    }
    sector = {r.group_code: r.dossiers for r in summarise(Q1, by="sector", as_of=AFTER)}
    assert sector == {"Tư pháp": 6, "Đất đai": 4, "": 1}
    proc = {
        r.group_code: (r.group_name, r.dossiers) for r in summarise(Q1, by="procedure", as_of=AFTER)
    }
    assert proc == {"P1": ("Chứng thực bản sao", 6), "P2": ("Giao đất", 4), "P3": ("Khai sinh", 1)}


def test_unit_scope_takes_the_units_below_as_of_the_period_end(summarise: Summarise) -> None:
    build_world()
    [prov] = summarise(Q1, unit_codes=descendants_codes("PROV", Q1.end), as_of=AFTER)
    assert prov.dossiers == 10  # OLD had ended by 31 Mar 2024: D11 is not under PROV then
    [a] = summarise(Q1, unit_codes=descendants_codes("A", Q1.end), as_of=AFTER)
    assert (a.dossiers, a.ended, a.late, a.open_overdue, a.open_due_soon) == (6, 3, 1, 1, 1)
    [none] = summarise(Q1, unit_codes=[], as_of=AFTER)
    assert none.dossiers == 0 and none.late_rate is None and none.online_share is None


def test_filters_narrow_by_sector_procedure_and_channel(summarise: Summarise) -> None:
    build_world()
    [land] = summarise(Q1, filters=SummaryFilters(sector="Đất đai"), as_of=AFTER)
    assert land.dossiers == 4
    [p1_online] = summarise(
        Q1, filters=SummaryFilters(procedure_code="P1", channel="online"), as_of=AFTER
    )
    assert p1_online.dossiers == 3  # D01, D06, D12


def test_open_dossiers_are_judged_on_today_while_the_period_runs(summarise: Summarise) -> None:
    build_world()
    # On Fri 15 Mar D07 (due 20 Mar) is still in time; D08 is already overdue.
    [row] = summarise(Q1, as_of=dt.date(2024, 3, 15))
    assert row.open_overdue == 1
    assert row.open_due_soon == 0
    make_dossier("D20", "A", "online", "2024-03-11", "2024-03-18", None, None)
    [row] = summarise(Q1, as_of=dt.date(2024, 3, 15))
    assert row.open_due_soon == 1  # Mon 18 Mar is one working day after Fri 15 Mar


def test_an_empty_period_has_no_rates(summarise: Summarise) -> None:
    [row] = summarise(parse_period("2030"), as_of=AFTER)
    assert row.dossiers == 0 and row.late_rate is None and row.on_time_rate is None
    assert summarise(parse_period("2030"), by="unit", as_of=AFTER) == []


def test_an_unknown_grouping_is_refused(summarise: Summarise) -> None:
    with pytest.raises(ValueError, match="invalid grouping"):
        summarise(Q1, by="colour")


def test_reference_date_is_the_period_end_or_today() -> None:
    assert reference_date(dt.date(2024, 3, 31), dt.date(2024, 6, 1)) == dt.date(2024, 3, 31)
    assert reference_date(dt.date(2024, 3, 31), dt.date(2024, 3, 2)) == dt.date(2024, 3, 2)


def test_due_soon_cutoff_agrees_with_open_outcome_over_tet_and_worked_saturdays() -> None:
    cal = build_calendar()
    for ref in np.arange(np.datetime64("2024-01-25"), np.datetime64("2024-05-20")):
        ref_date = ref.astype(dt.date)
        cutoff = np.datetime64(due_soon_cutoff(ref_date, cal), "D")
        deadlines = ref + np.arange(-3, 20).astype("timedelta64[D]")
        expected = open_outcome(deadlines, ref, cal)
        by_cutoff = np.where(
            deadlines < ref,
            Outcome.OPEN_OVERDUE,
            np.where(deadlines <= cutoff, Outcome.OPEN_DUE_SOON, Outcome.OPEN_IN_TIME),
        )
        assert (expected == by_cutoff).all(), ref


def test_due_soon_cutoff_over_tet() -> None:
    cal = build_calendar()
    # Wed 7 Feb 2024: Tết 8–14 Feb, so Thu 15 is the one working day left; Fri 16 is the second.
    assert due_soon_cutoff(dt.date(2024, 2, 7), cal) == dt.date(2024, 2, 15)
