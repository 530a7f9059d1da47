"""The demo's satisfaction survey responses (phiếu khảo sát), written to a canonical CSV and
imported with `cchc surveys import` (docs/citizens.md), over the two years before today.

Each unit that receives demo dossiers (communes, agencies, land branches) gets a few answered
forms a month while it is in force; most answers are 4–5. Planted (docs/demo.md): the harassment
commune's answers are low and its citizens often report being asked for money; Kim Long's are
middling, with extra papers asked for. 40% of forms name a real dossier of the unit finished in
the 60 days before the answer, and its procedure.
"""

from __future__ import annotations

import bisect
import csv
import datetime as dt
import zlib
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from cchc.citizens.survey_import import import_surveys
from cchc.core.importing import ImportReport
from cchc.dossiers.models import Dossier

ID_PREFIX = "demo-"
ELEMENTS = ("access", "procedure", "official", "result", "feedback_handling", "overall")
ITEMS = (
    "found_information", "waiting_place", "extra_papers", "trips", "asked_money",
    "clear_guidance", "appointment_kept", "apology_when_late", "gave_feedback",
    "feedback_answered",
)  # fmt: skip
# Probabilities of the answers 1–5 (demo assumptions).
NORMAL = (0.02, 0.03, 0.10, 0.40, 0.45)
MIDDLING = (0.04, 0.08, 0.24, 0.37, 0.27)
LOW = (0.15, 0.20, 0.27, 0.25, 0.13)
FORMS_PER_MONTH = {"commune": 3.0, "agency": 5.0, "land": 4.0}
PLANTED_FORMS_PER_MONTH = 7.0
LINK_SHARE = 0.40
LINK_DAYS = 60


@dataclass(frozen=True)
class SurveyUnit:
    code: str
    kind: str  # commune | agency | land
    active_from: dt.date
    active_to: dt.date
    profile: str = "normal"  # normal | middling | low | late (answers feedback late)

    @property
    def survey_profile(self) -> str:
        return self.profile if self.profile in ("low", "middling") else "normal"


def _profile(unit: SurveyUnit) -> np.ndarray:
    if unit.survey_profile == "low":
        return np.array(LOW)
    if unit.survey_profile == "middling":
        return np.array(MIDDLING)
    shift = 0.08 * (zlib.crc32(unit.code.encode()) % 1000) / 1000  # 77–85% satisfied
    p = np.array(NORMAL)
    p[2] += shift
    p[4] -= shift
    return p


def _months(start: dt.date, end: dt.date) -> list[tuple[dt.date, dt.date]]:
    out = []
    first = start.replace(day=1)
    while first <= end:
        following = (first + dt.timedelta(days=32)).replace(day=1)
        out.append((max(first, start), min(following - dt.timedelta(days=1), end)))
        first = following
    return out


def _weekdays(start: dt.date, end: dt.date) -> list[dt.date]:
    days = [start + dt.timedelta(days=i) for i in range((end - start).days + 1)]
    return [d for d in days if d.weekday() < 5] or days


class DossierPool:
    """Per unit, its dossiers finished in the window, by finish day (to link a form to one)."""

    def __init__(self, codes: list[str], start: dt.date, end: dt.date) -> None:
        self.days: dict[str, list[dt.date]] = defaultdict(list)
        self.rows: dict[str, list[tuple[str, str]]] = defaultdict(list)
        found = (
            Dossier.objects.filter(unit_code__in=codes, finished_on__range=(start, end))
            .order_by("unit_code", "finished_on", "code")
            .values_list("unit_code", "finished_on", "code", "procedure_code")
        )
        for unit, day, code, procedure in found:
            if day is None:  # not possible in the range; for the type checker
                continue
            self.days[unit].append(day)
            self.rows[unit].append((code, procedure))

    def pick(self, rng: np.random.Generator, unit: str, day: dt.date) -> tuple[str, str] | None:
        days = self.days.get(unit, [])
        lo = bisect.bisect_left(days, day - dt.timedelta(days=LINK_DAYS))
        hi = bisect.bisect_right(days, day)
        if hi <= lo:
            return None
        return self.rows[unit][int(rng.integers(lo, hi))]


def _observations(rng: np.random.Generator, profile: str) -> dict[str, str]:
    def yes(p: float) -> str:
        return "yes" if rng.random() < p else "no"

    gave = yes(0.10)
    return {
        "found_information": yes(0.90),
        "waiting_place": yes(0.92),
        "extra_papers": yes({"low": 0.12, "middling": 0.18}.get(profile, 0.05)),
        "trips": str(1 + int(rng.poisson(0.9 if profile != "normal" else 0.3))),
        "asked_money": yes({"low": 0.22}.get(profile, 0.01)),
        "clear_guidance": yes(0.75 if profile != "normal" else 0.90),
        "appointment_kept": yes(0.85 if profile != "normal" else 0.94),
        "apology_when_late": yes(0.6),
        "gave_feedback": gave,
        "feedback_answered": yes(0.8) if gave == "yes" else "",
    }


def survey_rows(
    units: list[SurveyUnit], start: dt.date, end: dt.date, seed: int, pool: DossierPool
) -> list[dict[str, str]]:
    """The forms, in a fixed order from one generator seeded by `seed`."""
    rng = np.random.default_rng([seed, 5, 1])
    rows: list[dict[str, str]] = []
    for unit in sorted(units, key=lambda u: u.code):
        p = _profile(unit)
        planted = unit.survey_profile != "normal"
        lam = PLANTED_FORMS_PER_MONTH if planted else FORMS_PER_MONTH[unit.kind]
        for first, last in _months(max(start, unit.active_from), min(end, unit.active_to)):
            share = ((last - first).days + 1) / 30.0
            days = _weekdays(first, last)
            for _ in range(int(rng.poisson(lam * share))):
                day = days[int(rng.integers(len(days)))]
                ratings = [int(x) for x in rng.choice(5, size=6, p=p) + 1]
                obs = _observations(rng, unit.survey_profile)
                if obs["gave_feedback"] != "yes":
                    ratings[4] = 0  # not asked about the handling of feedback
                linked = pool.pick(rng, unit.code, day) if rng.random() < LINK_SHARE else None
                rows.append({
                    "response_id": f"{ID_PREFIX}s{seed}-{len(rows) + 1:06d}",
                    "unit_code": unit.code,
                    "answered_on": day.isoformat(),
                    "procedure_code": linked[1] if linked else "",
                    "dossier_code": linked[0] if linked else "",
                    **{e: str(r) if r else "" for e, r in zip(ELEMENTS, ratings, strict=True)},
                    **obs,
                })  # fmt: skip
    return rows


def write_and_import(rows: list[dict[str, str]], path: Path) -> ImportReport:
    path.parent.mkdir(parents=True, exist_ok=True)
    header = ["response_id", "unit_code", "answered_on", "procedure_code", "dossier_code",
              *ELEMENTS, *ITEMS]  # fmt: skip
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=header)
        writer.writeheader()
        writer.writerows(rows)
    return import_surveys(path, "canonical")
