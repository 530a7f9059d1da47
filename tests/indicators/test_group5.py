"""Group 5 of Decision 766 from citizens' data (tests/indicators/group5_world.py), on DuckDB:
5a feedback handled on time, 5b feedback not rated dissatisfied, re-complained or overdue, 5c
satisfaction with dossier handling. Expected figures are restated from the rule, by hand:
points = max_points × min(1, rate / threshold), max 6 and threshold 0.9 for each."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pyarrow.parquet as pq
import pytest
from django.conf import settings
from django.contrib.auth.models import User
from django.test import Client

from cchc.analytics.store_extra import register_table, unregister_table
from cchc.citizens.models_surveys import SurveyResponse, SurveySource
from cchc.cli import main
from cchc.core.models import Profile, Role
from cchc.dossiers.periods import parse_period
from cchc.indicators.catalogue import parse_catalogue
from cchc.indicators.compute import ItemRow, compute, explain
from cchc.indicators.results import ResultRow
from cchc.indicators.scorecard import scorecard
from tests.indicators.group5_world import build_surveys, feedback_rows
from tests.indicators.world import build_world

pytestmark = pytest.mark.django_db(transaction=True)

TODAY = dt.date(2025, 7, 15)
JUNE = parse_period("2025-06")


def pts(rate: float) -> float:
    """The portal's rule restated: 6 points at 90%, proportional below."""
    return 6 * min(1.0, rate / 0.9)


P5A, P5B, P5C = pts(3 / 5), pts(2 / 5), pts(5 / 7)


@pytest.fixture
def citizens() -> Iterator[None]:
    """The world, its survey answers, and a feedback provider (as the feedback app registers)."""
    build_world()
    build_surveys()
    register_table("feedback", feedback_rows)
    yield
    unregister_table("feedback")


def _row(rows: list[ResultRow], group: str) -> ResultRow:
    return next(r for r in rows if r.group_code == group)


def _pair(row: ResultRow, code: str) -> tuple[int | None, int | None]:
    m = row.measures[code]
    return m.numerator, m.denominator


def test_group5_by_unit_matches_the_hand_count(citizens: None) -> None:
    rows = compute(JUNE, by="unit", today=TODAY).rows
    a = _row(rows, "A")
    assert _pair(a, "766.5a") == (3, 5)  # F1 F3 F4 of F1–F5
    assert _pair(a, "766.5b") == (2, 5)  # F1 F6 of F1 F2 F3 F4 F6
    assert _pair(a, "766.5c") == (5, 7)  # 5 4 4 5 4 of 5 4 4 5 4 3 2
    assert a.measures["766.5a"].points == pytest.approx(4.0)
    assert a.measures["766.5b"].points == pytest.approx(P5B)
    assert a.measures["766.5c"].value == pytest.approx(5 / 7)
    assert a.measures["766.5c"].points == pytest.approx(P5C)
    g5 = next(g for g in a.groups if g.number == 5)
    assert g5.points == pytest.approx(P5A + P5B + P5C)
    assert g5.max_with_data == 18
    # B: no answer, no item: "no data", never 0
    b = _row(rows, "B")
    for code in ("766.5a", "766.5b", "766.5c"):
        assert b.measures[code].no_data and b.measures[code].points is None
    assert next(g for g in b.groups if g.number == 5).points is None


def test_5c_agrees_with_the_surveys_own_count_in_the_database(citizens: None) -> None:
    from cchc.citizens.survey_queries import satisfaction_counts

    counts = satisfaction_counts(JUNE.start, JUNE.end)  # unit → (answered, satisfied)
    rows = compute(JUNE, by="unit", today=TODAY).rows
    assert {code: _pair(_row(rows, code), "766.5c")[::-1] for code in counts} == counts


def test_total_and_a_unit_restricted_to_its_children(citizens: None) -> None:
    [total] = compute(JUNE, today=TODAY).rows
    assert _pair(total, "766.5c") == (5, 7)
    rows = compute(JUNE, by="unit", unit_code="PROV", today=TODAY).rows
    assert _pair(_row(rows, "A"), "766.5a") == (3, 5)


