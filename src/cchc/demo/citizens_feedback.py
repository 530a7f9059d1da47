"""The demo's feedback items (phản ánh, kiến nghị) over the two years before today, through the
citizens app's own services: take_in (the deadline, the citizen's pseudonym, the classifier's
suggestion stored beside the category staff file), assign, answer, close (a "not satisfied"
rating opens the re-complaint), each in the audit log, dated on the story's days.

Planted (docs/demo.md): the harassment commune's citizens report requests for money several
times over the recent months; the land office answers late more often than not; Kim Long has
items waiting for its chairman around today, two of them overdue.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass, field

import numpy as np
from django.contrib.auth.models import User
from django.utils import timezone

from cchc.citizens import feedback_states
from cchc.citizens.feedback_intake import ContactData, take_in
from cchc.citizens.models_feedback import Feedback, FeedbackRating, FeedbackState
from cchc.core.models import AuditEntry, Unit
from cchc.demo.citizens_surveys import DossierPool, SurveyUnit
from cchc.demo.citizens_texts import ANSWERS, TEXTS, THU_TUC, fake_name, fake_phone

CODE_PREFIX = "PA-MAU-"  # mẫu: demo
ITEMS_PER_MONTH = {"normal": 0.25, "middling": 0.8, "low": 0.6, "late": 0.8}
CATEGORY_WEIGHTS = {
    "harassment": 0.03, "extra_papers": 0.15, "late": 0.28, "attitude": 0.15,
    "wrong_guidance": 0.15, "system_fault": 0.14, "other": 0.10,
}  # fmt: skip
CHANNELS = ("direct", "phone", "portal", "portal", "mailbox", "letter", "social", "email")
LATE_SHARE = {"late": 0.7}  # else 8% of answers after the due date
NOT_SATISFIED = {"low": 0.35, "middling": 0.2, "late": 0.3}  # else 10%
PLANTED_HARASSMENT_DAYS = (170, 140, 112, 84, 61, 40, 19)  # days before today
LINK_SHARE = 0.3


@dataclass
class FeedbackSummary:
    items: int = 0
    open: int = 0
    overdue: int = 0
    harassment: int = 0
    recomplaints: int = 0
    by_state: dict[str, int] = field(default_factory=dict)


def _moment(day: dt.date, minute: int) -> dt.datetime:
    naive = dt.datetime.combine(day, dt.time(minute // 60, minute % 60))
    return timezone.make_aware(naive)


def _weekday_before(day: dt.date) -> dt.date:
    while day.weekday() >= 5:
        day -= dt.timedelta(days=1)
    return day


class FeedbackStory:
    def __init__(self, today: dt.date, seed: int, pool: DossierPool) -> None:
        self.today = today
        self.rng = np.random.default_rng([seed, 5, 2])
        self.pool = pool
        self.officer = User.objects.get(username="chuyenvien")
        self.heads = {
            p.cchc_profile.unit_id: p
            for p in User.objects.filter(username__in=["chutichxa", "truongphong"]).select_related(
                "cchc_profile"
            )
            if hasattr(p, "cchc_profile") and p.cchc_profile.unit_id
        }
        self.units = {u.code: u for u in Unit.objects.all()}
        self.numbers: dict[int, int] = defaultdict(int)
        self.dates: list[tuple[int, str, dt.datetime]] = []  # item, audit action, when
        self.summary = FeedbackSummary()

    # one item ---------------------------------------------------------------------------------
    def receive(
        self, unit: SurveyUnit, day: dt.date, category: str, filed: bool = True
    ) -> Feedback:
        rng = self.rng
        n = self.summary.items + 1
        minute = int(rng.integers(450, 1020))
        text = TEXTS[category][int(rng.integers(len(TEXTS[category])))]
        text = text.format(thu_tuc=THU_TUC[int(rng.integers(len(THU_TUC)))])
        linked = self.pool.pick(rng, unit.code, day) if rng.random() < LINK_SHARE else None
        self.numbers[day.year] += 1
        received = _moment(day, minute)
        item = take_in(
            self.officer,
            unit=self.units[unit.code],
            channel=CHANNELS[int(rng.integers(len(CHANNELS)))],
            text=text,
            received_at=received,
            dossier_code=linked[0] if linked else "",
            category=category if filed else "",
            contact=ContactData(fake_name(n), fake_phone(n)),
            code=f"{CODE_PREFIX}{day.year}-{self.numbers[day.year]:04d}",
            now=received,
        )
        self.dates.append((item.pk, "feedback.receive", received))
        self.summary.items += 1
        return item

    def assign(self, item: Feedback, day: dt.date) -> None:
        head = self.heads.get(item.unit_id)
        if head is None:
            return
        feedback_states.assign(self.officer, item, head)
        self.dates.append((item.pk, "feedback.assign", _moment(day, 600)))

    def answer(self, item: Feedback, day: dt.date) -> None:
        who = self.heads.get(item.unit_id, self.officer)
        feedback_states.answer(who, item, ANSWERS[item.category or "other"], day)
        self.dates.append((item.pk, "feedback.answer", _moment(day, 900)))

    def close(self, item: Feedback, day: dt.date, rating: str) -> Feedback | None:
        when = _moment(day, 540)
        again = feedback_states.close(self.officer, item, rating, day, now=when)
        self.dates.append((item.pk, "feedback.close", when))
        if again is not None:
            Feedback.objects.filter(pk=again.pk).update(code=f"{item.code}-TPA")
            again.code = f"{item.code}-TPA"
            if item.category:  # staff file the re-complaint as they filed the item
                feedback_states.choose_category(self.officer, again, item.category)
                self.dates.append((again.pk, "feedback.categorise", when))
            self.dates.append((again.pk, "feedback.receive", when))
            self.summary.items += 1
            self.summary.recomplaints += 1
        return again

    def _answer_day(self, item: Feedback, late: bool) -> dt.date:
        start = item.deemed_receipt_on + dt.timedelta(days=1)
        if late:
            day = item.due_on + dt.timedelta(days=int(self.rng.integers(2, 25)))
        else:
            span = max((item.due_on - start).days, 0)
            day = start + dt.timedelta(days=int(self.rng.integers(0, span + 1)))
        return min(_weekday_before(day) if day > start else day, self.today)

    def follow(self, item: Feedback, profile: str) -> None:
        """The item's life up to today: answered (on time or late), then rated and closed."""
        rng, today = self.rng, self.today
        received = timezone.localtime(item.received_at).date()
        if (today - received).days < 10:  # recent: still with the unit
            if rng.random() < 0.5:
                self.assign(item, min(received + dt.timedelta(days=1), today))
            return
        self.assign(item, min(received + dt.timedelta(days=1), today))
        late = rng.random() < LATE_SHARE.get(profile, 0.08)
        day = self._answer_day(item, late)
        if day < received:
            day = received
        self.answer(item, day)
        if (today - day).days < 7:
            return
        closed = min(day + dt.timedelta(days=int(rng.integers(3, 11))), today)
        draw = rng.random()
        unhappy = NOT_SATISFIED.get(profile, 0.10)
        if late:
            unhappy = max(unhappy, 0.3)
        rating = (
            FeedbackRating.NOT_SATISFIED
            if draw < unhappy
            else FeedbackRating.NONE
            if draw > 0.78
            else FeedbackRating.SATISFIED
        )
        again = self.close(item, closed, rating)
        if again is not None and again.due_on < today:  # the re-complaint answered in time
            answered = min(closed + dt.timedelta(days=int(rng.integers(3, 15))), again.due_on)
            self.assign(again, closed)
            self.answer(again, answered)
            if (today - answered).days >= 5:
                self.close(again, answered + dt.timedelta(days=4), FeedbackRating.SATISFIED)

    # the whole story --------------------------------------------------------------------------
    def category(self) -> str:
        names = list(CATEGORY_WEIGHTS)
        p = np.array([CATEGORY_WEIGHTS[c] for c in names])
        return names[int(self.rng.choice(len(names), p=p / p.sum()))]

    def routine(self, units: list[SurveyUnit], start: dt.date, end: dt.date) -> None:
        """Items received across the span, except in the last 40 days (see around_today)."""
        last = end - dt.timedelta(days=40)
        for unit in sorted(units, key=lambda u: u.code):
            first_day, last_day = max(start, unit.active_from), min(last, unit.active_to)
            months = max(((last_day - first_day).days + 1) / 30.0, 0.0)
            for _ in range(int(self.rng.poisson(ITEMS_PER_MONTH[unit.profile] * months))):
                offset = int(self.rng.integers((last_day - first_day).days + 1))
                day = _weekday_before(first_day + dt.timedelta(days=offset))
                if day < first_day:
                    continue
                item = self.receive(unit, day, self.category())
                self.follow(item, unit.profile)

    def planted_harassment(self, unit: SurveyUnit) -> None:
        """Requests for money at the planted commune: seven items over the last six months, the
        latest still open."""
        for back in PLANTED_HARASSMENT_DAYS:
            day = _weekday_before(self.today - dt.timedelta(days=back))
            if day < unit.active_from:
                continue
            item = self.receive(unit, day, "harassment")
            if back > 30:
                self.follow(item, unit.profile)
            else:
                self.assign(item, day)

    def around_today(self, units: list[SurveyUnit]) -> None:
        """The last 40 days: at most a few items per unit; the planted units' heads have open
        ones (Kim Long: two overdue, one due soon, one new; the land office: one overdue)."""
        open_days = {"middling": (38, 33, 18, 2), "late": (36, 12)}
        current = [u for u in units if u.active_to >= self.today]
        for unit in sorted(current, key=lambda u: u.code):
            for back in open_days.get(unit.profile, ()):
                day = _weekday_before(self.today - dt.timedelta(days=back))
                item = self.receive(unit, day, self.category(), filed=back > 5)
                if back > 5:
                    self.assign(item, day)
            if unit.profile in open_days:
                continue
            for _ in range(int(self.rng.poisson(ITEMS_PER_MONTH[unit.profile] * 1.3))):
                back = int(self.rng.integers(1, 40))
                day = _weekday_before(self.today - dt.timedelta(days=back))
                item = self.receive(unit, day, self.category())
                if back > 18:  # answered: nothing overdue outside the planted units
                    self.assign(item, day)
                    self.answer(item, min(item.due_on, self.today))
                elif back > 5:
                    self.assign(item, day)

    def date_audit(self) -> None:
        """The audit entries on the story's days, in the order they were written."""
        wanted: dict[tuple[str, str], list[dt.datetime]] = defaultdict(list)
        for pk, action, when in self.dates:
            wanted[(str(pk), action)].append(when)
        entries = list(
            AuditEntry.objects.filter(
                object_type="citizens.feedback", object_id__in={k for k, _ in wanted}
            ).order_by("id")
        )
        for entry in entries:
            queue = wanted.get((entry.object_id, entry.action))
            if queue:
                entry.at = queue.pop(0)
        AuditEntry.objects.bulk_update(entries, ["at"], batch_size=500)

    def count(self) -> FeedbackSummary:
        items = Feedback.objects.filter(code__startswith=CODE_PREFIX)
        s = self.summary
        s.by_state = {state: items.filter(state=state).count() for state in FeedbackState.values}
        s.open = s.by_state[FeedbackState.RECEIVED] + s.by_state[FeedbackState.ASSIGNED]
        s.overdue = items.filter(
            state__in=[FeedbackState.RECEIVED, FeedbackState.ASSIGNED], due_on__lt=self.today
        ).count()
        s.harassment = items.filter(category="harassment").count()
        return s
