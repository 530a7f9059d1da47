"""Inspections across the reorganisations (tests/web/lineage_world.py): the successor's head reads
a predecessor's inspections and corrective actions but changes none dated before he took over;
the head of an ended unit reads his unit's own and changes nothing; an unrelated head sees none.

Answers as in test_web_permissions.py: 200 page, 302 write done, 403 refused, 404 hidden.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

import pytest
from django.test import Client

from cchc.core.models import AuditEntry, Unit
from cchc.inspections import services
from cchc.inspections.models import CorrectiveAction, Inspection
from tests.inspections.steps import conclude, walk
from tests.inspections.web_world import evidence_file
from tests.web.lineage_world import AN_NHUT, DISTRICT, LineageWorld, build_lineage_world


@dataclass
class Records:
    world: LineageWorld
    an_nhut_2024: Inspection  # before Xã Long Điền took An Nhứt's work over (01/07/2025)
    action_2024: CorrectiveAction
    action_late_code: CorrectiveAction  # An Nhứt's code, inspection dated after the takeover
    district_2024: Inspection
    district_action: CorrectiveAction


def _inspection(unit: str, day: dt.date) -> tuple[Inspection, CorrectiveAction]:
    inspection = services.create_inspection(
        None, kind="surprise", unit=Unit.objects.get(code=unit), date=day
    )
    walk(inspection)
    finding = services.record_finding(
        None, inspection, category="publicity", severity="correction", description="Thiếu niêm yết"
    )
    conclude(inspection)
    action = services.raise_action(
        None, finding, description="Niêm yết lại", deadline=day + dt.timedelta(days=30)
    )
    return inspection, action


@pytest.fixture
def records(db: None) -> Records:
    world = build_lineage_world()
    an_nhut, action = _inspection(AN_NHUT, dt.date(2024, 5, 10))
    _, late_code = _inspection(AN_NHUT, dt.date(2025, 8, 4))
    district, district_action = _inspection(DISTRICT, dt.date(2024, 6, 3))
    return Records(world, an_nhut, action, late_code, district, district_action)


def _client(records: Records, persona: str) -> Client:
    client = Client()
    client.force_login(records.world.users[persona])
    return client


def _report(client: Client, action: CorrectiveAction) -> int:
    url = f"/kiem-tra/khac-phuc/{action.pk}/report/"
    return int(client.post(url, {"text": "Đã niêm yết", "evidence": evidence_file()}).status_code)


PAGES = {  # persona → (An Nhứt's 2024 inspection, the district's 2024 inspection)
    "officer": (200, 200),
    "ward_head": (200, 200),
    "district_head": (404, 200),  # today his unit is only itself: its own past stays his
    "office_head": (404, 404),
    "vung_tau_head": (404, 404),
}


@pytest.mark.parametrize("persona", list(PAGES))
def test_who_reads_a_predecessors_inspections(records: Records, persona: str) -> None:
    client = _client(records, persona)
    got = (
        client.get(f"/kiem-tra/{records.an_nhut_2024.pk}/").status_code,
        client.get(f"/kiem-tra/{records.district_2024.pk}/").status_code,
    )
    assert got == PAGES[persona]


REPORTS: dict[str, dict[str, int]] = {  # action → persona → answer to "report done"
    "action_2024": {"officer": 302, "ward_head": 403, "vung_tau_head": 404},
    "district_action": {"officer": 302, "ward_head": 403, "district_head": 403},
    "action_late_code": {"ward_head": 302},  # dated after the takeover: the successor answers
}


@pytest.mark.parametrize(
    ("action", "persona"), [(a, p) for a, answers in REPORTS.items() for p in answers]
)
def test_history_is_read_only_before_the_takeover(
    records: Records, action: str, persona: str
) -> None:
    target: CorrectiveAction = getattr(records, action)
    before = AuditEntry.objects.count()
    status = _report(_client(records, persona), target)
    assert status == REPORTS[action][persona]
    changed = CorrectiveAction.objects.get(pk=target.pk).state == "reported"
    assert changed == (status == 302)
    assert (AuditEntry.objects.count() > before) == (status == 302)


def test_the_page_offers_no_report_form_on_a_predecessors_action(records: Records) -> None:
    page: Any = _client(records, "ward_head").get(f"/kiem-tra/{records.an_nhut_2024.pk}/")
    html = page.content.decode()
    assert "Niêm yết lại" in html
    assert f"/kiem-tra/khac-phuc/{records.action_2024.pk}/report/" not in html
