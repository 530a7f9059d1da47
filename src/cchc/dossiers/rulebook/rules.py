"""The period, status and lateness rules over stored dossiers, each defined once as an expression
(expr.py) that every back end prints for itself: Django `Q` for the system database, SQL for
DuckDB over the analytics store and for Spark. Sources: the national portal's reporting rules
(dossier-timing: "A dossier without an outcome is judged at the end of the reporting period";
the late rate counts finished-late and still-open-overdue dossiers) and the official report's
identities (one-stop-exports), as docs/timing.md states them.

Parameters of a query: `start`, `end` (the period, inclusive), `ref` (the reference day open
dossiers are judged on: period.reference_date) and `soon` (the last deadline still "due soon" on
it: period.due_soon_cutoff).
"""

from __future__ import annotations

from cchc.dossiers.rulebook.expr import Always, Col, Param, Pred
from cchc.dossiers.rulebook.status import APART, STATUS, StatusClass
from cchc.dossiers.rulebook.timing import Outcome

# columns (same names in the dossier table and the store)
received_on = Col("received_on")
finished_on = Col("finished_on")
deadline_on = Col("deadline_on")
finish_outcome = Col("finish_outcome")
status = Col("status")
channel = Col("channel")
flag_beyond_statutory = Col("flag_beyond_statutory")
flag_late_no_apology = Col("flag_late_no_apology")
flag_repeated_supplements = Col("flag_repeated_supplements")
# parameters
START, END, REF, SOON = Param("start"), Param("end"), Param("ref"), Param("soon")


def status_is(cls: StatusClass) -> Pred:
    """The dossier's status is of class `cls` (a dossier without a status is counted)."""
    if cls is StatusClass.COUNTED:
        apart = tuple(sorted(c for c, k in STATUS.classes.items() if k is not cls))
        return (status.is_null() | ~status.isin(apart)) if apart else Always(True)
    codes = STATUS.codes_of(cls)
    return status.isin(codes) if codes else Always(False)


# Counted (được tính): in every count, rate and late list; the other classes are counted apart.
COUNTED = status_is(StatusClass.COUNTED)

# Ended in the period (đã giải quyết trong kỳ): processing finished from its start to its end.
ENDED = (finished_on >= START) & (finished_on <= END)
# Open at the period's end (đang giải quyết): received by its end, not finished by then.
OPEN_AT_END = (received_on <= END) & (finished_on.is_null() | (finished_on > END))
# In the period (trong kỳ) = ENDED or OPEN_AT_END, arranged as two branches led by finished_on
# (≥ start, or missing) so that databases can use its index; a test checks the equivalence.
IN_PERIOD = ((finished_on >= START) & ((finished_on <= END) | (received_on <= END))) | (
    finished_on.is_null() & (received_on <= END)
)
# Received in the period (mới tiếp nhận trong kỳ); in the period but received before its start
# is carried over (kỳ trước chuyển qua: dossiers summary derives it by the report's identity).
RECEIVED = (received_on >= START) & (received_on <= END)

# Late, once it is known whether the dossier ended in the period (its stored outcome: timing.
# compute_timing) or was open at its end (past its deadline on the reference day).
LATE_IF_ENDED = finish_outcome.eq(int(Outcome.LATE))
LATE_IF_OPEN = deadline_on < REF
# Outcomes of dossiers ended in the period.
ENDED_EARLY = ENDED & finish_outcome.eq(int(Outcome.EARLY))
ENDED_LATE = ENDED & LATE_IF_ENDED
# Outcomes at the reference day of dossiers open at the period's end.
OPEN_OVERDUE = OPEN_AT_END & LATE_IF_OPEN
OPEN_DUE_SOON = OPEN_AT_END & (deadline_on >= REF) & (deadline_on <= SOON)
# On time (ended, neither early nor late: also with no deadline) and in time (open, neither
# overdue nor due soon) follow by difference, so the report's identities hold exactly
# (dossiers/summary.complete_counts).
# Late at the reference day (trễ hạn): ended late in the period, or open and overdue at its end.
LATE_AT_REF = ENDED_LATE | OPEN_OVERDUE
# The late list: counted dossiers late at the reference day, arranged like IN_PERIOD.
LATE_LIST = COUNTED & (
    (
        (finished_on >= START)
        & (
            ((finished_on <= END) & LATE_IF_ENDED)
            | ((finished_on > END) & (received_on <= END) & LATE_IF_OPEN)
        )
    )
    | (finished_on.is_null() & (received_on <= END) & LATE_IF_OPEN)
)
# Stored timing that a change of the calendar on `day` can move: the deemed receipt, due date and
# deadline count working days from the receipt to the later of the deadline and the statutory due
# date, and the outcome compares the finish with the deadline (timing.compute_timing). A dossier
# with neither date counts no working day.
DAY = Param("day")
statutory_due_on = Col("statutory_due_on")
SPANS_DAY = (received_on <= DAY) & ((deadline_on >= DAY) | (statutory_due_on >= DAY))

