"""The planner's source (auto: the store when current, else the database) and batched samples.

The store is built and refreshed by the real code (indicators.store), made stale by a real import
(cchc.dossiers.importer); nothing is mocked.
"""

from __future__ import annotations

import csv
import datetime as dt
import json
import re
from pathlib import Path

import numpy as np
import numpy.typing as npt
import pytest

from cchc.analytics.gateway import Analytics
from cchc.analytics.store import rebuild, refresh_after_import
from cchc.cli import main
from cchc.core.models import Procedure
from cchc.dossiers import selection
from cchc.dossiers.importer import import_dossiers
from cchc.dossiers.models import Dossier
from cchc.dossiers.periods import parse_period
from cchc.dossiers.rulebook import rules
from cchc.dossiers.rulebook.timing import Outcome
from cchc.inspections.input_source import resolve
from cchc.inspections.models import PlanPick, PlanRun
from cchc.inspections.planning import PlanRequest
from cchc.inspections.plans import input_source_of, plan_request, run_plan
from cchc.inspections.risk import RiskTable
from cchc.inspections.samples_db import draw_samples
from cchc.inspections.sampling import SampleRule, generator
from tests.inspections.world import build_world, bulk_dossiers, dossier

D = dt.date
Y2024 = parse_period("2024")
IN_Y2024_RULE = rules.COUNTED & rules.IN_PERIOD
UNITS = ("SXD", "X1", "X2", "X3", "NONE")  # NONE: a planned unit without dossiers


def _province() -> None:
    build_world()
    Procedure.objects.create(code="TT-HT-01", name="Đăng ký khai sinh", sector="Hộ tịch")
    bulk_dossiers("X1", D(2024, 1, 2), 90, late=30, sector="Đất đai")
    bulk_dossiers("X2", D(2024, 1, 2), 80, late=4, flag_late_no_apology=True)
    bulk_dossiers("SXD", D(2024, 1, 2), 40, late=2, flag_repeated_supplements=True)
    for day in range(1, 13):  # X1: open at the end of 2024, half past the deadline, some flagged
        deadline = (D(2025, 1, 5) if day % 2 else D(2024, 12, 20)) if day < 12 else None
        dossier("X1", D(2024, 12, day), deadline, None, flag_beyond_statutory=day % 3 == 0)
    dossier("X3", D(2024, 3, 1), D(2024, 3, 10), D(2024, 3, 12))
    dossier("X3", D(2024, 3, 1), D(2024, 3, 10), D(2025, 1, 8))  # finished after the period
    dossier("X1", D(2023, 5, 1), D(2023, 5, 10), D(2023, 6, 1))  # out of the period


def _import_csv(path: Path, rows: int) -> Path:
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(["dossier_code", "procedure_code", "unit_code", "channel",
                         "received_at", "finished_at", "applicant_id"])  # fmt: skip
        for i in range(rows):
            writer.writerow([f"NHAP-{i:06d}", "TT-HT-01", "X3", "online", "01/07/2024 08:15",
                             "05/07/2024 10:00", f"0010990{i:05d}"])  # fmt: skip
    return path


@pytest.mark.django_db
def test_auto_uses_the_store_only_while_it_holds_the_latest_import(tmp_path: Path) -> None:
    _province()
    assert resolve("auto").source == "database"  # no store yet: the database answers
    assert resolve("database").source == "database"
    rebuild()
    current = resolve("auto")
    assert (current.source, current.requested) == ("store", "auto")
    assert resolve("database").source == "database"  # forced
    assert resolve("sql").source == "database"  # the name of older scripts

    # A new import (its refresh hook runs on commit, which this test's transaction never does)
    # leaves the store behind the database: auto falls back to SQL and counts the new dossiers.
    result = import_dossiers(_import_csv(tmp_path / "x3.csv", 7))
    stale = resolve("auto")
    assert stale.source == "database" and stale.data_as_of is not None
    request, _ = _plan_request()
    assert request.scores["X3"] != _plan_request("store")[0].scores["X3"]

    refresh_after_import(result.batch_id)  # the real refresh: the store is current again
    assert resolve("auto").source == "store"
    assert _plan_request()[0].scores == request.scores  # same counts from either source
    with pytest.raises(ValueError, match="Nguồn không hợp lệ"):
        resolve("spark")


def _plan_request(source: str = "auto") -> tuple[PlanRequest, RiskTable]:
    return plan_request(
        Y2024,
        periodic=(),
        surprise_k=2,
        rotation_k=1,
        seed=3,
        as_of=D(2025, 6, 1),
        source_name=source,
    )


def _reference_sample(unit: str, seed: int, rule: SampleRule) -> list[dict[str, str]]:
    """The sample as drawn before batching: one query for the unit, the draw over its rows."""
    rows = list(
        Dossier.objects.filter(
            selection.condition(IN_Y2024_RULE, {"start": Y2024.start, "end": Y2024.end}),
            unit_code=unit,
        )
        .order_by("code")
        .values_list("code", "finish_outcome", "finished_on", "deadline_on",
                     "flag_beyond_statutory", "flag_late_no_apology", "flag_repeated_supplements")
    )  # fmt: skip
    end = Y2024.end
    late = np.array(
        [
            (f is not None and f <= end and o == Outcome.LATE)
            or ((f is None or f > end) and d is not None and d < end)
            for _, o, f, d, *_ in rows
        ],
        dtype=bool,
    )
    flagged = np.array([any(r[4:]) for r in rows], dtype=bool) & ~late
    rest = ~late & ~flagged
    rng = generator(seed, unit)
    out: list[dict[str, str]] = []
    for mask, size, reason in (
        (late, rule.late_size(int(late.sum())), "late"),
        (flagged, min(int(flagged.sum()), rule.flagged_max), "flagged"),
        (rest, min(int(rest.sum()), rule.control), "control"),
    ):
        idx: npt.NDArray[np.int64] = np.flatnonzero(mask)
        if size > 0:
            chosen = np.sort(rng.choice(idx, size=size, replace=False))
            out.extend({"code": rows[i][0], "reason": reason} for i in chosen)
    return out


