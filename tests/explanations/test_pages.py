"""The explanation pages: who reads (200) and who is told nothing (404), who writes (POST, 302)
and who is refused (403), form errors kept beside their field (400), the late list's links and
the inspection page's block, the files served only to readers."""

from __future__ import annotations

import re
from collections.abc import Callable

import pytest
from django.conf import settings
from django.test import Client

from cchc.dossiers.models import Dossier
from cchc.explanations import services
from cchc.explanations.models import Explanation
from tests.explanations.world import ExplanationWorld, letter

pytestmark = pytest.mark.django_db
Clients = Callable[[str], Client]

# Who reads a dossier of commune X011: everybody who sees its dossiers (the inspector inspected
# it; district 1's head is above it). The land office and the successor X013 are other units.
DOSSIER_PAGE = {
    "anonymous": 302,
    "norole": 403,
    "admin": 200,
    "officer": 200,
    "inspector": 200,
    "steering": 200,
    "district_head": 200,
    "chair_x011": 200,
    "office_head": 404,
    "chair_x013": 404,
}


@pytest.mark.parametrize(("persona", "status"), DOSSIER_PAGE.items())
def test_who_reads_a_dossiers_explanation(
    xworld: ExplanationWorld, client_as: Clients, persona: str, status: int
) -> None:
    services.explain_dossier(xworld.users["chair_x011"], xworld.late_x011, "Mất điện 3 ngày")
    page = client_as(persona).get(f"/giai-trinh/ho-so/{xworld.late_x011.pk}/")
    assert page.status_code == status
    if status == 200:
        html = page.content.decode()
        assert "Mất điện 3 ngày" in html and "Đã giải trình" in html
        assert ('name="text"' in html) == (persona == "chair_x011")
        assert "ps-x011-applicant" not in html  # no applicant on this page, even for the unit


def test_the_inspector_does_not_read_an_uninspected_units_dossier(
    xworld: ExplanationWorld, client_as: Clients
) -> None:
    assert (
        client_as("inspector").get(f"/giai-trinh/ho-so/{xworld.late_x021.pk}/").status_code == 404
    )
    assert client_as("officer").get(f"/giai-trinh/ho-so/{xworld.late_x021.pk}/").status_code == 200


@pytest.mark.parametrize(
    ("persona", "status"),
    [("officer", 403), ("inspector", 403), ("steering", 403), ("district_head", 403),
     ("office_head", 404), ("chair_x011", 302)],
)  # fmt: skip
def test_who_writes_a_dossiers_explanation(
    xworld: ExplanationWorld, client_as: Clients, persona: str, status: int
) -> None:
    url = f"/giai-trinh/ho-so/{xworld.late_x011.pk}/"
    client = client_as(persona)
    answer = client.post(url, {"text": "Lý do", "files": [letter()]})
    assert answer.status_code == status
    assert Explanation.objects.exists() == (status == 302)
    if status == 302:
        assert answer["Location"] == url
        page = client.get(url).content.decode()
        assert "Đã lưu giải trình" in page and "cong-van-giai-trinh.pdf" in page


def test_a_refused_form_keeps_the_typed_text_and_says_why_beside_the_field(
    xworld: ExplanationWorld, client_as: Clients
) -> None:
    url = f"/giai-trinh/ho-so/{xworld.late_x011.pk}/"
    answer = client_as("chair_x011").post(
        url, {"text": "Lý do <dài> đã gõ", "files": [letter("may.exe")]}
    )
    assert answer.status_code == 400
    html = answer.content.decode()
    assert ">Lý do &lt;dài&gt; đã gõ</textarea>" in html
    assert re.search(r'id="e-files-error" role="alert">Tệp may.exe: chỉ nhận', html)
    assert 'aria-invalid="true"' in html and not Explanation.objects.exists()


def test_the_form_needs_its_csrf_token(xworld: ExplanationWorld) -> None:
    client = Client(enforce_csrf_checks=True)
    client.force_login(xworld.users["chair_x011"])
    answer = client.post(f"/giai-trinh/ho-so/{xworld.late_x011.pk}/", {"text": "Lý do"})
    assert answer.status_code == 403 and not Explanation.objects.exists()


def test_the_history_shows_each_version_with_its_date(
    xworld: ExplanationWorld, client_as: Clients
) -> None:
    chair = xworld.users["chair_x011"]
    services.explain_dossier(chair, xworld.late_x011, "Bản đầu")
    services.explain_dossier(chair, xworld.late_x011, "Bản sửa", [letter("bo-sung.pdf")])
    html = client_as("officer").get(f"/giai-trinh/ho-so/{xworld.late_x011.pk}/").content.decode()
    history = html[html.index('id="lich-su"') :]
    assert history.index("Bản đầu") < history.index("Bản sửa")
    assert "Sửa giải trình" in history and "Thêm tệp: bo-sung.pdf" in history
    assert re.search(r"<td>\d\d/\d\d/\d{4} \d\d:\d\d</td><td>chair_x011</td>", history)
    assert not re.search(r"\d{4}-\d\d-\d\d", history)


@pytest.mark.parametrize(
    ("persona", "status"),
    [("chair_x011", 200), ("officer", 200), ("inspector", 200), ("steering", 200),
     ("office_head", 404), ("chair_x013", 404), ("anonymous", 302)],
)  # fmt: skip
def test_a_file_is_served_only_to_readers(
    xworld: ExplanationWorld, client_as: Clients, persona: str, status: int
) -> None:
    explanation = services.explain_dossier(
        xworld.users["chair_x011"], xworld.late_x011, "Lý do", [letter()]
    )
    answer = client_as(persona).get(f"/giai-trinh/tep/{explanation.files.get().pk}/")
    assert answer.status_code == status
    if status == 200:
        assert b"".join(answer.streaming_content) == b"%PDF-1.4 giai trinh"  # type: ignore[attr-defined]
        assert 'filename="cong-van-giai-trinh.pdf"' in answer["Content-Disposition"]


