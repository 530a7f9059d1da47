"""Run the planner on the database and store the run so an auditor can reproduce it.

The planner ranks the units of its day as they are (risk_inputs.planner_frame): the run records
that view and day (`PlanRun.inputs["units"]`); a replay uses what the run stored.
"""

from __future__ import annotations

import datetime as dt
import secrets
from collections.abc import Collection, Sequence
from pathlib import Path
from typing import Any

from django.contrib.auth.models import AbstractBaseUser, AnonymousUser
from django.db import transaction
from django.db.models import Q

from cchc.core.audit import record_change, snapshot
from cchc.core.models import Unit, UnitKind
from cchc.core.unit_views import UnitFrame, UnitView, parse_view
from cchc.core.vn_format import vn_date
from cchc.dossiers.models import Dossier
from cchc.dossiers.periods import Period
from cchc.dossiers.rulebook import rules as rulebook
from cchc.dossiers.rulebook.period import reference_date
from cchc.dossiers.selection import condition
from cchc.inspections.config import load_risk_config, load_rules
from cchc.inspections.input_source import InputSource, recorded_source, resolve
from cchc.inspections.models import PlanPick, PlanRun
from cchc.inspections.permissions import require_planner
from cchc.inspections.planning import Plan, PlanRequest, make_plan
from cchc.inspections.risk import RiskTable, score_units
from cchc.inspections.risk_inputs import gather_risk_inputs, last_inspected, planner_frame
from cchc.inspections.risk_reasons import reason_of
from cchc.inspections.samples_db import draw_samples
from cchc.inspections.sampling import SampleRule

VISITED_KINDS = (UnitKind.AGENCY, UnitKind.DISTRICT, UnitKind.COMMUNE)


def candidate_units(period: Period, frame: UnitFrame | None = None) -> list[str]:
    """Units that can be visited, valid on the frame's day (default: the period's end): agencies,
    districts and communes, and the divisions that received dossiers in the period themselves or
    through a unit that became them (e.g. the land registry branches, which handle most land
    dossiers: "2 đơn vị có hồ sơ trễ hẹn trong lĩnh vực đất đai")."""
    day = frame.day if frame is not None else period.end
    valid = Unit.objects.filter(
        Q(valid_from__isnull=True) | Q(valid_from__lte=day),
        Q(valid_to__isnull=True) | Q(valid_to__gte=day),
    )
    codes = list(valid.filter(kind__in=VISITED_KINDS).values_list("code", flat=True))
    received_in = condition(rulebook.RECEIVED, {"start": period.start, "end": period.end})
    targets = frame.targets if frame is not None else {}
    for code in valid.filter(kind=UnitKind.DIVISION).values_list("code", flat=True):
        # one index probe each (unit_code, received_on): divisions are few
        own = [code, *(old for old, new in targets.items() if new == code)]
        received = Dossier.objects.filter(received_in, unit_code__in=own)
        if received.exists():
            codes.append(code)
    return codes


def units_of(run: PlanRun) -> dict[str, str]:
    """The view the run ranked its units in and the structure's day; runs stored before the
    view was recorded ranked the units valid at the period's end, as they were."""
    recorded = run.inputs.get("units")
    if recorded:
        return {"view": str(recorded["view"]), "day": str(recorded["day"])}
    return {"view": UnitView.AS_WAS.slug, "day": run.period_end.isoformat()}


def units_text(units: dict[str, str]) -> str:
    """ "Đơn vị hiện nay, gộp đơn vị tiền thân, cơ cấu ngày 15/01/2026"."""
    view = parse_view(units["view"])
    return f"{view.label}, cơ cấu ngày {vn_date(dt.date.fromisoformat(units['day']))}"


def frame_units(frame: UnitFrame) -> dict[str, str]:
    return {"view": frame.view.slug, "day": frame.day.isoformat()}


def drivers(table: RiskTable, top: int = 3) -> dict[str, str]:
    """Per unit, the factors that contribute most to its score, and the citizens' voice."""
    return {unit.unit_code: reason_of(unit, top) for unit in table.ranked()}


