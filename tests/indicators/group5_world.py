"""Citizens' data for group 5 on the hand-checked world (tests/indicators/world.py), June 2025.

Surveys of unit A, `overall` answers in June: 5, 4, 4, 5, 4, 3, 2 → 5 of 7 rated 4 or 5 (S1–S7).
S8 (June) answered `access` only: no `overall` answer, not counted. S9 answered on 01/07: July.
Unit B has no survey answer and no feedback item: group 5 is "no data" there, never 0.

Feedback of unit A (F = received, due, answered, closed, rating, re-complained):
  F1 20/05 10/06 09/06 12/06 satisfied      no    due June, on time;   closed June, good
  F2 01/06 20/06 25/06 28/06 satisfied      no    due June, late;      closed June, late
  F3 05/06 26/06 20/06 22/06 not_satisfied  no    due June, on time;   closed June, rated bad
  F4 08/06 29/06 15/06 18/06 (not rated)    yes   due June, on time;   closed June, re-complained
  F5 10/06 30/06 —     —     —              no    due June, open (overdue at the end of June)
  F6 20/06 10/07 25/06 27/06 satisfied      no    due July;            closed June, good
  F7 01/04 20/04 18/04 02/05 satisfied      no    due April, on time;  closed May, good
5a (June) = due in June and answered by the due day / due in June = F1 F3 F4 of F1–F5 = 3/5.
5b (June) = closed in June, on time, not rated not satisfied, not re-complained / closed in June
          = F1 F6 of F1 F2 F3 F4 F6 = 2/5.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from cchc.citizens.models_surveys import SurveyResponse

D = dt.date

OVERALL_A = [5, 4, 4, 5, 4, 3, 2]
FEEDBACK_A: list[tuple[Any, ...]] = [
    # item_id, unit_code, received_on, due_on, answered_on, closed_on, state, rating,
    # recomplained, category
    ("F1", "A", D(2025, 5, 20), D(2025, 6, 10), D(2025, 6, 9), D(2025, 6, 12), "closed",
     "satisfied", False, "late"),
    ("F2", "A", D(2025, 6, 1), D(2025, 6, 20), D(2025, 6, 25), D(2025, 6, 28), "closed",
     "satisfied", False, None),
    ("F3", "A", D(2025, 6, 5), D(2025, 6, 26), D(2025, 6, 20), D(2025, 6, 22), "closed",
     "not_satisfied", False, "attitude"),
    ("F4", "A", D(2025, 6, 8), D(2025, 6, 29), D(2025, 6, 15), D(2025, 6, 18), "closed",
     None, True, None),
    ("F5", "A", D(2025, 6, 10), D(2025, 6, 30), None, None, "assigned", None, None, None),
    ("F6", "A", D(2025, 6, 20), D(2025, 7, 10), D(2025, 6, 25), D(2025, 6, 27), "closed",
     "satisfied", False, None),
    ("F7", "A", D(2025, 4, 1), D(2025, 4, 20), D(2025, 4, 18), D(2025, 5, 2), "closed",
     "satisfied", False, None),
]  # fmt: skip


def build_surveys() -> None:
    rows = [
        SurveyResponse(
            response_id=f"S{n}",
            unit_code="A",
            answered_on=D(2025, 6, n + 1),
            procedure_code="P1",
            dossier_code=f"A{n}",
            overall=score,
            official=3,
        )
        for n, score in enumerate(OVERALL_A, 1)
    ]
    rows.append(SurveyResponse(response_id="S8", unit_code="A", answered_on=D(2025, 6, 20),
                               access=5))  # fmt: skip
    rows.append(SurveyResponse(response_id="S9", unit_code="A", answered_on=D(2025, 7, 1),
                               overall=1))  # fmt: skip
    SurveyResponse.objects.bulk_create(rows)


def feedback_rows() -> list[tuple[Any, ...]]:
    return list(FEEDBACK_A)
