"""The late-list API's JSON (written without per-row schema validation) keeps the schema's shape."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from django.test import Client

from cchc.dossiers.late import LateFilter, late_dossiers
from cchc.dossiers.periods import parse_period
from cchc.web.api import LatePageOut
from tests.web.world import World

ClientFor = Callable[[str], Client]


def test_rows_match_the_schema_and_the_late_list(world: World, client_for: ClientFor) -> None:
    body = client_for("chair_x011").get("/api/dossiers/late?period=2024&limit=40&offset=3").json()
    page = LatePageOut.model_validate(body)
    rows, total = late_dossiers(
        parse_period("2024"), LateFilter(unit_codes={"X011"}), offset=3, limit=40,
        as_of=dt.date.today(),
    )  # fmt: skip
    assert page.total == total and len(page.rows) == len(rows) > 0
    for got, want in zip(page.rows, rows, strict=True):
        assert (got.code, got.received_on, got.finished_on, got.days_late, got.flags) == (
            want.code, want.received_on, want.finished_on, want.days_late, want.flags,
        )  # fmt: skip
        assert got.applicant_pseudonym == want.applicant_pseudonym  # own commune: shown
    assert any(r["deadline_on"] for r in body["rows"])
    assert all(isinstance(r["received_on"], str) for r in body["rows"])


def test_pseudonyms_stay_hidden_outside_the_handling_unit(
    world: World, client_for: ClientFor
) -> None:
    body = client_for("officer").get("/api/dossiers/late?period=2024&limit=100").json()
    assert body["rows"] and all(r["applicant_pseudonym"] is None for r in body["rows"])