def plan_request(
    period: Period,
    *,
    periodic: Sequence[str],
    surprise_k: int,
    rotation_k: int,
    seed: int,
    unit_codes: Collection[str] | None = None,
    weights_file: Path | None = None,
    as_of: dt.date | None = None,
    source_name: str = "auto",
    source: InputSource | None = None,
    frame: UnitFrame | None = None,
) -> tuple[PlanRequest, RiskTable]:
    """The planner's request: risk scores (counted by `source`, else by `source_name`) of the
    units as they are on `frame`'s day (default: `planner_frame`), history."""
    config = load_risk_config(weights_file)
    rules = load_rules()
    source = source or resolve(source_name)
    frame = frame or planner_frame(period, as_of)
    codes = set(unit_codes) if unit_codes is not None else set(candidate_units(period, frame))
    inputs = gather_risk_inputs(period, config, codes or None, as_of, source, frame)
    table = score_units(inputs, config)
    reference = reference_date(period.end, as_of or dt.date.today())
    last = last_inspected(reference, frame)
    all_codes = tuple(sorted(set(inputs.unit_codes)))
    request = PlanRequest(
        period_label=period.label,
        period_end=period.end,
        unit_codes=all_codes,
        scores={c: round(s, 6) for c, s in table.score_of().items()},
        drivers=drivers(table),
        periodic=tuple(periodic),
        surprise_k=surprise_k,
        rotation_k=rotation_k,
        seed=seed,
        last_inspected={c: last.get(c) for c in all_codes},
        cycle_years=rules.cycle_years,
        pool_factor=rules.pool_factor,
        min_weight=rules.min_weight,
    )
    return request, table


@transaction.atomic
def run_plan(
    period: Period,
    *,
    user: AbstractBaseUser | AnonymousUser | None,
    periodic: Sequence[str] = (),
    surprise_k: int = 0,
    rotation_k: int = 0,
    seed: int | None = None,
    unit_codes: Collection[str] | None = None,
    weights_file: Path | None = None,
    as_of: dt.date | None = None,
    source_name: str = "auto",
) -> tuple[PlanRun, Plan]:
    """Score, draw, pick sample dossiers and store the run (with an audit entry).

    `source_name` ("auto", "database", "store"; input_source.py) reads the dossiers for the risk
    inputs and the samples; the run records which one did (inputs["source"]).
    """
    require_planner(user)
    seed = seed if seed is not None else secrets.randbits(63)
    source = resolve(source_name)
    frame = planner_frame(period, as_of)
    request, _table = plan_request(
        period,
        periodic=periodic,
        surprise_k=surprise_k,
        rotation_k=rotation_k,
        seed=seed,
        unit_codes=unit_codes,
        weights_file=weights_file,
        as_of=as_of,
        source=source,
        frame=frame,
    )
    plan = make_plan(request)
    config = load_risk_config(weights_file)
    rules = load_rules()
    rule = SampleRule(**rules.sample)
    author: Any = user if user is not None and user.is_authenticated else None
    run = PlanRun.objects.create(
        created_by=author,
        period_label=period.label,
        period_start=period.start,
        period_end=period.end,
        seed=seed,
        weights_version=config.version,
        weights={"risk": config.raw, "rules": rules.raw},
        inputs=request.to_json()
        | {
            "source": source.to_json(),
            "units": frame_units(frame),
        },
        result=plan.to_json(),
    )
    reference = reference_date(period.end, as_of or dt.date.today())
    picked = {p.unit_code for p in plan.picks}
    samples = draw_samples(source.analytics, picked, period, reference, rule, seed, frame.targets)
    PlanPick.objects.bulk_create(
        PlanPick(
            run=run,
            unit_code=pick.unit_code,
            kind=pick.kind,
            rank=pick.rank,
            score=pick.score,
            reason=pick.reason,
            sample=samples[pick.unit_code],
        )
        for pick in plan.picks
    )
    record_change(user, "plan_run", run, None, snapshot(run) | {"picks": plan.to_json()["picks"]})
    return run, plan


def replay(run: PlanRun) -> Plan:
    """The plan recomputed from the stored inputs; equal to the stored result if untampered."""
    return make_plan(PlanRequest.from_json(run.inputs))


def input_source_of(run: PlanRun) -> dict[str, Any]:
    """Which source counted the run's inputs (input_source.recorded_source)."""
    return recorded_source(run.inputs.get("source"))


def stored_plan(run: PlanRun) -> dict[str, Any]:
    return dict(run.result)
