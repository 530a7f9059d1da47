"""The demo world, built once per module in a rolled-back transaction: real Bà Rịa – Vũng Tàu
units (vietnamadminunits), the demo agencies, the shipped national catalogue. The generator's
inputs are plain data, so they outlive the rollback."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from dataclasses import dataclass

import numpy as np
import polars as pl
import pytest
from django.db import transaction

from cchc.core.calendar import DayArray, WorkingCalendar, build_calendar
from cchc.demo.patterns import PlantedProblems
from cchc.demo.spec import DemoProcedure, DemoUnit
from cchc.dossiers.rulebook.timing import (
    LIMIT_UNIT_CODES,
    Outcome,
    TimingInputs,
    compute_timing,
    open_outcome,
)

END_DATE = dt.date(2026, 10, 31)  # the last full month before "today", 26/11/2026


@dataclass(frozen=True)
class DemoWorld:
    units: list[DemoUnit]
    procedures: list[DemoProcedure]
    planted: PlantedProblems
    validity: dict[str, tuple[dt.date | None, dt.date | None]]  # Unit.valid_from / valid_to
    kinds: dict[str, str]  # Unit.kind


def build_world_in_db() -> None:
    from cchc.core.catalogue import load_national_catalogue
    from cchc.core.units_vn import load_vn_province
    from cchc.demo.agencies import ensure_agencies

    load_vn_province("Bà Rịa - Vũng Tàu")
    ensure_agencies()
    load_national_catalogue()


@pytest.fixture(scope="module")
def world(django_db_setup: None, django_db_blocker: object) -> Iterator[DemoWorld]:
    from cchc.core.models import Procedure, Unit
    from cchc.demo.inputs import choose_planted, demo_procedures, demo_units

    with django_db_blocker.unblock(), transaction.atomic():  # type: ignore[attr-defined]
        build_world_in_db()
        units = demo_units()
        found = World(
            units=units,
            procedures=demo_procedures(Procedure.objects.all()),
            planted=choose_planted(units),
            validity={u.code: (u.valid_from, u.valid_to) for u in Unit.objects.all()},
            kinds={u.code: u.kind for u in Unit.objects.all()},
        )
        transaction.set_rollback(True)
    yield found


World = DemoWorld


@pytest.fixture(scope="module")
def calendar() -> WorkingCalendar:
    return build_calendar()


def _days(frame: pl.DataFrame, column: str) -> DayArray:
    return frame[column].dt.date().to_numpy().astype("datetime64[D]")


def with_timing(
    frame: pl.DataFrame, procedures: list[DemoProcedure], cal: WorkingCalendar
) -> pl.DataFrame:
    """The frame plus the importer's judgement: `late` (finished late or open overdue at the end
    date) and the three hidden-lateness flags, computed by cchc.dossiers.rulebook.timing."""
    by_code = {p.code: p for p in procedures}
    codes = frame["procedure_code"].to_list()
    received = frame["received_at"]
    inputs = TimingInputs(
        received_on=_days(frame, "received_at"),
        received_minute=(received.dt.hour().cast(pl.Int64) * 60 + received.dt.minute()).to_numpy(),
        time_limit=np.array([by_code[c].time_limit for c in codes]),
        limit_unit=np.array([LIMIT_UNIT_CODES[by_code[c].time_unit] for c in codes]),
        cutoff_minute=np.array([by_code[c].cutoff_minute for c in codes]),
        source_due_on=_days(frame, "due_at"),
        paused_days=frame["paused_days"].to_numpy().astype(np.int64),
        finished_on=_days(frame, "finished_at"),
        supplement_requests=frame["supplement_requests"].to_numpy().astype(np.int64),
        apology_issued=frame["apology_issued"].cast(pl.Int8).to_numpy(),
    )
    result = compute_timing(inputs, cal)
    still_open = open_outcome(result.deadline_on, np.datetime64(END_DATE, "D"), cal)
    late = (result.finish_outcome == Outcome.LATE) | (
        (result.finish_outcome == 0) & (still_open == Outcome.OPEN_OVERDUE)
    )
    return frame.with_columns(
        late=pl.Series(late),
        beyond_statutory=pl.Series(result.flag_beyond_statutory),
        late_no_apology=pl.Series(result.flag_late_no_apology),
        repeated_supplements=pl.Series(result.flag_repeated_supplements),
        year=pl.col("received_at").dt.year(),
    )
