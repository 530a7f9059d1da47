"""The citizens' voice on the public page (registered in apps.py through
cchc.web.public_sections): per unit, for the page's period and unit view, the survey answers to
`overall` with the share satisfied and its 95% interval — only for units with at least
`min_ranked()` answers, the others say "chưa đủ phiếu" — and the feedback items received with the
share of those due in the period that were answered on time. Aggregates only: no name, phone, ID
number or text ever leaves the feedback tables here."""

from __future__ import annotations

from dataclasses import dataclass

from cchc.citizens.feedback_counts import feedback_counts
from cchc.citizens.survey_queries import fold, min_ranked, satisfaction_counts, unit_names
from cchc.citizens.survey_rules import Satisfaction, satisfaction
from cchc.core.unit_views import UnitFrame
from cchc.dossiers.periods import Period
from cchc.web.public_sections import PublicSection


@dataclass(frozen=True)
class PublicSatisfaction:
    unit_name: str
    answered: int
    shown: Satisfaction | None  # None: fewer answers than the minimum


@dataclass(frozen=True)
class PublicFeedback:
    unit_name: str
    received: int
    due: int
    on_time_share: float | None  # answered on time / due in the period; None when none due


def satisfaction_rows(period: Period, frame: UnitFrame) -> list[PublicSatisfaction]:
    """Units with enough answers first, highest share first; then the others by name."""
    counts = fold(satisfaction_counts(period.start, period.end, "overall"), frame)
    names = unit_names(counts)
    minimum = min_ranked()
    rows = [
        PublicSatisfaction(
            names.get(code, code),
            answered,
            satisfaction(answered, satisfied) if answered >= minimum else None,
        )
        for code, (answered, satisfied) in counts.items()
    ]
    return sorted(
        rows,
        key=lambda r: (r.shown is None, -(r.shown.share or 0.0) if r.shown else 0.0, r.unit_name),
    )


def feedback_rows(period: Period, frame: UnitFrame) -> list[PublicFeedback]:
    summed: dict[str, list[int]] = {}
    for code, c in feedback_counts(period.start, period.end).items():
        unit = summed.setdefault(frame.shown(code), [0, 0, 0])
        unit[0] += c.received
        unit[1] += c.due
        unit[2] += c.answered_on_time
    names = unit_names(summed)
    rows = [
        PublicFeedback(names.get(code, code), received, due, on_time / due if due else None)
        for code, (received, due, on_time) in summed.items()
    ]
    return sorted(rows, key=lambda r: r.unit_name)


def citizens_public_section(period: Period, frame: UnitFrame) -> PublicSection:
    return PublicSection(
        "citizens/public_voice.html",
        {
            "satisfaction": satisfaction_rows(period, frame),
            "feedback": feedback_rows(period, frame),
            "min_answers": min_ranked(),
        },
    )
