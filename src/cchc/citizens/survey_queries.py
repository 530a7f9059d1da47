"""Survey figures from the database: per unit, per element, per period. A response counts in the
period of its answered_on, under the unit code it was imported with; the results by unit follow
the project's two unit views (core.unit_views): as was, or as is (a former unit's responses added
to the unit that carries on its work today).

`satisfaction_counts` is the plain function the 766 index, the public page and the risk model
call; the rest serve the pages and `cchc surveys results`.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Collection
from dataclasses import dataclass

from django.conf import settings
from django.db.models import Count, Q

from cchc.citizens.models_surveys import SurveyResponse
from cchc.citizens.survey_questionnaire import ELEMENTS, Questionnaire, read_questionnaire
from cchc.citizens.survey_rules import SATISFIED_FROM, Satisfaction, satisfaction
from cchc.core.models import Unit
from cchc.core.unit_views import UnitFrame
from cchc.dossiers.periods import Period


def min_ranked() -> int:
    """Fewest answers for a unit to be ranked (CCHC_SURVEY_MIN_RANKED)."""
    return int(getattr(settings, "SURVEY_MIN_RANKED", 30))


def _check_element(element: str) -> None:
    if element not in ELEMENTS:
        raise ValueError(
            f"Yếu tố {element!r} không có; dùng {', '.join(ELEMENTS)}"
            f" (unknown element; use one of these)"
        )


def _in(start: dt.date, end: dt.date, unit_codes: Collection[str] | None) -> Q:
    q = Q(answered_on__gte=start, answered_on__lte=end)
    return q if unit_codes is None else q & Q(unit_code__in=sorted(set(unit_codes)))


def satisfaction_counts(
    start: dt.date,
    end: dt.date,
    element: str = "overall",
    unit_codes: Collection[str] | None = None,
) -> dict[str, tuple[int, int]]:
    """unit code → (responses answering `element`, of which satisfied: 4 or 5), for responses
    answered from `start` to `end` inclusive. Units without answers are absent."""
    _check_element(element)
    rows = (
        SurveyResponse.objects.filter(_in(start, end, unit_codes), **{f"{element}__isnull": False})
        .values("unit_code")
        .annotate(n=Count("id"), ok=Count("id", filter=Q(**{f"{element}__gte": SATISFIED_FROM})))
    )
    return {r["unit_code"]: (int(r["n"]), int(r["ok"])) for r in rows}


def response_counts(
    start: dt.date, end: dt.date, unit_codes: Collection[str] | None = None
) -> dict[str, int]:
    rows = SurveyResponse.objects.filter(_in(start, end, unit_codes)).values("unit_code")
    return {r["unit_code"]: int(r["n"]) for r in rows.annotate(n=Count("id"))}


def unit_names(codes: Collection[str]) -> dict[str, str]:
    return dict(Unit.objects.filter(code__in=sorted(set(codes))).values_list("code", "name"))


@dataclass(frozen=True)
class UnitResult:
    unit_code: str
    unit_name: str
    responses: int
    now: Satisfaction
    last_year: Satisfaction
    ranked: bool  # enough answers to be ranked (min_ranked)

    @property
    def change(self) -> float | None:
        if self.now.share is None or self.last_year.share is None:
            return None
        return self.now.share - self.last_year.share


def fold(counts: dict[str, tuple[int, int]], frame: UnitFrame | None) -> dict[str, tuple[int, int]]:
    """Counts by imported unit code placed on the frame's units (as is: summed into the unit that
    carries on a former unit's work)."""
    if frame is None or not frame.targets:
        return counts
    out: dict[str, tuple[int, int]] = {}
    for code, (answered, satisfied) in counts.items():
        shown = frame.shown(code)
        before = out.get(shown, (0, 0))
        out[shown] = (before[0] + answered, before[1] + satisfied)
    return out


def former_codes(unit_code: str, frame: UnitFrame | None) -> list[str]:
    """The imported unit codes counted for `unit_code`: itself, and as is its former units."""
    if frame is None:
        return [unit_code]
    return sorted({unit_code} | {old for old, new in frame.targets.items() if new == unit_code})