def test_a_running_period_judges_the_items_due_by_today(citizens: None) -> None:
    [row] = compute(JUNE, today=dt.date(2025, 6, 25)).rows
    assert _pair(row, "766.5a") == (1, 2)  # due by 25/06: F1 on time, F2 late


def test_by_month(citizens: None) -> None:
    rows = compute(parse_period("2025-Q2"), by="month", today=TODAY).rows
    april, may, june = (_row([r for r in rows if r.period == p], "*") for p in
                        ("2025-04", "2025-05", "2025-06"))  # fmt: skip
    assert _pair(april, "766.5a") == (1, 1)  # F7
    assert may.measures["766.5a"].no_data  # nothing due in May
    assert _pair(may, "766.5b") == (1, 1)  # F7 closed 02/05
    assert _pair(june, "766.5b") == (2, 5)
    assert april.measures["766.5c"].no_data


def test_without_feedback_provider_5a_5b_are_no_data_and_5c_still_counts() -> None:
    build_world()
    build_surveys()
    [row] = compute(JUNE, today=TODAY).rows
    assert row.measures["766.5a"].no_data and row.measures["766.5b"].points is None
    assert _pair(row, "766.5c") == (5, 7)
    assert not (Path(settings.ANALYTICS_DIR) / "feedback" / "part.parquet").exists()


def test_a_paper_response_reaches_the_store_once_saved(citizens: None) -> None:
    compute(JUNE, today=TODAY)  # the store, built with S1–S9
    SurveyResponse.objects.create(
        response_id="PG-1", unit_code="A", answered_on=dt.date(2025, 6, 9), overall=5,
        source=SurveySource.PAPER,
    )  # fmt: skip
    [row] = compute(JUNE, today=TODAY).rows
    assert _pair(row, "766.5c") == (6, 8)


def test_the_store_holds_no_personal_column(citizens: None) -> None:
    compute(JUNE, today=TODAY)
    root = Path(settings.ANALYTICS_DIR)
    answers = pq.read_table(root / "survey_answers" / "part.parquet")
    assert answers.schema.names == [
        "response_id", "unit_code", "answered_on", "procedure_code", "element", "score"
    ]  # fmt: skip
    # one row per answered element: S1–S7 overall + official, S8 access, S9 overall
    assert answers.num_rows == 7 * 2 + 1 + 1
    feedback = pq.read_table(root / "feedback" / "part.parquet")
    assert feedback.schema.names == [
        "item_id", "unit_code", "received_on", "due_on", "answered_on", "closed_on", "state",
        "rating", "recomplained", "category",
    ]  # fmt: skip
    personal = {"dossier_code", "name", "phone", "id_number", "text", "observations"}
    assert personal.isdisjoint(answers.schema.names + feedback.schema.names)


def test_scorecard_shows_group5_points(citizens: None) -> None:
    card = scorecard("A", JUNE, today=TODAY)
    g5 = next(g for g in card.groups if g.number == 5)
    assert g5.points == pytest.approx(P5A + P5B + P5C)
    assert card.total == pytest.approx(36.8 + P5A + P5B + P5C)  # 36.8: groups 1–4 (world.py)
    b5 = next(g for g in scorecard("B", JUNE, today=TODAY).groups if g.number == 5)
    assert b5.points is None


def test_cli_json_and_explain(citizens: None, capsys: pytest.CaptureFixture[str]) -> None:
    argv = ["indicators", "--period", "2025-06", "--today", "2025-07-15", "--by", "unit"]
    assert main([*argv, "--format", "json"]) == 0
    data: dict[str, Any] = json.loads(capsys.readouterr().out)
    a = next(r for r in data["rows"] if r["group_code"] == "A")
    assert a["indicators"]["766.5c"]["points"] == pytest.approx(P5C)
    b = next(r for r in data["rows"] if r["group_code"] == "B")
    assert b["indicators"]["766.5a"]["points"] is None and b["indicators"]["766.5a"]["no_data"]
    assert next(g for g in b["groups"] if g["group"] == 5)["points"] is None
    explain_argv = ["indicators", "explain", "766.5c", "--period", "2025-06", "--unit", "A",
                    "--today", "2025-07-15"]  # fmt: skip
    assert main(explain_argv) == 0
    out = capsys.readouterr().out
    lines = [line.split("\t") for line in out.splitlines() if line.startswith("S")]
    assert {c[0] for c in lines} == {f"S{n}" for n in range(1, 8)}
    assert ["S6", "A", "07/06/2025", "overall", "3", "0", "1"] in lines
    assert "numerator 5, denominator 7" in out


