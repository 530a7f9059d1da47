"""Issue #12: the same question gives the same count on every page, and every number says what it
counts. A hand-written commune X1 in 2024 (judged on 31/12/2024), its dossiers and flags:

  code  received    finished    deadline    outcome   flags                       late at end
  A     01/03/2024  10/03/2024  15/03/2024  on time   beyond_statutory            no
  B     01/03/2024  01/04/2024  15/03/2024  late      late_no_apology             yes
  C     01/05/2024  20/05/2024  15/05/2024  late      late_no_apology, repeated   yes
  D     03/06/2024  open        17/06/2024  —         repeated_supplements        yes (overdue)
  E     01/11/2024  open        20/01/2025  —         repeated_supplements        no (in time)
  F     01/12/2023  10/01/2024  15/12/2023  late      beyond_statutory            yes
  G     01/06/2023  20/06/2023  15/06/2023  late      all three                   (not in 2024)
  H     01/07/2024  05/07/2024  15/07/2024  on time   —                           no
  I     01/08/2024  30/08/2024  15/08/2024  late      —                           yes

In 2024 (in the period: ended in it or open at its end): A B C D E F H I = 8 dossiers; late: B C D
F I = 5. Per flag, in the period: beyond_statutory A F = 2, late_no_apology B C = 2,
repeated_supplements C D E = 3 (A and E are not late: the list says so).
"""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path
from typing import Any

import pytest
from django.contrib.auth.models import User
from django.test import Client
from django.utils import timezone

from cchc.core.models import ImportBatch, Profile, Role, Unit, UnitKind
from cchc.dossiers.models import Dossier
from cchc.dossiers.periods import parse_period
from cchc.dossiers.rulebook.timing import Outcome
from cchc.indicators.scorecard import scorecard

D = dt.date
FLAGS = ("beyond_statutory", "late_no_apology", "repeated_supplements")
# code: received, finished, deadline, outcome, flags
ROWS: dict[str, tuple[dt.date, dt.date | None, dt.date, Outcome | None, tuple[str, ...]]] = {
    "A": (D(2024, 3, 1), D(2024, 3, 10), D(2024, 3, 15), Outcome.ON_TIME, ("beyond_statutory",)),
    "B": (D(2024, 3, 1), D(2024, 4, 1), D(2024, 3, 15), Outcome.LATE, ("late_no_apology",)),
    "C": (
        D(2024, 5, 1),
        D(2024, 5, 20),
        D(2024, 5, 15),
        Outcome.LATE,
        ("late_no_apology", "repeated_supplements"),
    ),
    "D": (D(2024, 6, 3), None, D(2024, 6, 17), None, ("repeated_supplements",)),
    "E": (D(2024, 11, 1), None, D(2025, 1, 20), None, ("repeated_supplements",)),
    "F": (D(2023, 12, 1), D(2024, 1, 10), D(2023, 12, 15), Outcome.LATE, ("beyond_statutory",)),
    "G": (D(2023, 6, 1), D(2023, 6, 20), D(2023, 6, 15), Outcome.LATE, FLAGS),
    "H": (D(2024, 7, 1), D(2024, 7, 5), D(2024, 7, 15), Outcome.ON_TIME, ()),
    "I": (D(2024, 8, 1), D(2024, 8, 30), D(2024, 8, 15), Outcome.LATE, ()),
}
# the counts, by hand (see the table above)
IN_PERIOD, LATE = 8, 5
PER_FLAG = {"beyond_statutory": 2, "late_no_apology": 2, "repeated_supplements": 3}
P = "period=2024&view=as-was"


def _aware(day: dt.date) -> dt.datetime:
    return timezone.make_aware(dt.datetime.combine(day, dt.time(9)))


def _build() -> User:
    prov = Unit.objects.create(
        code="T1", name="Tỉnh Một", kind=UnitKind.PROVINCE, valid_from=D(2020, 1, 1)
    )
    Unit.objects.create(
        code="X1", name="Xã Kim Một", kind=UnitKind.COMMUNE, parent=prov, valid_from=D(2020, 1, 1)
    )
    Dossier.objects.bulk_create(
        Dossier(
            code=code,
            unit_code="X1",
            procedure_code="P1",
            sector="Hộ tịch",
            channel="online",
            received_at=_aware(received),
            received_on=received,
            finished_at=_aware(finished) if finished else None,
            finished_on=finished,
            deadline_on=deadline,
            statutory_due_on=deadline,
            finish_outcome=outcome,
            supplement_requests=2 if "repeated_supplements" in flags else 0,
            flag_beyond_statutory="beyond_statutory" in flags,
            flag_late_no_apology="late_no_apology" in flags,
            flag_repeated_supplements="repeated_supplements" in flags,
            row_hash=code,
            applicant_pseudonym=f"ps-{code}",
        )
        for code, (received, finished, deadline, outcome, flags) in ROWS.items()
    )
    ImportBatch.objects.create(
        file_name="x1.csv", file_hash="1" * 64, status=ImportBatch.Status.DONE,
        rows_total=len(ROWS), inserted=len(ROWS), finished_at=timezone.now(),
    )  # fmt: skip
    user = User.objects.create_user("officer", password="mat-khau-kiem-thu-2024")
    Profile.objects.create(user=user, role=Role.OFFICER)
    return user


@pytest.fixture(autouse=True)
def _own_store(settings: Any, tmp_path: Path) -> None:
    settings.ANALYTICS_DIR = tmp_path / "analytics"


@pytest.fixture
def client(db: None) -> Client:
    client = Client()
    client.force_login(_build())
    return client


def _page(client: Client, url: str) -> str:
    response = client.get(url)
    assert response.status_code == 200, url
    return response.content.decode()


