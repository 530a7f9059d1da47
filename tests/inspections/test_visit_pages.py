"""Issue #12 on the inspection page (Django test client): a refused form comes back with what was
typed and the message beside the refused field; the checklist saves in one go; a status step is
a POST that redirects back (post/redirect/get) and shows the badge and the history."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from django.test import Client

from cchc.inspections.models import ChecklistAnswer, Evidence, Finding, Inspection
from tests.inspections.web_world import InspectionWorld, build_inspection_world, evidence_file


@pytest.fixture(autouse=True)
def _media(settings: object, tmp_path: Path) -> None:
    settings.MEDIA_ROOT = tmp_path  # type: ignore[attr-defined]


@pytest.fixture
def iw(db: None) -> InspectionWorld:
    return build_inspection_world()


def _client(iw: InspectionWorld, persona: str = "inspector") -> Client:
    client = Client()
    client.force_login(iw.world.users[persona])
    return client


def test_a_refused_finding_keeps_the_input_with_the_error_beside_the_field(
    iw: InspectionWorld,
) -> None:
    Inspection.objects.filter(pk=iw.x011.pk).update(status="visiting")
    typed = {
        "category": "publicity",
        "severity": "correction",
        "description": "Thiếu niêm yết <mới>",
        "dossier_codes": "HS-00002, HS-9X",
    }
    response = _client(iw).post(f"/kiem-tra/{iw.x011.pk}/ton-tai/", typed)
    assert response.status_code == 400
    html = response.content.decode()
    field = re.search(
        r'<input id="n-dossiers"[^>]*>\s*<p class="error" id="n-dossiers-error">([^<]*)', html
    )
    assert field is not None and "HS-9X" in field.group(1) and "HS-00002" not in field.group(1)
    assert 'value="HS-00002, HS-9X"' in html and 'aria-invalid="true"' in html
    assert 'value="Thiếu niêm yết &lt;mới&gt;"' in html
    assert '<option value="correction" selected>' in html
    assert Finding.objects.filter(inspection=iw.x011).count() == 1  # the world's one only


def test_a_bad_deadline_keeps_the_action_form_with_its_error(iw: InspectionWorld) -> None:
    finding = iw.x011.findings.get()
    response = _client(iw).post(
        f"/kiem-tra/{iw.x011.pk}/ton-tai/{finding.pk}/khac-phuc/",
        {"description": "Niêm yết lại", "deadline": "31/02/2024"},
    )
    assert response.status_code == 400
    html = response.content.decode()
    assert 'value="Niêm yết lại"' in html and 'value="31/02/2024"' in html
    assert f'id="ad-{finding.pk}-error"' in html


def test_the_checklist_is_one_form_without_a_default_answer(iw: InspectionWorld) -> None:
    Inspection.objects.filter(pk=iw.x011.pk).update(status="visiting")
    page = _client(iw).get(f"/kiem-tra/{iw.x011.pk}/").content.decode()
    assert page.count(f'action="/kiem-tra/{iw.x011.pk}/noi-dung/"') == 1
    assert " checked" not in page
    first, second = iw.x011.content_items[:2]
    response = _client(iw).post(
        f"/kiem-tra/{iw.x011.pk}/noi-dung/",
        {f"answer-{first}": "not_applicable", f"note-{second}": "ghi chú không kết quả"},
    )
    assert response.status_code == 400  # a note without a result: refused beside that item
    assert "ghi chú không kết quả" in response.content.decode()
    assert not ChecklistAnswer.objects.exists()
    response = _client(iw).post(
        f"/kiem-tra/{iw.x011.pk}/noi-dung/",
        {
            f"answer-{first}": "not_applicable",
            f"evidence-{first}": evidence_file("so-theo-doi.pdf"),
        },
    )
    assert response.status_code == 302
    assert dict(ChecklistAnswer.objects.values_list("item_code", "answer")) == {
        first: "not_applicable"
    }
    kept = Evidence.objects.get(answer__item_code=first)
    assert kept.file.name is not None and "so-theo-doi" in kept.file.name


def test_a_status_step_redirects_and_shows_badge_and_history(iw: InspectionWorld) -> None:
    x021 = iw.x021  # concluded, its one action open: closing is refused
    client = _client(iw, "officer")
    refused = client.post(f"/kiem-tra/{x021.pk}/buoc/close/")
    assert refused.status_code == 400 and "Còn 1 yêu cầu khắc phục" in refused.content.decode()
    assert client.get(f"/kiem-tra/{x021.pk}/buoc/close/").status_code == 405
    page = client.get(f"/kiem-tra/{x021.pk}/").content.decode()
    assert 'data-status="concluded">Đã kết luận<' in page
    assert "Đang kiểm tra tại đơn vị → Đã kết luận" in page
    assert _client(iw, "steering").post(f"/kiem-tra/{x021.pk}/buoc/close/").status_code == 403
