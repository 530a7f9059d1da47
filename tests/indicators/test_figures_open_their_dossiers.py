"""Issue #12: every count figure opens the dossiers it counts. On the hand-written commune X1 of
test_flag_counts_agree (2024, judged on 31/12/2024), the "Hồ sơ" and "Đã giải quyết" figures of
the overview, the unit page and the summary tables link to the dossier list (/ho-so/?count=…),
which lists exactly the dossiers a plain restatement below counts; its other counts too.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from collections.abc import Callable
from typing import Any

import pytest
from django.conf import settings
from django.test import Client

from cchc.analytics.gateway import Analytics
from cchc.cli import main
from cchc.dossiers.late import COUNTS
from cchc.dossiers.periods import parse_period
from cchc.dossiers.rulebook import rules
from cchc.dossiers.rulebook.timing import Outcome
from tests.indicators.test_flag_counts_agree import ROWS, _build, _own_store  # noqa: F401

START, END = dt.date(2024, 1, 1), dt.date(2024, 12, 31)
P = "period=2024&view=as-was"
Row = tuple[dt.date, dt.date | None, dt.date, Outcome | None, tuple[str, ...]]


# The plain restatement: ended in 2024 = finished within it; open at its end = received by
# then and not finished by then; the late ones by their outcome (ended) or a deadline before
# 31/12/2024 (open). No dossier of X1 is due soon on 31/12/2024 (E is due 20/01/2025).
def _ended(r: Row) -> bool:
    return r[1] is not None and START <= r[1] <= END


def _open(r: Row) -> bool:
    return r[0] <= END and (r[1] is None or r[1] > END)


def _received(r: Row) -> bool:
    return START <= r[0] <= END


BY_HAND: dict[str, Callable[[Row], bool]] = {
    "dossiers": lambda r: _ended(r) or _open(r),
    "ended": _ended,
    "early": lambda r: _ended(r) and r[3] is Outcome.EARLY,
    "on_time": lambda r: _ended(r) and r[3] is not Outcome.EARLY and r[3] is not Outcome.LATE,
    "late": lambda r: _ended(r) and r[3] is Outcome.LATE,
    "open": _open,
    "open_overdue": lambda r: _open(r) and r[2] < END,
    "open_due_soon": lambda r: False,
    "open_in_time": lambda r: _open(r) and r[2] >= END,
    "received_in_period": _received,
    "carried_over": lambda r: (_ended(r) or _open(r)) and not _received(r),
    "received_online": _received,  # every dossier of X1 came online
    "received_in_person": lambda r: False,
    "received_postal": lambda r: False,
}


def _codes(count: str) -> list[str]:
    return sorted(code for code, r in ROWS.items() if BY_HAND[count](r))


def test_the_hand_count_reads_as_the_table_says() -> None:
    assert _codes("dossiers") == ["A", "B", "C", "D", "E", "F", "H", "I"]
    assert _codes("ended") == ["A", "B", "C", "F", "H", "I"]
    assert _codes("on_time") == ["A", "H"]
    assert _codes("open") == ["D", "E"] and _codes("carried_over") == ["F"]


def test_every_count_of_the_summary_has_its_list_and_a_name() -> None:
    assert set(COUNTS) == set(rules.LIST_COUNTS)
    assert set(rules.SUMMARY_COUNTS) <= set(rules.LIST_COUNTS)


@pytest.fixture
def client(db: None) -> Client:
    client = Client()
    client.force_login(_build())
    return client


def _get(client: Client, url: str) -> str:
    response = client.get(url.replace("&amp;", "&"))
    assert response.status_code == 200, url
    return response.content.decode()


def _listed(client: Client, href: str) -> list[str]:
    """The codes the list behind `href` holds (its JSON answer, every row)."""
    href = href.replace("&amp;", "&")
    assert href.startswith("/ho-so/?"), href
    answer: dict[str, Any] = client.get(href.replace("/ho-so/", "/api/dossiers/late")).json()
    assert answer["total"] == len(answer["rows"])
    return sorted(r["code"] for r in answer["rows"])


@pytest.mark.parametrize("count", sorted(BY_HAND))
def test_each_count_lists_the_dossiers_counted_by_hand(client: Client, count: str) -> None:
    codes = _codes(count)
    assert _listed(client, f"/ho-so/?unit=X1&count={count}&{P}") == codes
    page = _get(client, f"/ho-so/?unit=X1&count={count}&{P}")
    assert f"<strong>{len(codes)}</strong>" in page


@pytest.mark.parametrize("page", ["/", "/don-vi/X1/"])
def test_the_dossier_card_opens_its_dossiers(client: Client, page: str) -> None:
    html = _get(client, f"{page}?{P}")
    card = html[html.index('<div class="label">Hồ sơ</div>') :]
    href, shown = re.findall(r'<a href="([^"]+)"[^>]*>(\d+)</a>', card)[0]
    assert int(shown) == len(_codes("dossiers"))
    assert "count=dossiers" in href and "period=2024" in href and "view=as-was" in href
    assert ("unit=X1" in href) == (page != "/"), href
    assert _listed(client, href) == _codes("dossiers")


def _table_links(html: str, count: str) -> list[tuple[str, int]]:
    found = re.findall(rf'<a href="(/ho-so/\?[^"]*count={count}[^"]*)">(\d+)</a>', html)
    return [(href, int(n)) for href, n in found]


def test_the_unit_table_columns_open_their_dossiers(client: Client) -> None:
    # the province's page lists X1 among its units: its "Hồ sơ" and "Đã giải quyết" columns
    html = _get(client, f"/don-vi/T1/?{P}")
    for count in ("dossiers", "ended"):
        [(href, shown)] = [(h, n) for h, n in _table_links(html, count) if "unit=X1" in h]
        assert shown == len(_codes(count)), count
        assert _listed(client, href) == _codes(count), count


def test_the_overview_tables_open_their_dossiers(client: Client, monkeypatch: Any) -> None:
    # X1's 8 dossiers are too few to be ranked; rank every unit and sector here
    monkeypatch.setattr("cchc.web.figures.MIN_DOSSIERS_RANKED", 1)
    html = _get(client, f"/?{P}")
    for count in ("dossiers", "ended"):
        links = _table_links(html, count)
        unit = [(h, n) for h, n in links if "unit=X1" in h and "sector=" not in h]
        sector = [(h, n) for h, n in links if "sector=" in h]
        assert len(unit) == 1 and len(sector) == 1, links
        for href, shown in (*unit, *sector):
            assert shown == len(_codes(count)), href
            assert _listed(client, href) == _codes(count), href


def test_the_list_says_what_it_lists(client: Client) -> None:
    page = _get(client, f"/ho-so/?unit=X1&count=ended&{P}")
    assert "<h1>Hồ sơ đã giải quyết — Xã Kim Một — Năm 2024</h1>" in page
    assert 'href="/ho-so/xuat.xlsx?' in page
    response = client.get(f"/ho-so/xuat.csv?unit=X1&count=ended&{P}")
    assert response.status_code == 200
    assert "ho-so-ended-2024-X1-as-was.csv" in response["Content-Disposition"]
    lines = b"".join(response.streaming_content).decode().strip().splitlines()  # type: ignore[attr-defined]
    assert len(lines) == 1 + len(_codes("ended"))
    xlsx = client.get(f"/ho-so/xuat.xlsx?unit=X1&count=ended&{P}")
    assert xlsx.status_code == 200


def test_a_bad_count_is_refused_by_name(client: Client) -> None:
    response = client.get(f"/api/dossiers/late?count=finished&{P}")
    assert response.status_code == 400
    assert response.json()["detail"].startswith("Số liệu không hợp lệ 'finished': dùng dossiers,")
    page = client.get(f"/ho-so/?count=finished&{P}")
    assert page.status_code == 400
    assert "Số liệu không hợp lệ" in page.content.decode()


def test_each_list_holds_as_many_dossiers_as_its_figure_counts(client: Client) -> None:
    # the figure from the summary (store or database) and its list, for every count; "open" is
    # the summary's in_process (open in time + due soon + overdue)
    [row] = Analytics.current().summarise(parse_period("2024"), None, ["X1"])
    for count in COUNTS:
        figure = row.in_process if count == "open" else getattr(row, count)
        answer = client.get(f"/api/dossiers/late?unit=X1&count={count}&{P}").json()
        assert answer["total"] == figure, count


def test_the_command_lists_a_count_and_refuses_a_bad_one(client: Client, capsys: Any) -> None:
    assert main(["dossiers", "late", "--period", "2024", "--unit", "X1", "--count", "ended",
                 "--format", "json"]) == 0  # fmt: skip
    listed = json.loads(capsys.readouterr().out)
    assert sorted(r["code"] for r in listed["rows"]) == _codes("ended")
    with pytest.raises(SystemExit):
        main(["dossiers", "late", "--period", "2024", "--count", "finished"])
    assert "số liệu không hợp lệ 'finished'" in capsys.readouterr().err


def test_the_list_speaks_english_on_the_english_switch(client: Client) -> None:
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    page = _get(client, f"/ho-so/?unit=X1&count=ended&{P}")
    assert "Dossiers ended — Xã Kim Một" in page
    assert "Exactly the dossiers this figure counts" in page


def test_a_row_not_late_says_so_without_a_flag_story(client: Client) -> None:
    answer = client.get(f"/api/dossiers/late?unit=X1&count=ended&{P}").json()
    rows = {r["code"]: r for r in answer["rows"]}
    assert rows["H"]["reasons"] == ["không trễ hạn (0 ngày trễ)"]
    assert rows["B"]["reasons"][0].startswith("quá hạn")
