"""Rankings choose their unit view too (docs/units.md, "two views"): as was, each unit ranked on
the dossiers it handled; as is, today's unit on its predecessors' and its own.

Hand count (tests/web/lineage_world.py), 01/01/2024–30/06/2026: as was, no unit reaches the 20
dossiers a ranking needs (An Nhứt 4, Tam Phước 2, Tam An 5, Thị trấn Long Điền 2, Xã Long Điền
3 + 6 = 9); as is, Xã Long Điền has 4 + 2 + 5 + 2 + 3 + 6 = 22 and is ranked alone.
"""

from __future__ import annotations

import re

from django.test import Client

from tests.web.lineage_world import WARD, build_lineage_world

SPAN = "from=2024-01-01&to=2026-06-30"


def _officer(db: None) -> Client:
    client = Client()
    client.force_login(build_lineage_world().users["officer"])
    return client


def test_the_ranking_api_ranks_todays_unit_on_its_predecessors_as_is(db: None) -> None:
    client = _officer(db)
    was = client.get(f"/api/indicators/rankings?{SPAN}").json()
    assert was["units_view"] == "as-was" and was["units"] == []
    now = client.get(f"/api/indicators/rankings?{SPAN}&view=as-is").json()
    assert now["units_view"] == "as-is"
    assert [(u["unit_code"], u["dossiers"]) for u in now["units"]] == [(WARD, 22)]
    bad = client.get(f"/api/indicators/rankings?{SPAN}&view=sideways")
    assert bad.status_code == 400 and "as-was" in bad.json()["detail"]


def test_the_rankings_page_offers_and_states_the_view(db: None) -> None:
    client = _officer(db)
    html = client.get(f"/chi-so/?{SPAN}&view=as-is").content.decode()
    text = re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html))
    assert "Số liệu theo: Đơn vị hiện nay, gộp đơn vị tiền thân" in text
    assert 'data-view="as-was"' in html and "Xã Long Điền" in text


def test_the_public_page_scores_follow_its_view(db: None) -> None:
    build_lineage_world()
    public = Client()  # nobody logged in: aggregates only
    as_was = public.get(f"/cong-khai/?{SPAN}").content.decode()
    as_is = public.get(f"/cong-khai/?{SPAN}&view=as-is").content.decode()
    assert "Xã Long Điền" not in as_was.split('id="scores-766"')[-1]
    assert "Xã Long Điền" in as_is.split('id="scores-766"')[-1]


def test_a_scorecard_and_its_dossiers_follow_the_view(db: None) -> None:
    client = _officer(db)
    # 2024 as is: Xã Long Điền's predecessors An Nhứt (4, 1 late) and Tam Phước (2). 766.2a is
    # 1 − late / dossiers: its numerator counts the late one, its denominator all six
    drill = client.get(f"/chi-so/don-vi/{WARD}/766.2a/?period=2024&view=as-is").content.decode()
    assert "Tử số: 1 hồ sơ · Mẫu số: 6 hồ sơ" in drill
    assert "vn63-26671" in drill  # An Nhứt's dossiers listed under today's unit
    was = client.get(f"/chi-so/don-vi/{WARD}/766.2a/?period=2024").content.decode()
    assert "Mẫu số: 0 hồ sơ" in was
    card = client.get(f"/chi-so/don-vi/{WARD}/?period=2024&view=as-is").content.decode()
    assert (
        "Số liệu theo" in card
        and f"/chi-so/don-vi/{WARD}/766.2a/?period=2024&amp;view=as-is" in card
    )
