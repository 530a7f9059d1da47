"""Rankings on the page, the API, the CLI's CSV and the public page, on the hand-worked world of
tests/indicators/ranking_world.py: LAND (45 of 50) above DEPT (50 of 58), and LAND named as
judged on another set of indicators (without 766.3a)."""

from __future__ import annotations

import csv
import io
import json
import re

import pytest
from django.test import Client

from cchc.cli import main
from cchc.dossiers.periods import parse_period
from cchc.indicators.web_data import public_scores, ranking
from tests.indicators.ranking_world import NAMES, PERIOD, build_ranking_world

pytestmark = pytest.mark.django_db(transaction=True)
NOTE = "Đơn vị được chấm trên bộ chỉ tiêu khác"


@pytest.fixture
def officer_client() -> Client:
    client = Client()
    client.force_login(build_ranking_world())
    return client


def _body_rows(html: str) -> list[str]:
    body = html.split("<tbody>", 1)[1].split("</tbody>", 1)[0]
    return re.findall(r"<tr.*?</tr>", body, re.S)


def test_the_page_ranks_by_share_and_shows_points_maximum_and_share(
    officer_client: Client,
) -> None:
    html = officer_client.get(f"/chi-so/?period={PERIOD}").content.decode()
    rows = _body_rows(html)
    assert [next(n for c, n in NAMES.items() if n in r) for r in rows] == [
        NAMES["FULL"],
        NAMES["LAND"],
        NAMES["DEPT"],
    ]
    full, land, dept = rows
    assert "58,00" in full and "100,0%" in full
    assert "45,00" in land and "50,00" in land and "90,0%" in land
    assert "50,00" in dept and "58,00" in dept and "86,2%" in dept
    assert "bộ chỉ tiêu khác" in land and "bộ chỉ tiêu khác" not in dept + full
    note = html.split(NOTE, 1)[1].split("</p>", 1)[0]
    assert NAMES["LAND"] in note and "766.3a" in note and NAMES["DEPT"] not in note


def test_the_api_gives_the_same_order_share_and_note(officer_client: Client) -> None:
    data = officer_client.get(f"/api/indicators/rankings?period={PERIOD}").json()
    assert data["order"] == "share"
    got = [(u["unit_code"], u["total"], u["max_with_data"], u["other_set"]) for u in data["units"]]
    assert got == [
        ("FULL", pytest.approx(58.0), 58.0, False),
        ("LAND", pytest.approx(45.0), 50.0, True),
        ("DEPT", pytest.approx(50.0), 58.0, False),
    ]
    assert [round(u["share"], 4) for u in data["units"]] == [1.0, 0.9, 0.8621]
    assert data["units"][1]["missing"] == ["766.3a"] and data["units"][1]["extra"] == []
    assert "766.3a" in data["common_indicators"] and len(data["common_indicators"]) == 8
    assert data["other_set_note"].startswith(NOTE)
    assert NAMES["LAND"] in data["other_set_note"] and "766.3a" in data["other_set_note"]


def test_no_note_when_every_ranked_unit_shares_the_set(officer_client: Client) -> None:
    ranked = ranking(parse_period(PERIOD), {"FULL", "DEPT"}, 20)
    assert [u.unit_code for u in ranked.units] == ["FULL", "DEPT"]
    assert ranked.other_set_note == "" and not any(u.other_set for u in ranked.units)


def test_the_cli_csv_carries_share_and_the_other_set(
    officer_client: Client, capsys: pytest.CaptureFixture[str]
) -> None:
    args = ["indicators", "ranking", "--period", PERIOD, "--as-of", "2025-07-15"]
    assert main([*args, "--format", "csv"]) == 0
    rows = list(csv.DictReader(io.StringIO(capsys.readouterr().out)))
    assert [
        (r["rank"], r["unit_code"], r["total"], r["max_with_data"], r["share"]) for r in rows
    ] == [
        ("1", "FULL", "58.00", "58", "1.0000"),
        ("2", "LAND", "45.00", "50", "0.9000"),
        ("3", "DEPT", "50.00", "58", "0.8621"),
    ]
    assert [(r["other_set"], r["set_difference"]) for r in rows] == [
        ("0", ""),
        ("1", "thiếu (without) 766.3a"),
        ("0", ""),
    ]
    assert main(args) == 0
    table = capsys.readouterr().out
    assert NOTE in table and "thiếu (without) 766.3a" in table
    assert main([*args, "--format", "json"]) == 0
    assert json.loads(capsys.readouterr().out)["units"][1]["unit_code"] == "LAND"


def test_the_public_page_orders_and_marks_the_same_way(officer_client: Client) -> None:
    scores = public_scores(parse_period(PERIOD))
    assert [s.unit_name for s in scores] == [NAMES["FULL"], NAMES["LAND"], NAMES["DEPT"]]
    assert [s.other_set for s in scores] == [False, True, False]
    html = Client().get(f"/cong-khai/?period={PERIOD}").content.decode()
    section = html.split("QĐ 766", 1)[1]
    assert section.index(NAMES["LAND"]) < section.index(NAMES["DEPT"])
    assert "90,0%" in section and "86,2%" in section and NOTE in section