def _late_list(client: Client, dossier: Dossier) -> str:
    """The late list's page holding `dossier` (its unit, the year it ended, sorted by code)."""
    assert dossier.finished_on is not None
    year, unit = dossier.finished_on.year, dossier.unit_code
    answer = client.get(f"/ho-so-tre-han/?period={year}&unit={unit}&sort=code")
    assert answer.status_code == 200
    return answer.content.decode()


def test_the_late_list_offers_the_unit_its_links_and_shows_the_readers_what_is_explained(
    xworld: ExplanationWorld, client_as: Clients
) -> None:
    chair, dossier = client_as("chair_x011"), xworld.late_x011
    html = _late_list(chair, dossier)
    assert f'href="/giai-trinh/ho-so/{xworld.late_x011.pk}/">Giải trình</a>' in html
    officer_before = _late_list(client_as("officer"), dossier)
    assert "/giai-trinh/ho-so/" not in officer_before  # nothing explained yet: nothing to read
    services.explain_dossier(xworld.users["chair_x011"], xworld.late_x011, "Lý do")
    html = _late_list(chair, dossier)
    assert f'href="/giai-trinh/ho-so/{xworld.late_x011.pk}/">Sửa giải trình</a>' in html
    for persona in ("officer", "inspector", "district_head"):
        html = _late_list(client_as(persona), dossier)
        assert '<span class="tag">Đã giải trình</span>' in html, persona
        assert f'href="/giai-trinh/ho-so/{xworld.late_x011.pk}/">Xem giải trình</a>' in html
        assert html.count("/giai-trinh/ho-so/") == 1, persona


def test_the_inspection_page_shows_the_findings_explanations(
    xworld: ExplanationWorld, client_as: Clients
) -> None:
    inspection = f"/kiem-tra/{xworld.base.x011.pk}/"
    url = f"/giai-trinh/ton-tai/{xworld.finding.pk}/"
    assert (
        f'href="{url}">Giải trình</a>' in client_as("chair_x011").get(inspection).content.decode()
    )
    assert url not in client_as("inspector").get(inspection).content.decode()
    answer = client_as("chair_x011").post(url, {"text": "Đã chấn chỉnh bộ phận một cửa"})
    assert answer.status_code == 302
    assert answer["Location"] == f"{inspection}#tt-{xworld.finding.pk}"
    for persona in ("inspector", "officer", "steering", "district_head"):
        html = client_as(persona).get(inspection).content.decode()
        assert "Đã chấn chỉnh bộ phận một cửa" in html and "Đã giải trình" in html, persona
        assert client_as(persona).get(url).status_code == 200
    assert client_as("inspector").post(url, {"text": "x"}).status_code == 403
    assert client_as("office_head").get(url).status_code == 404
    assert client_as("office_head").post(url, {"text": "x"}).status_code == 404


def test_a_refused_finding_form_keeps_the_text(
    xworld: ExplanationWorld, client_as: Clients
) -> None:
    url = f"/giai-trinh/ton-tai/{xworld.finding.pk}/"
    answer = client_as("chair_x011").post(url, {"text": "   "})
    assert answer.status_code == 400
    assert 'id="e-text-error" role="alert">Cần nhập nội dung giải trình' in answer.content.decode()


def test_the_page_speaks_english_on_request(xworld: ExplanationWorld, client_as: Clients) -> None:
    services.explain_dossier(xworld.users["chair_x011"], xworld.late_x011, "Lý do")
    client = client_as("officer")
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    html = client.get(f"/giai-trinh/ho-so/{xworld.late_x011.pk}/").content.decode()
    assert "Explanation history" in html and "Explained" in html
    assert "Read explanation" in _late_list(client, xworld.late_x011)


def test_the_late_list_api_carries_the_same_links(
    xworld: ExplanationWorld, client_as: Clients
) -> None:
    dossier = xworld.late_x011
    assert dossier.finished_on is not None
    url = f"/api/dossiers/late?period={dossier.finished_on.year}&unit=X011&sort=code&limit=1000"
    services.explain_dossier(xworld.users["chair_x011"], dossier, "Lý do")
    wanted = f"/giai-trinh/ho-so/{dossier.pk}/"
    for persona, text in (("chair_x011", "Sửa giải trình"), ("officer", "Xem giải trình")):
        rows = {r["code"]: r for r in client_as(persona).get(url).json()["rows"]}
        assert rows[dossier.code]["links"] == [{"text": text, "url": wanted, "marked": True}]
        others = [r["links"] for code, r in rows.items() if code != dossier.code]
        if persona == "officer":
            assert others and all(links == [] for links in others)
        else:
            assert others and all(links[0]["text"] == "Giải trình" for links in others)


def test_the_successor_explains_its_predecessors_dossier_on_the_page(
    xworld: ExplanationWorld, client_as: Clients
) -> None:
    url = f"/giai-trinh/ho-so/{xworld.late_x012.pk}/"
    client = client_as("chair_x013")
    assert 'name="text"' in client.get(url).content.decode()
    assert client.post(url, {"text": "Tiếp nhận từ Xã Một Hai"}).status_code == 302
    assert Explanation.objects.get().unit.code == "X013"
    assert client_as("chair_x011").get(url).status_code == 404