# Hidden lateness found on import (timing.compute_timing sets the flags).
FLAGS: dict[str, Pred] = {
    "beyond_statutory": flag_beyond_statutory.eq(True),
    "late_no_apology": flag_late_no_apology.eq(True),
    "repeated_supplements": flag_repeated_supplements.eq(True),
}
FLAGGED = FLAGS["beyond_statutory"] | FLAGS["late_no_apology"] | FLAGS["repeated_supplements"]

# The period summary's counts (dossiers summary, the dashboard, the official report's layout):
# on_time, open_in_time and carried_over follow from these by the report's identities.
SUMMARY_COUNTS: dict[str, Pred] = {
    "dossiers": COUNTED & IN_PERIOD,
    "ended": COUNTED & ENDED,
    "early": COUNTED & ENDED_EARLY,
    "late": COUNTED & ENDED_LATE,
    "open_overdue": COUNTED & OPEN_OVERDUE,
    "open_due_soon": COUNTED & OPEN_DUE_SOON,
    "received_in_period": COUNTED & RECEIVED,
    "received_online": COUNTED & RECEIVED & channel.eq("online"),
    "received_in_person": COUNTED & RECEIVED & channel.eq("in_person"),
    "received_postal": COUNTED & RECEIVED & channel.eq("postal"),
    **{cls.value: RECEIVED & status_is(cls) for cls in APART},
}
# Every count of the summary as the dossiers it counts, so that each figure opens its own list:
# the counts above, and those that follow by the report's identities (summary.complete_counts)
# written as the same differences: on time = ended − early − late; open (đang giải quyết) =
# dossiers − ended; open in time = open − overdue − due soon; carried over = dossiers − received.
LIST_COUNTS: dict[str, Pred] = {
    **SUMMARY_COUNTS,
    "on_time": SUMMARY_COUNTS["ended"] & ~SUMMARY_COUNTS["early"] & ~SUMMARY_COUNTS["late"],
    "open": SUMMARY_COUNTS["dossiers"] & ~SUMMARY_COUNTS["ended"],
    "open_in_time": SUMMARY_COUNTS["dossiers"]
    & ~SUMMARY_COUNTS["ended"]
    & ~SUMMARY_COUNTS["open_overdue"]
    & ~SUMMARY_COUNTS["open_due_soon"],
    "carried_over": SUMMARY_COUNTS["dossiers"] & ~SUMMARY_COUNTS["received_in_period"],
}
# The late list cut to one of the summary's two late counts, so that each figure opens its own
# dossiers: "ended" late in the period (quá hạn đã xử lý), "open" and overdue at its end.
LATE_STATES: dict[str, Pred] = {
    "ended": SUMMARY_COUNTS["late"],
    "open": SUMMARY_COUNTS["open_overdue"],
}
# Hidden-lateness flags counted over a period: counted dossiers in it that carry the flag (the
# unit's page, the dashboard and the late list's flag filter count the same dossiers).
FLAG_COUNTS: dict[str, Pred] = {name: COUNTED & IN_PERIOD & p for name, p in FLAGS.items()}
# The inspection risk model's dossier counts per unit (inspections/risk.py weighs them).
RISK_COUNTS: dict[str, Pred] = {
    "in_period": COUNTED & IN_PERIOD,
    "ended": COUNTED & ENDED,
    "late": COUNTED & ENDED_LATE,
    "late_no_apology": COUNTED & ENDED & FLAGS["late_no_apology"],
    "open_overdue": COUNTED & OPEN_OVERDUE,
    "received": COUNTED & RECEIVED,
    "beyond_statutory": COUNTED & RECEIVED & FLAGS["beyond_statutory"],
    "repeated_supplements": COUNTED & RECEIVED & FLAGS["repeated_supplements"],
}
