"""The web's late list (ranking kept between requests) equals cchc.dossiers.late.late_dossiers."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import pytest

from cchc.dossiers import late as late_rules
from cchc.dossiers.importer import import_dossiers
from cchc.dossiers.late import FLAGS, ORDERS, LateFilter, late_dossiers
from cchc.dossiers.periods import parse_period
from cchc.web.late_cache import late_page
from tests.web.world import World, write_import_csv

FILTERS = [
    LateFilter(),
    LateFilter(unit_codes={"X011", "X012"}),
    LateFilter(unit_codes=set()),
    LateFilter(sector="Đất đai"),
    LateFilter(procedure_code="TT-HT-01", unit_codes={"H01"}),
    *(LateFilter(flag=f) for f in FLAGS),
]


@pytest.mark.parametrize("order", list(ORDERS))
def test_pages_equal_the_uncached_late_list(world: World, order: str) -> None:
    period = parse_period("2024")
    today = dt.date(2024, 9, 30)  # open dossiers judged on a day inside the period
    for filt in FILTERS:
        for offset, limit in [(0, 10), (7, 25), (100, 1000), (10_000, 5)]:
            expected = late_dossiers(period, filt, order, offset, limit, as_of=today)
            assert late_page(period, filt, order, offset, limit, as_of=today) == expected


def test_the_ranking_is_reused_and_renewed_by_an_import(
    world: World, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    ranked: list[object] = []
    rank_page = late_rules.rank_page

    def counting(*args: Any) -> tuple[list[int], int]:
        ranked.append(args)
        return rank_page(*args)

    monkeypatch.setattr(late_rules, "rank_page", counting)
    period = parse_period("2024-H2")
    first, total = late_page(period, LateFilter(unit_codes={"X011"}), limit=5)
    assert first and total > 5 and len(ranked) == 1
    late_page(period, LateFilter(unit_codes={"X011"}), offset=5, limit=5)
    assert len(ranked) == 1  # the next page reuses the ranking

    # A new import with 30 late dossiers of X011: received 01/07, due ~15/07, still open.
    path = write_import_csv(tmp_path / "open.csv", 30)
    path.write_text(path.read_text(encoding="utf-8").replace(",05/07/2024 10:00,", ",,"))
    import_dossiers(path)
    _rows, new_total = late_page(period, LateFilter(unit_codes={"X011"}), limit=5)
    assert new_total == late_dossiers(period, LateFilter(unit_codes={"X011"}), limit=5)[1]
    assert new_total == total + 30
    assert len(ranked) == 2  # ranked again once for the new data


def test_bad_order_and_flag_are_refused(world: World) -> None:
    with pytest.raises(ValueError, match="Thứ tự không hợp lệ"):
        late_page(parse_period("2024"), order="colour")
    with pytest.raises(ValueError, match="Dấu hiệu không hợp lệ"):
        late_page(parse_period("2024"), LateFilter(flag="nope"))