@pytest.mark.django_db
@pytest.mark.parametrize("source", ["database", "store"])
def test_batched_samples_equal_the_per_visit_draw(source: str) -> None:
    _province()
    rebuild()
    analytics = Analytics.current(source)  # type: ignore[arg-type]
    rule = SampleRule(late_min=3, late_max=10, flagged_max=5, control=5)
    for seed in (1, 42, 2**62 + 5):
        drawn = draw_samples(analytics, UNITS, Y2024, Y2024.end, rule, seed)
        assert drawn == {u: _reference_sample(u, seed, rule) for u in UNITS}
        assert draw_samples(analytics, UNITS[::-1], Y2024, Y2024.end, rule, seed) == drawn
    sample = draw_samples(analytics, UNITS, Y2024, Y2024.end, rule, 1)
    reasons = ("late", "flagged", "control")
    sizes = {u: {r: sum(s["reason"] == r for s in sample[u]) for r in reasons} for u in UNITS}
    # X1: 30 ended late + 5 open past the deadline → ⌈√35⌉ = 6; flagged, not late: days 3, 9, 12
    assert sizes["X1"] == {"late": 6, "flagged": 3, "control": 5}
    assert sizes["X2"] == {"late": 3, "flagged": 5, "control": 0}  # every X2 dossier is flagged
    # X3: one ended late, one finished after the period but past its deadline at the period's end
    assert sizes["X3"] == {"late": 2, "flagged": 0, "control": 0}
    assert sample["NONE"] == []
    assert draw_samples(analytics, UNITS, Y2024, Y2024.end, rule, 2) != sample  # seed matters
    assert draw_samples(analytics, ["X1"], Y2024, Y2024.end, rule, 1) == {"X1": sample["X1"]}
    assert draw_samples(analytics, [], Y2024, Y2024.end, rule, 1) == {}


@pytest.mark.django_db(transaction=True)
def test_plan_records_its_source_and_is_the_same_from_either(
    capsys: pytest.CaptureFixture[str],
) -> None:
    _province()
    rebuild()
    args = ["inspections", "plan", "--period", "2024", "--periodic", "SXD", "--surprise", "2",
            "--rotation", "1", "--seed", "9", "--as-of", "2025-01-15",
            "--format", "json"]  # fmt: skip
    assert main(args) == 0  # default: auto, and the store is current
    auto = json.loads(capsys.readouterr().out)
    assert auto["source"]["source"] == "store" and auto["source"]["requested"] == "auto"
    assert main([*args, "--source", "database"]) == 0
    sql = json.loads(capsys.readouterr().out)
    assert sql["source"]["source"] == "database"
    assert auto["picks"] == sql["picks"]  # same scores, draws and samples
    assert sum(len(p["sample"]) for p in auto["picks"]) > 10
    run = PlanRun.objects.get(pk=auto["run_id"])
    assert input_source_of(run)["source"] == "store"
    assert PlanPick.objects.filter(run=run).count() == len(auto["picks"])
    assert main(["inspections", "replay", str(run.pk)]) == 0  # the recorded source is no input
    assert "KHỚP" in capsys.readouterr().out
    assert main([*args[:-2]]) == 0
    text = capsys.readouterr().out
    assert "kho phân tích" in text
    assert "+00:00" not in text and "dữ liệu đến (data as of) " in text  # a local time, dd/mm/yyyy
    assert re.search(r"dữ liệu đến \(data as of\) \d\d/\d\d/\d{4} \d\d:\d\d", text)


@pytest.mark.django_db
def test_run_plan_service_defaults_to_auto() -> None:
    world = build_world()
    bulk_dossiers("X1", D(2024, 1, 2), 20, late=5)
    run, _ = run_plan(Y2024, user=world.officer, surprise_k=1, seed=4, as_of=D(2025, 1, 1))
    assert input_source_of(run)["source"] == "database"  # no store: the database
    rebuild()
    run, _ = run_plan(Y2024, user=world.officer, surprise_k=1, seed=4, as_of=D(2025, 1, 1))
    assert input_source_of(run) | {"data_as_of": None} == {
        "source": "store",
        "requested": "auto",
        "data_as_of": None,
    }


@pytest.mark.django_db
def test_risk_and_plan_pages_say_which_source_counted() -> None:
    from django.test import Client

    from tests.inspections.web_world import build_inspection_world

    iw = build_inspection_world()  # its plan was drawn before any store existed
    client = Client()
    client.force_login(iw.world.users["officer"])
    database, store = "cơ sở dữ liệu hệ thống", "kho phân tích"
    page = client.get("/kiem-tra/rui-ro/?period=2024-H1").content.decode()
    assert database in page and store not in page
    assert database in client.get(f"/kiem-tra/ke-hoach/{iw.run.pk}/").content.decode()
    rebuild()
    from_store = client.get("/kiem-tra/rui-ro/?period=2024-H1").content.decode()
    assert store in from_store
    assert _ranking(page) and _ranking(from_store) == _ranking(page)  # same from either source


def _ranking(html: str) -> list[str]:
    import re

    return re.findall(r'<span class="code-line">([^<]+)</span></td><td class="num"><strong>', html)
