"""Why a dossier is on the late list, in words: days late and the rulebook's flags.

No new rule: the list's own test (rulebook/rules.LATE_LIST: ended late, or open and overdue at
the period's reference day), the working days late it already computes, and the flags stored on
import (rulebook/timing.compute_timing). A dossier that ended on or before its deadline is on the
list only because more than one supplement request counts as late (national portal rule); its
reason says so. Filtered by a flag, the list holds the period's dossiers with that flag, late or
not (rules.FLAG_COUNTS); one that is not late says so first, as on a figure's list (a count).
Messages are gettext ids with %(name)s fields; `render` fills them in the page's language,
Vietnamese by default (exports, the API, the command line).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field

from cchc.core.vn_format import vn_date

ENDED_LATE = "quá hạn %(days)s ngày làm việc"
OPEN_LATE = "đang quá hạn %(days)s ngày làm việc"
ENDED_LATE_UNDER_A_DAY = (
    "quá hạn dưới 1 ngày làm việc (kết thúc %(finished)s, hạn trả %(deadline)s)"
)
OPEN_LATE_UNDER_A_DAY = "đang quá hạn dưới 1 ngày làm việc (hạn trả %(deadline)s)"
ONLY_BY_SUPPLEMENTS = (
    "kết thúc trong hạn (0 ngày trễ); có trong danh sách chỉ vì dấu hiệu bổ sung hồ sơ nhiều lần "
    "(%(times)s lần), tính là trễ hạn theo quy tắc của Cổng Dịch vụ công quốc gia"
)
REPEATED_SUPPLEMENTS = "bổ sung hồ sơ nhiều lần (%(times)s lần)"
REPEATED_SUPPLEMENTS_UNCOUNTED = "bổ sung hồ sơ nhiều lần"  # flagged, count not stored
BEYOND_STATUTORY = "hẹn trả vượt thời hạn (hẹn %(deadline)s, theo quy định %(statutory)s)"
LATE_NO_APOLOGY = "trễ hạn không có văn bản xin lỗi"
NOT_LATE = (
    "không trễ hạn (0 ngày trễ); có trong danh sách vì lọc theo dấu hiệu: mọi hồ sơ trong kỳ có "
    "dấu hiệu này"
)
# on the list behind a figure (late.COUNTS), which holds late and not late dossiers alike
NOT_LATE_COUNTED = "không trễ hạn (0 ngày trễ)"
MESSAGES = [  # every message id, for the translation catalogue (web/labels.py)
    ENDED_LATE,
    OPEN_LATE,
    ENDED_LATE_UNDER_A_DAY,
    OPEN_LATE_UNDER_A_DAY,
    ONLY_BY_SUPPLEMENTS,
    REPEATED_SUPPLEMENTS,
    REPEATED_SUPPLEMENTS_UNCOUNTED,
    BEYOND_STATUTORY,
    LATE_NO_APOLOGY,
    NOT_LATE,
    NOT_LATE_COUNTED,
]


@dataclass(frozen=True)
class Reason:
    message: str  # one of MESSAGES
    fields: Mapping[str, str | int] = field(default_factory=dict)

    def render(self, translate: Callable[[str], str] = str) -> str:
        return translate(self.message) % self.fields


def late_reasons(
    *,
    days_late: int,
    finished_on: dt.date | None,  # None: open at the period's end
    deadline_on: dt.date | None,
    statutory_due_on: dt.date | None,
    flags: list[str],
    supplement_requests: int,
    late: bool = True,  # False: a dossier on a flag's or a count's list that is not late
    by_count: bool = False,  # on a count's list (late.COUNTS), not a flag's
) -> list[Reason]:
    """The reasons of one late-list row, the lateness first, then each flag it carries."""
    reasons: list[Reason] = []
    dates = {
        "deadline": vn_date(deadline_on),
        "finished": vn_date(finished_on),
    }
    if not late:
        reasons.append(Reason(NOT_LATE_COUNTED if by_count else NOT_LATE))
    elif days_late > 0:
        reasons.append(
            Reason(OPEN_LATE if finished_on is None else ENDED_LATE, {"days": days_late})
        )
    elif finished_on is None:
        reasons.append(Reason(OPEN_LATE_UNDER_A_DAY, dates))
    elif deadline_on is not None and finished_on > deadline_on:
        reasons.append(Reason(ENDED_LATE_UNDER_A_DAY, dates))
    elif "repeated_supplements" in flags:
        reasons.append(Reason(ONLY_BY_SUPPLEMENTS, {"times": supplement_requests}))
    if "repeated_supplements" in flags and ONLY_BY_SUPPLEMENTS not in {r.message for r in reasons}:
        if supplement_requests > 1:
            reasons.append(Reason(REPEATED_SUPPLEMENTS, {"times": supplement_requests}))
        else:
            reasons.append(Reason(REPEATED_SUPPLEMENTS_UNCOUNTED))
    if "beyond_statutory" in flags:
        statutory = {
            "deadline": vn_date(deadline_on),
            "statutory": vn_date(statutory_due_on),
        }
        reasons.append(Reason(BEYOND_STATUTORY, statutory))
    if "late_no_apology" in flags:
        reasons.append(Reason(LATE_NO_APOLOGY))
    return reasons


def reasons_text(reasons: list[Reason], translate: Callable[[str], str] = str) -> str:
    return "; ".join(r.render(translate) for r in reasons)
