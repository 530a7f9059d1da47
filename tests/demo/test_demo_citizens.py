"""`cchc demo` gives the province two years of survey responses and feedback items through the
citizens app's own services, with the planted patterns of docs/demo.md: Xã Ngãi Giao's citizens
report requests for money and score it lowest, Kim Long's chairman has items to answer, the land
office answers late; a re-run adds nothing."""

from __future__ import annotations

import datetime as dt
from collections import Counter

import pytest
from django.contrib.auth.models import User

from cchc.citizens.feedback_home import feedback_count, feedback_section
from cchc.citizens.models_feedback import Feedback, FeedbackContact, FeedbackState
from cchc.citizens.models_surveys import SurveyResponse
from cchc.citizens.survey_queries import satisfaction_counts
from cchc.cli import main
from cchc.core.models import AuditEntry, ImportBatch, Unit
from cchc.dossiers.models import Dossier

TODAY = dt.date(2026, 11, 26)
ARGS = ["demo", "--dossiers", "20000", "--no-serve", "--today", TODAY.isoformat()]


def _counts() -> tuple[int, int, int, int]:
    return (
        SurveyResponse.objects.count(),
        Feedback.objects.count(),
        FeedbackContact.objects.count(),
        AuditEntry.objects.filter(object_type="citizens.feedback").count(),
    )


@pytest.mark.django_db(transaction=True)
def test_the_demo_has_citizens_voice_with_planted_patterns(
    capsys: pytest.CaptureFixture[str],
) -> None:
    assert main(ARGS) == 0
    assert "Ý kiến người dân" in capsys.readouterr().out
    planted = Unit.objects.get(name="Xã Ngãi Giao", valid_from=dt.date(2025, 7, 1)).code
    kim_long = User.objects.get(username="chutichxa").cchc_profile.unit
    land = User.objects.get(username="truongphong").cchc_profile.unit
    assert kim_long is not None and land is not None and kim_long.name == "Xã Kim Long"

    # a few thousand responses over two years, "same period last year" included
    responses = SurveyResponse.objects.all()
    assert 1_000 <= responses.count() <= 10_000
    days = list(responses.values_list("answered_on", flat=True))
    assert min(days) >= dt.date(2024, 11, 1) and max(days) <= TODAY
    assert responses.filter(unit_code=kim_long.code, answered_on__year=2025).exists()
    # most answers are 4–5
    overall = Counter(responses.values_list("overall", flat=True))
    assert (overall[4] + overall[5]) / sum(overall.values()) > 0.7
    # some forms name a real dossier of their unit
    linked = list(responses.exclude(dossier_code="").values_list("dossier_code", "unit_code"))
    assert len(linked) > 100
    units_of = dict(
        Dossier.objects.filter(code__in=[c for c, _ in linked[:200]]).values_list(
            "code", "unit_code"
        )
    )
    assert all(units_of[c] == u for c, u in linked[:200])

    # the planted commune: the lowest share satisfied (4 or 5 overall) over the last 12 months
    # among units with at least 30 answers; Kim Long middling (below most, above the planted)
    shares = {
        code: satisfied / answered
        for code, (answered, satisfied) in satisfaction_counts(dt.date(2025, 12, 1), TODAY).items()
        if answered >= 30
    }
    ranked = sorted(shares, key=shares.__getitem__)
    assert ranked[0] == planted, [(c, round(shares[c], 2)) for c in ranked[:3]]
    assert shares[planted] < 0.5 and 0.5 <= shares[kim_long.code] < 0.75
    assert sorted(shares.values())[len(shares) // 2] > 0.75  # the median unit

    # the planted commune has the most harassment items, several in the recent months
    harassment = Counter(
        Feedback.objects.filter(category="harassment").values_list("unit__code", flat=True)
    )
    (top, n), (_, second) = harassment.most_common(2)
    assert top == planted and n >= second + 4
    recent = Feedback.objects.filter(
        unit__code=planted, category="harassment", received_at__date__gte=dt.date(2026, 5, 1)
    )
    assert recent.count() >= 5

    # items in every state, filed by staff with the classifier's suggestion stored
    states = Counter(Feedback.objects.values_list("state", flat=True))
    assert set(states) == set(FeedbackState.values)
    closed = Feedback.objects.filter(state=FeedbackState.CLOSED)
    assert {"satisfied", "not_satisfied"} <= set(closed.values_list("rating", flat=True))
    assert Feedback.objects.exclude(previous=None).exists()  # re-complaints
    assert not Feedback.objects.filter(suggested_category="").exists()
    assert Feedback.objects.exclude(category="").count() > 0.9 * Feedback.objects.count()

    # the land office answers late more often than not; elsewhere rarely
    def late_share(items: list[tuple[dt.date | None, dt.date]]) -> float:
        return sum(a is not None and a > d for a, d in items) / len(items)

    answered = Feedback.objects.exclude(answered_on=None)
    at_land = list(answered.filter(unit=land).values_list("answered_on", "due_on"))
    elsewhere = list(answered.exclude(unit=land).values_list("answered_on", "due_on"))
    assert late_share(at_land) > 0.5 and late_share(elsewhere) < 0.2

    # Kim Long's chairman has items to answer, two of them overdue
    chairman = User.objects.get(username="chutichxa")
    assert feedback_count(chairman, TODAY) >= 3
    assert feedback_section(chairman, TODAY) is not None
    waiting = Feedback.objects.filter(
        unit=kim_long, state__in=[FeedbackState.RECEIVED, FeedbackState.ASSIGNED]
    )
    assert waiting.filter(due_on__lt=TODAY).count() == 2

    # obviously fictitious contacts
    phones = set(FeedbackContact.objects.values_list("phone", flat=True))
    assert all(p.startswith("0900 000 ") for p in phones)

    # re-running adds nothing
    before = _counts()
    assert main(ARGS) == 0
    assert "dùng lại" in capsys.readouterr().out.split("Ý kiến người dân")[1].splitlines()[0]
    assert _counts() == before

    # on another day the items are rebuilt around it: replaced, not added
    later = [*ARGS[:-1], (TODAY + dt.timedelta(days=1)).isoformat()]
    assert main(later) == 0
    assert "dùng lại" not in capsys.readouterr().out.split("Ý kiến người dân")[1].splitlines()[0]
    after = _counts()
    assert all(0.9 * b <= a <= 1.1 * b for a, b in zip(after, before, strict=True)), (after, before)
    batches = ImportBatch.objects.filter(file_name__startswith="demo-surveys-")
    assert list(batches.values_list("file_name", flat=True)) == [
        "demo-surveys-seed2023-to2026-11-27.csv"
    ]
    assert after[1] == Feedback.objects.filter(code__startswith="PA-MAU-").count()
