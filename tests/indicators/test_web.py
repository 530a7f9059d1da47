"""Indicator pages and API over the web test world (tests/web/world.py).

Personas: officer and steering see every unit; district_head sees H01 and below; chair_x011 only
X011; anonymous only the public page.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from django.conf import settings
from django.test import Client

from cchc.cli import main
from tests.web.world import SECTORS, World, build_world

ClientFor = Callable[[str], Client]
P = "period=2024"


@pytest.fixture
def world(db: None) -> World:
    return build_world()


@pytest.fixture
def client_for(world: World) -> ClientFor:
    def make(persona: str) -> Client:
        client = Client()
        if persona != "anonymous":
            client.force_login(world.users[persona])
        return client

    return make


@pytest.fixture(autouse=True)
def _own_store(settings: Any, tmp_path: Path) -> None:
    settings.ANALYTICS_DIR = tmp_path / "analytics"


@pytest.mark.parametrize("persona", ["officer", "steering"])
def test_pages_render_in_vietnamese(world: World, client_for: ClientFor, persona: str) -> None:
    client = client_for(persona)
    rankings = client.get(f"/chi-so/?{P}")
    assert rankings.status_code == 200
    page = rankings.content.decode()
    assert "Xếp hạng chỉ số phục vụ" in page and "Xã Một Một" in page
    card = client.get(f"/chi-so/don-vi/H01/?{P}")
    assert card.status_code == 200
    text = card.content.decode()
    assert "Phiếu điểm" in text and "Tiến độ, kết quả giải quyết" in text
    assert "Điểm bị mất ở đâu" in text and "chart-scores" in text
    drill = client.get(f"/chi-so/don-vi/H01/766.2a/?{P}")
    assert drill.status_code == 200
    assert "Mẫu số" in drill.content.decode()


def test_pages_render_in_english_with_the_catalogues_english_names(
    world: World, client_for: ClientFor
) -> None:
    client = client_for("officer")
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    rankings = client.get(f"/chi-so/?{P}").content.decode()
    assert "Service index ranking (Decision 766)" in rankings and "Xếp hạng" not in rankings
    card = client.get(f"/chi-so/don-vi/H01/?{P}").content.decode()
    assert "Service index scorecard (Decision 766)" in card and "Where points were lost" in card
    assert "Timeliness" in card and "Dossiers handled on time (1 − late rate)" in card
    assert "Tiến độ, kết quả giải quyết" not in card and "Điểm bị mất" not in card
    drill = client.get(f"/chi-so/don-vi/H01/766.2a/?{P}").content.decode()
    assert "Dossiers handled on time" in drill and "Denominator" in drill
    assert "Hồ sơ giải quyết đúng hạn" not in drill and "Mẫu số" not in drill


def test_a_unit_head_sees_only_their_units(world: World, client_for: ClientFor) -> None:
    client = client_for("chair_x011")
    assert client.get(f"/chi-so/don-vi/X011/?{P}").status_code == 200
    for other in ("X012", "H01", "X021", "KHONG-CO"):
        assert client.get(f"/chi-so/don-vi/{other}/?{P}").status_code == 404, other
        assert client.get(f"/chi-so/don-vi/{other}/766.2a/?{P}").status_code == 404, other
        assert client.get(f"/api/indicators/scorecard/{other}?{P}").status_code == 403, other
    ranking = client.get(f"/chi-so/?{P}&min=1").content.decode()
    assert "Xã Một Một" in ranking and "Xã Một Hai" not in ranking and "Huyện Hai" not in ranking
    ranked = client.get(f"/api/indicators/rankings?{P}&min=1").json()
    assert {u["unit_code"] for u in ranked["units"]} == {"X011"}


def test_the_drill_down_honours_scope(world: World, client_for: ClientFor) -> None:
    head = client_for("district_head").get(f"/api/indicators/explain/H01/766.2a?{P}").json()
    units = {r["unit_code"] for r in head["rows"]}
    assert units and units <= {"H01", "H01-VPDK", "X011", "X012"}
    assert head["denominator"] == len([r for r in head["rows"] if r["in_denominator"]])
    chair = client_for("chair_x011").get(f"/api/indicators/explain/H01/766.2a?{P}")
    assert chair.status_code == 403
    own = client_for("chair_x011").get(f"/api/indicators/explain/X011/766.2a?{P}").json()
    assert {r["unit_code"] for r in own["rows"]} == {"X011"}
    assert all("applicant" not in key for r in own["rows"] for key in r)


@pytest.mark.django_db(transaction=True)
def test_the_api_returns_the_same_figures_as_the_cli(
    world: World, client_for: ClientFor, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["indicators", "--period", "2024", "--by", "unit", "--unit", "H01",
                 "--format", "json"]) == 0  # fmt: skip
    cli = json.loads(capsys.readouterr().out)
    api = client_for("officer").get(f"/api/indicators?{P}&by=unit&unit=H01").json()
    assert api["rows"] == cli["rows"] and cli["rows"]
    assert api["catalogue_version"] == cli["catalogue_version"]
    card = client_for("officer").get(f"/api/indicators/scorecard/H01?{P}").json()
    whole = client_for("officer").get(f"/api/indicators?{P}&unit=H01").json()["rows"]
    assert card["total"] == whole[0]["total"] is not None


def test_the_public_page_shows_scores_but_no_dossier_or_person(world: World) -> None:
    page = Client().get(f"/cong-khai/?{P}").content.decode()
    assert "QĐ 766" in page and "Xã Một Một" in page
    assert "HS-0" not in page and "ps-" not in page and "=HS" not in page


def test_the_nav_links_to_the_indicators(world: World, client_for: ClientFor) -> None:
    assert 'href="/chi-so/"' in client_for("steering").get("/").content.decode()
    assert client_for("anonymous").get("/chi-so/").status_code == 302
    assert client_for("norole").get("/chi-so/").status_code == 403


def test_the_drill_down_names_units_and_procedures_with_codes_beside(
    world: World, client_for: ClientFor
) -> None:
    page = client_for("officer").get(f"/chi-so/don-vi/X011/766.2a/?{P}").content.decode()
    body = page[page.index("<tbody>") : page.index("</tbody>")]
    cells = re.findall(
        r"<td title=\"([^\"]*)\">([^<]*)<span class=\"code-line\">([^<]*)</span>", body
    )
    assert cells, body[:500]
    # the world's names: X011 is "Xã Một Một"; each procedure is "Thủ tục <its sector>"
    procedures = {f"Thủ tục {sector}": code for code, sector in SECTORS.items()}
    for title, name, code in cells:
        assert (name, code) == ("Xã Một Một", "X011") or procedures.get(name) == code, (name, code)
        assert title == f"{name} ({code})"
    assert {code for _, name, code in cells if name == "Xã Một Một"} == {"X011"}