def test_each_flag_counts_the_same_dossiers_on_the_unit_page_the_list_and_the_api(
    client: Client,
) -> None:
    unit = _page(client, f"/don-vi/X1/?{P}")
    assert "trong số hồ sơ trong kỳ (đã giải quyết trong kỳ hoặc còn mở cuối kỳ)" in unit
    for flag, expected in PER_FLAG.items():
        [(href, shown)] = re.findall(rf'<a href="([^"]+)" data-flag="{flag}">(\d+)</a>', unit)
        assert int(shown) == expected, flag
        href = href.replace("&amp;", "&")
        assert href == f"/ho-so-tre-han/?unit=X1&flag={flag}&{P}"
        listed = _page(client, href)
        assert f"<strong>{expected}</strong>" in listed, flag
        api = client.get(href.replace("/ho-so-tre-han/", "/api/dossiers/late")).json()
        assert api["total"] == expected, flag
    # A (beyond the statutory time, ended on time) and E (open, in time) are listed, saying so
    api = client.get(f"/api/dossiers/late?unit=X1&flag=repeated_supplements&{P}").json()
    rows = {r["code"]: r for r in api["rows"]}
    assert sorted(rows) == ["C", "D", "E"]
    assert rows["E"]["reasons"][0].startswith("không trễ hạn (0 ngày trễ)")
    assert rows["D"]["reasons"][0].startswith("đang quá hạn")
    beyond = client.get(f"/api/dossiers/late?unit=X1&flag=beyond_statutory&{P}").json()
    assert sorted(r["code"] for r in beyond["rows"]) == ["A", "F"]
    # without a flag, the late list is the late dossiers only
    assert client.get(f"/api/dossiers/late?unit=X1&{P}").json()["total"] == LATE


def test_scorecard_and_drill_down_agree_and_say_what_they_count(client: Client) -> None:
    card = scorecard("X1", parse_period("2024"))
    on_time = next(m for g in card.groups for c, _n, m in g.indicators if c == "766.2a")
    # the scorecard's numerator of a complement indicator: dossiers not late, 8 − 5
    assert (on_time.numerator, on_time.denominator) == (IN_PERIOD - LATE, IN_PERIOD)
    page = _page(client, f"/chi-so/don-vi/X1/?{P}")
    assert "cột tử số ghi số hồ sơ không thuộc tử số của danh mục" in page
    assert f'data-part="numerator">{IN_PERIOD - LATE}</a>' in page
    assert f'data-part="denominator">{IN_PERIOD}</a>' in page
    drill = _page(client, f"/chi-so/don-vi/X1/766.2a/?{P}")
    # the drill-down lists the catalogue's numerator (late) and says how the scorecard's follows
    assert f"Tử số: {LATE} hồ sơ · Mẫu số: {IN_PERIOD} hồ sơ" in drill
    assert f"{IN_PERIOD - LATE} = {IN_PERIOD} − {LATE}" in drill
    [href] = re.findall(r'href="(/ho-so-tre-han/\?[^"]+)"', drill)
    late = client.get(href.replace("&amp;", "&").replace("/ho-so-tre-han/", "/api/dossiers/late"))
    assert late.json()["total"] == LATE
    # op.repeated_supplements asks the unit page's question: the same 3, linked to the same list
    drill = _page(client, f"/chi-so/don-vi/X1/op.repeated_supplements/?{P}")
    assert "Tử số: 3 hồ sơ" in drill
    assert "/ho-so-tre-han/?unit=X1&amp;flag=repeated_supplements&amp;" in drill
    # op.beyond_statutory counts among dossiers received in the period: A only (F came from 2023),
    # a different question from the unit page's 2, and labelled so; no link to the flag's list
    drill = _page(client, f"/chi-so/don-vi/X1/op.beyond_statutory/?{P}")
    assert "Tử số: 1 hồ sơ" in drill and "trong số hồ sơ tiếp nhận trong kỳ" in drill
    assert "flag=beyond_statutory" not in drill
    # op.late_no_apology counts among dossiers ended in the period: B and C
    drill = _page(client, f"/chi-so/don-vi/X1/op.late_no_apology/?{P}")
    assert "Tử số: 2 hồ sơ" in drill and "trong số hồ sơ đã giải quyết trong kỳ" in drill


# The two late counts of 2024, by hand: ended late in the period B C F I; open and overdue at its
# end D (E is open but in time; G ended in 2023).
ENDED_LATE, OPEN_OVERDUE = ["B", "C", "F", "I"], ["D"]


@pytest.mark.parametrize("page", ["/", "/don-vi/X1/"])
def test_the_late_figures_open_their_own_dossiers(client: Client, page: str) -> None:
    html = _page(client, f"{page}?{P}")
    for label, state, codes in (
        ("Quá hạn đã xử lý", "ended", ENDED_LATE),
        ("Đang quá hạn", "open", OPEN_OVERDUE),
    ):
        card = html[html.index(f'<div class="label">{label}</div>') :]
        href, shown = re.findall(r'<a href="([^"]+)"[^>]*>(\d+)</a>', card)[0]
        assert int(shown) == len(codes), label
        assert f"state={state}" in href and "period=2024" in href, href
        assert ("unit=X1" in href) == (page != "/"), href
        listed = client.get(
            href.replace("&amp;", "&").replace("/ho-so-tre-han/", "/api/dossiers/late")
        )
        assert sorted(r["code"] for r in listed.json()["rows"]) == codes, label
        assert f"<strong>{len(codes)}</strong>" in _page(client, href.replace("&amp;", "&"))


def test_a_bad_state_is_refused_with_a_clear_message(client: Client) -> None:
    response = client.get(f"/api/dossiers/late?state=late&{P}")
    assert response.status_code == 400
    assert response.json()["detail"].startswith("Tình trạng không hợp lệ 'late': dùng ended, open")