def unit_results(
    period: Period,
    element: str = "overall",
    unit_codes: Collection[str] | None = None,
    frame: UnitFrame | None = None,
) -> list[UnitResult]:
    """Every unit with responses in the period (or the same period last year), ranked units
    first by share satisfied (highest first), then the others by name. `frame`: the unit view
    (None: as imported)."""
    before = period.previous_year()
    now = fold(satisfaction_counts(period.start, period.end, element, unit_codes), frame)
    then = fold(satisfaction_counts(before.start, before.end, element, unit_codes), frame)
    plain = response_counts(period.start, period.end, unit_codes)
    responses = {k: v for k, (v, _) in fold({k: (v, 0) for k, v in plain.items()}, frame).items()}
    codes = set(now) | set(then) | set(responses)
    names = unit_names(codes)
    minimum = min_ranked()
    rows = [
        UnitResult(
            unit_code=code,
            unit_name=names.get(code, code),
            responses=responses.get(code, 0),
            now=satisfaction(*now.get(code, (0, 0))),
            last_year=satisfaction(*then.get(code, (0, 0))),
            ranked=now.get(code, (0, 0))[0] >= minimum,
        )
        for code in codes
    ]
    return sorted(
        rows,
        key=lambda r: (not r.ranked, -(r.now.share or 0.0) if r.ranked else 0.0, r.unit_name),
    )


@dataclass(frozen=True)
class ElementResult:
    code: str
    name: str
    now: Satisfaction
    last_year: Satisfaction


@dataclass(frozen=True)
class ItemResult:
    """An observation item: how many answered it, how many reported the problem (or the mean
    for a count such as the number of trips)."""

    code: str
    text: str
    kind: str
    answered: int
    problems: int
    mean: float | None

    @property
    def problem_share(self) -> float | None:
        return self.problems / self.answered if self.answered and self.kind == "yes_no" else None


@dataclass(frozen=True)
class UnitDetail:
    unit_code: str
    unit_name: str
    responses: int
    elements: list[ElementResult]
    lowest: list[ElementResult]  # the lowest-rated elements (overall left out), worst first
    items: list[ItemResult]


def _element_results(q: Q, questionnaire: Questionnaire) -> dict[str, Satisfaction]:
    aggregates = {}
    for element in ELEMENTS:
        aggregates[f"{element}_n"] = Count("id", filter=Q(**{f"{element}__isnull": False}))
        aggregates[f"{element}_ok"] = Count("id", filter=Q(**{f"{element}__gte": SATISFIED_FROM}))
    got = SurveyResponse.objects.filter(q).aggregate(**aggregates)
    return {e: satisfaction(int(got[f"{e}_n"]), int(got[f"{e}_ok"])) for e in ELEMENTS}


def _items(q: Q, questionnaire: Questionnaire) -> list[ItemResult]:
    sums: dict[str, list[int]] = {i.code: [0, 0, 0] for i in questionnaire.items}  # n, bad, total
    for observed in SurveyResponse.objects.filter(q).values_list("observations", flat=True):
        for code, value in (observed or {}).items():
            if code not in sums:
                continue
            item = questionnaire.item(code)
            sums[code][0] += 1
            if item.kind == "count" and isinstance(value, int):
                sums[code][2] += value
            elif item.bad and value == item.bad:
                sums[code][1] += 1
    out = []
    for item in questionnaire.items:
        n, bad, total = sums[item.code]
        mean = total / n if item.kind == "count" and n else None
        out.append(ItemResult(item.code, item.text, item.kind, n, bad, mean))
    return out


def unit_detail(
    unit_code: str,
    period: Period,
    questionnaire: Questionnaire | None = None,
    lowest: int = 2,
    frame: UnitFrame | None = None,
) -> UnitDetail:
    form = questionnaire or read_questionnaire()
    codes = former_codes(unit_code, frame)
    before = period.previous_year()
    now = _element_results(_in(period.start, period.end, codes), form)
    then = _element_results(_in(before.start, before.end, codes), form)
    elements = [ElementResult(e, form.name_of(e), now[e], then[e]) for e in ELEMENTS]
    rated = [e for e in elements if e.code != "overall" and e.now.share is not None]
    worst = sorted(rated, key=lambda e: (e.now.share or 0.0, e.code))[:lowest]
    responses = SurveyResponse.objects.filter(_in(period.start, period.end, codes)).count()
    return UnitDetail(
        unit_code=unit_code,
        unit_name=unit_names([unit_code]).get(unit_code, unit_code),
        responses=responses,
        elements=elements,
        lowest=worst,
        items=_items(_in(period.start, period.end, codes), form),
    )
