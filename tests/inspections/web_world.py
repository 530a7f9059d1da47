"""The web test province (tests/web/world.py) plus inspection records for page and API tests.

- a plan run for 2024-H1 (by the command line, user None);
- inspection of commune X011 (inside district H01) with the `inspector` leading its team,
  concluded, one finding and one corrective action owned by X011, reported with an evidence
  file by its chairman;
- a second action of X011, still open (for the report step);
- inspection of commune X021 (district H02), concluded: hidden from the heads in district H01.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.core.files.uploadedfile import SimpleUploadedFile

from cchc.dossiers.periods import parse_period
from cchc.inspections import services
from cchc.inspections.models import CorrectiveAction, Evidence, Inspection, PlanRun
from cchc.inspections.plans import run_plan
from tests.inspections.steps import conclude, walk
from tests.web.world import World, build_world


@dataclass
class InspectionWorld:
    world: World
    run: PlanRun
    x011: Inspection
    x021: Inspection
    reported: CorrectiveAction  # X011's, reported with evidence
    open_action: CorrectiveAction  # X011's, still open
    evidence: Evidence


def evidence_file(name: str = "bien-ban-khac-phuc.pdf") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, b"%PDF-1.4 minh chung", content_type="application/pdf")


def build_inspection_world() -> InspectionWorld:
    world = build_world()
    users = world.users
    run, _ = run_plan(parse_period("2024-H1"), user=None, surprise_k=2, rotation_k=1, seed=7)
    x011 = services.create_inspection(
        None,
        kind="surprise",
        unit=world.commune11,
        date=dt.date(2024, 5, 20),
        team=[users["inspector"]],
        leader=users["inspector"],
        decision_number="15/QĐ-ĐKT",
    )
    walk(x011)
    finding = services.record_finding(
        None,
        x011,
        category="sensitive_dossiers",
        severity="correction",
        description="Hồ sơ đất đai trễ hạn không có văn bản xin lỗi",
        dossier_codes=["HS-00002"],  # a dossier of X011 (tests/web/world.py)
    )
    conclude(x011)
    reported = services.raise_action(
        None, finding, description="Gửi văn bản xin lỗi", deadline=dt.date(2024, 6, 30)
    )
    report = services.report_done(users["chair_x011"], reported, "Đã gửi", [evidence_file()])
    open_action = services.raise_action(
        None, finding, description="Rà soát quy trình", deadline=dt.date(2024, 7, 15)
    )
    x021 = services.create_inspection(
        None, kind="periodic", unit=world.commune21, date=dt.date(2024, 4, 2)
    )
    walk(x021)
    other = services.record_finding(
        None, x021, category="publicity", severity="reminder", description="Thiếu niêm yết"
    )
    conclude(x021)
    services.raise_action(None, other, description="Niêm yết lại", deadline=dt.date(2024, 5, 2))
    return InspectionWorld(world, run, x011, x021, reported, open_action, report.evidence.get())
