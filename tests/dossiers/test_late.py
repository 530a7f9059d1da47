"""late_dossiers(): who is on the late list, days late in working days, filters, order, paging."""

from __future__ import annotations

import datetime as dt

import pytest

from cchc.dossiers.late import STATUS_ENDED_LATE, STATUS_OPEN_OVERDUE
from cchc.dossiers.summary import LateFilter, late_dossiers
from tests.dossiers.summary_world import Q1, build_world, make_dossier

pytestmark = pytest.mark.django_db
AFTER = dt.date(2025, 1, 1)


def test_the_list_holds_ended_late_and_open_overdue_with_working_days_late() -> None:
    build_world()
    rows, total = late_dossiers(Q1, as_of=AFTER)
    assert total == 4
    assert [(r.code, r.days_late, r.status_label) for r in rows] == [
        ("D08", 94, STATUS_OPEN_OVERDUE),
        ("D07", 7, STATUS_OPEN_OVERDUE),
        ("D03", 3, STATUS_ENDED_LATE),  # ties keep the order of codes
        ("D04", 3, STATUS_ENDED_LATE),
    ]
    d07, d03 = rows[1], rows[2]
    assert d07.finished_on is None  # finished on 10 Apr, after the quarter: open at its end
    assert d03.finished_on == dt.date(2024, 2, 27)
    assert d03.deadline_on == dt.date(2024, 2, 22)
    assert d03.flags == ["late_no_apology"]
    assert (d03.unit_code, d03.procedure_code, d03.sector, d03.channel) == (
        "A1",
        "P1",
        "Tư pháp",
        "postal",
    )
    assert d03.applicant_pseudonym == "p-D03"


def test_filters_by_units_flag_sector_and_procedure() -> None:
    build_world()

    def codes(f: LateFilter) -> list[str]:
        return [r.code for r in late_dossiers(Q1, f, as_of=AFTER)[0]]

    assert codes(LateFilter(unit_codes={"A", "A1"})) == ["D07", "D03"]
    assert codes(LateFilter(flag="beyond_statutory")) == ["D04"]
    assert codes(LateFilter(flag="repeated_supplements")) == ["D08"]
    assert codes(LateFilter(sector="Đất đai")) == ["D08", "D04"]
    assert codes(LateFilter(procedure_code="P1")) == ["D07", "D03"]
    assert codes(LateFilter(unit_codes=[])) == []


def test_orders_and_pages() -> None:
    build_world()
    page, total = late_dossiers(Q1, offset=1, limit=2, as_of=AFTER)
    assert ([r.code for r in page], total) == (["D07", "D03"], 4)
    ascending, _ = late_dossiers(Q1, order="days_late", as_of=AFTER)
    assert [r.code for r in ascending] == ["D03", "D04", "D07", "D08"]
    by_received, total = late_dossiers(Q1, order="received_on", offset=0, limit=3, as_of=AFTER)
    assert ([r.code for r in by_received], total) == (["D08", "D04", "D03"], 4)
    assert [r.days_late for r in by_received] == [94, 3, 3]
    beyond, total = late_dossiers(Q1, offset=10, as_of=AFTER)
    assert (beyond, total) == ([], 4)


def test_working_days_late_skip_tet() -> None:
    # Due Wed 7 Feb 2024, finished Thu 15 Feb: 8 calendar days but one working day late.
    make_dossier("T1", "A", "online", "2024-02-01", "2024-02-07", "2024-02-15", 3)
    # Due Mon 26 Feb, finished Wed 28 Feb: two working days late, ranked above T1.
    make_dossier("T2", "A", "online", "2024-02-19", "2024-02-26", "2024-02-28", 3)
    rows, _ = late_dossiers(Q1, as_of=AFTER)
    assert [(r.code, r.days_late) for r in rows] == [("T2", 2), ("T1", 1)]


def test_open_overdue_depends_on_today_while_the_period_runs() -> None:
    build_world()
    rows, total = late_dossiers(Q1, as_of=dt.date(2024, 3, 15))
    # D07 (due 20 Mar) is not overdue yet on 15 Mar; D08 is, by 84 working days.
    assert [r.code for r in rows] == ["D08", "D03", "D04"]
    assert rows[0].days_late == 94 - 10  # 18–22 and 25–29 Mar not yet counted
    assert total == 3


def test_bad_order_and_flag_are_refused() -> None:
    with pytest.raises(ValueError, match="invalid order"):
        late_dossiers(Q1, order="colour")
    with pytest.raises(ValueError, match="invalid flag"):
        late_dossiers(Q1, LateFilter(flag="rude"))


@pytest.mark.parametrize(
    ("order", "codes"),
    [
        ("deadline_on", ["D08", "D04", "D03", "D07"]),
        ("-deadline_on", ["D07", "D03", "D04", "D08"]),
        ("-received_on", ["D07", "D03", "D04", "D08"]),
        ("finished_on", ["D04", "D03", "D07", "D08"]),  # open at the period's end: last
        ("unit_code", ["D03", "D07", "D04", "D08"]),
        ("code", ["D03", "D04", "D07", "D08"]),
    ],
)
def test_every_order(order: str, codes: list[str]) -> None:
    build_world()
    rows, total = late_dossiers(Q1, order=order, as_of=AFTER)
    assert [r.code for r in rows] == codes and total == 4
    page, _ = late_dossiers(Q1, order=order, offset=2, limit=1, as_of=AFTER)
    assert [r.code for r in page] == codes[2:3]
