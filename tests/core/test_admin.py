"""The reference-data admin screens open, filter and search; the audit log cannot be edited."""

from __future__ import annotations

import datetime as dt

import pytest
from django.contrib.auth.models import User
from django.test import Client

from cchc.core.models import AuditEntry, LineageKind, Unit, UnitKind, UnitLineage


@pytest.fixture
def admin_client_vi(db: None) -> Client:
    user = User.objects.create_superuser("quantri", "qt@example.vn", "mat-khau-dai-123")
    client = Client()
    client.force_login(user)
    return client


def test_unit_list_filters_by_validity_and_searches(admin_client_vi: Client) -> None:
    old = Unit.objects.create(
        code="vn63-77", name="Tỉnh Cũ", kind=UnitKind.PROVINCE, valid_to=dt.date(2025, 6, 30)
    )
    new = Unit.objects.create(
        code="vn34-79", name="Thành phố Mới", kind=UnitKind.PROVINCE, valid_from=dt.date(2025, 7, 1)
    )
    UnitLineage.objects.create(
        predecessor=old, successor=new, date=dt.date(2025, 7, 1), kind=LineageKind.MERGE
    )
    current = admin_client_vi.get("/quan-tri/core/unit/?hieu_luc=current").content.decode()
    assert "Thành phố Mới" in current and "Tỉnh Cũ" not in current
    found = admin_client_vi.get("/quan-tri/core/unit/?q=vn63").content.decode()
    assert "Tỉnh Cũ" in found and "Thành phố Mới" not in found
    page = admin_client_vi.get(f"/quan-tri/core/unit/{old.pk}/change/")
    html = page.content.decode()
    assert page.status_code == 200 and "đơn vị kế thừa" in html.lower()
    assert "Thành phố Mới (vn34-79)" in html  # the lineage inline shows the successor
    assert "tên, loại, cấp trên trước đây (đến hết ngày)" in html.lower()  # former forms, editable


@pytest.mark.parametrize(
    "model", ["unitlineage", "procedure", "calendaroverride", "profile", "auditentry"]
)
def test_every_reference_list_opens(admin_client_vi: Client, model: str) -> None:
    assert admin_client_vi.get(f"/quan-tri/core/{model}/").status_code == 200


def test_the_audit_log_is_read_only(admin_client_vi: Client) -> None:
    entry = AuditEntry.objects.create(action="update", object_type="unit", object_id="1")
    assert admin_client_vi.get("/quan-tri/core/auditentry/add/").status_code == 403
    assert admin_client_vi.post(f"/quan-tri/core/auditentry/{entry.pk}/delete/").status_code == 403
    assert AuditEntry.objects.filter(pk=entry.pk).exists()
