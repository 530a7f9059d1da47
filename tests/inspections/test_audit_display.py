"""The inspection page's audit trail reads as Vietnamese: field names, choice labels, unit and
user names, dates dd/mm/yyyy and times in local time; never ISO text, UTC offsets or raw ids."""

from __future__ import annotations

import re

import pytest
from django.test import Client
from django.utils import timezone

from cchc.core.models import AuditEntry
from cchc.core.vn_format import vn_datetime
from tests.inspections.web_world import InspectionWorld, build_inspection_world


@pytest.fixture
def iw(db: None) -> InspectionWorld:
    return build_inspection_world()


def _audit_section(iw: InspectionWorld) -> str:
    client = Client()
    client.force_login(iw.world.users["officer"])
    page = client.get(f"/kiem-tra/{iw.x011.pk}/").content.decode()
    return page[page.index('id="nhat-ky"') :]


def test_the_audit_trail_shows_labels_names_and_local_times(iw: InspectionWorld) -> None:
    audit = _audit_section(iw)
    assert not re.search(r"\d{4}-\d\d-\d\d", audit)  # no ISO dates
    assert "+00:00" not in audit and "UTC" not in audit
    for raw in ("kind:", "unit_id", "created_at", "deadline:", "state:", "inspections."):
        assert raw not in audit
    assert "hình thức: Đột xuất" in audit  # the choice's label, not "surprise"
    assert f"đơn vị được kiểm tra: {iw.world.commune11.name}" in audit  # not the unit's id
    assert "hạn khắc phục: 30/06/2024" in audit
    assert "thành viên đoàn: inspector" in audit
    assert "tồn tại, hạn chế #" in audit  # the object's kind in Vietnamese


def test_stored_times_show_in_local_time(iw: InspectionWorld) -> None:
    finding = iw.x011.findings.get()
    entry = AuditEntry.objects.get(action="finding_create", object_id=str(finding.pk))
    local = vn_datetime(timezone.localtime(finding.created_at))
    assert entry.after is not None and entry.after["created_at"].endswith("+00:00")  # as stored
    assert f"thời điểm tạo: {local}" in _audit_section(iw)