def test_explain_lists_the_feedback_items(citizens: None) -> None:
    _, rows = explain("766.5a", JUNE, "A", today=TODAY)
    items = {r.code: r for r in rows if isinstance(r, ItemRow)}
    assert sorted(items) == ["F1", "F2", "F3", "F4", "F5"]
    assert [k for k, r in sorted(items.items()) if r.in_numerator] == ["F1", "F3", "F4"]
    assert items["F5"].state == "assigned" and items["F5"].answered_on is None
    assert items["F2"].due_on == dt.date(2025, 6, 20)
    _, closed = explain("766.5b", JUNE, "A", today=TODAY)
    assert sorted(r.code for r in closed if r.in_denominator) == ["F1", "F2", "F3", "F4", "F6"]


def test_drilldown_page_lists_the_survey_answers(citizens: None) -> None:
    user = User.objects.create_user("officer", password="x")
    Profile.objects.create(user=user, role=Role.OFFICER)
    client = Client()
    client.force_login(user)
    page = client.get("/chi-so/don-vi/A/766.5c/?period=2025-06")
    assert page.status_code == 200
    html = page.content.decode()
    assert "S1" in html and "hài lòng chung" in html and "Tử số: 5 mục" in html
    feedback = client.get("/chi-so/don-vi/A/766.5a/?period=2025-06").content.decode()
    assert "F5" in feedback and "30/06/2025" in feedback and "đã giao xử lý" in feedback
    assert "assigned" not in feedback and "overall" not in html
    api = client.get("/api/indicators/explain/A/766.5a?period=2025-06").json()
    assert (api["numerator"], api["denominator"]) == (3, 5)
    f5 = next(r for r in api["rows"] if r["code"] == "F5")
    assert (f5["due_on"], f5["answered_on"], f5["state"]) == ("2025-06-30", None, "assigned")
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    english = client.get("/chi-so/don-vi/A/766.5c/?period=2025-06").content.decode()
    assert "overall satisfaction" in english and "Numerator: 5 items" in english


def _catalogue(indicator: dict[str, Any]) -> dict[str, Any]:
    return {
        "catalogue": {"id": "t", "version": "t", "effective_from": dt.date(2022, 1, 1)},
        "group": [{"number": 5, "portal_code": "X", "name_vi": "x", "name_en": "x",
                   "max_points": 6}],
        "indicator": [{"code": "t.1", "group": 5, "name_vi": "x", "name_en": "x",
                       "aggregation": "ratio", "legal_source": "x", "max_points": 6,
                       **indicator}],
    }  # fmt: skip


def test_a_source_checks_its_own_fields_and_period_rules() -> None:
    ok = {"source": "surveys", "numerator": {"period": "answered", "where": ["score >= 4"]},
          "denominator": {"period": "answered"}}  # fmt: skip
    assert parse_catalogue(_catalogue(ok)).indicator("t.1").source == "surveys"
    with pytest.raises(ValueError, match="channel"):  # a dossier field, not a survey's
        parse_catalogue(
            _catalogue({**ok, "numerator": {"period": "answered", "where": ["channel = 'online'"]}})
        )
    with pytest.raises(ValueError, match="ended"):  # a dossier period rule
        parse_catalogue(_catalogue({**ok, "denominator": {"period": "ended"}}))
    with pytest.raises(ValueError, match="source"):
        parse_catalogue(_catalogue({**ok, "source": "letters"}))
