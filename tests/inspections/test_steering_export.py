"""The steering committee's workbook (issue #12): on a fixed today, 05/12/2026, for 2026-H1.

Hand-worked world: X1 has 30 dossiers ended in 2026-H1, 6 of them late (on time 24/30 = 80 %);
X2 has 25, 2 late (23/25 = 92 %); the province 55, 8 late. Inspections dated in 2026-H1: X1 on
02/03 and X3 on 02/05 (two); in 2025-H1: X2 on 01/04 (one); the actions' own inspections are
dated 01/10/2026, outside the period. Actions not closed: X1's overdue by 5 days, X1's reported
(waiting for the team, not overdue), X1's due in 3 days; the closed one is left out.
"""

from __future__ import annotations

import datetime as dt
import io

import pytest
from django.contrib.auth.models import User
from django.test import Client
from openpyxl import load_workbook

from cchc.core import clock
from cchc.inspections import services
from cchc.inspections.models import ActionState, CorrectiveAction
from tests.inspections.steps import conclude, walk
from tests.inspections.world import World, build_world, bulk_dossiers

TODAY = dt.date(2026, 12, 5)
URL = "/kiem-tra/tong-quan.xlsx?period=2026-H1"


def _action(world: World, description: str, deadline: dt.date, state: str = "open") -> None:
    inspection = services.create_inspection(
        None, kind="surprise", unit=world.x1, date=dt.date(2026, 10, 1)
    )
    walk(inspection)
    finding = services.record_finding(
        None, inspection, category="publicity", severity="correction", description="Thiếu niêm yết"
    )
    conclude(inspection)
    action = services.raise_action(None, finding, description=description, deadline=deadline)
    CorrectiveAction.objects.filter(pk=action.pk).update(state=state)


@pytest.fixture
def world(db: None, monkeypatch: pytest.MonkeyPatch) -> World:
    monkeypatch.setattr(clock, "today", lambda: TODAY)
    world = build_world()
    bulk_dossiers("X1", dt.date(2026, 1, 5), 30, 6)
    bulk_dossiers("X2", dt.date(2026, 1, 5), 25, 2)
    for unit, day in ((world.x1, (2026, 3, 2)), (world.x3, (2026, 5, 2)), (world.x2, (2025, 4, 1))):
        services.create_inspection(None, kind="periodic", unit=unit, date=dt.date(*day))
    _action(world, "Trả lời phản ánh tồn đọng", TODAY - dt.timedelta(days=5))
    _action(world, "Đã báo cáo, chờ xác minh", TODAY + dt.timedelta(days=1), ActionState.REPORTED)
    _action(world, "Niêm yết lại thủ tục", TODAY + dt.timedelta(days=3))
    _action(world, "Đã xong từ trước", TODAY - dt.timedelta(days=20), ActionState.CLOSED)
    return world


def _get(user: User, url: str = URL) -> tuple[int, bytes]:
    client = Client()
    client.force_login(user)
    response = client.get(url)
    body = b"".join(response.streaming_content) if response.streaming else response.content  # type: ignore[attr-defined]
    return response.status_code, body


def _table(sheet: object, header: str) -> list[tuple[object, ...]]:
    rows = list(sheet.iter_rows(values_only=True))  # type: ignore[attr-defined]
    start = next(i for i, r in enumerate(rows) if r[0] == header)
    return [r for r in rows[start + 1 :] if any(v is not None for v in r)]


def test_the_workbook_holds_the_period_inspections_and_waiting_actions(world: World) -> None:
    status, body = _get(world.steering)
    assert status == 200
    book = load_workbook(io.BytesIO(body))
    assert book.sheetnames == ["Tổng quan", "Đơn vị", "Kiểm tra", "Khắc phục"]
    summary = book["Tổng quan"]
    assert summary["A1"].value == "Tổng quan cải cách hành chính — báo cáo Ban Chỉ đạo"
    assert "01/01/2026 đến 30/06/2026" in summary["A2"].value
    figures = {r[0]: r[1:] for r in _table(summary, "Chỉ tiêu")}
    assert figures["Hồ sơ"][0] == 55
    assert figures["Quá hạn đã xử lý"][0] == 8
    assert figures["Tỷ lệ đúng hạn (%)"][0] == round(47 / 55 * 100, 1)
    assert figures["Cuộc kiểm tra"] == (2, 1, 1)
    assert figures["Yêu cầu khắc phục đang chờ báo cáo (05/12/2026)"][0] == 2  # open only
    assert figures["— trong đó quá hạn (05/12/2026)"][0] == 1

    units = _table(book["Đơn vị"], "Mã đơn vị")
    by_code = {r[0]: r for r in units}
    assert by_code["X1"][1:7] == ("Xã Long Sơn", 30, 30, 6, 0, pytest.approx(24 / 30))
    assert by_code["X2"][1:7] == ("Phường Rạch Dừa", 25, 25, 2, 0, pytest.approx(23 / 25))
    assert [r[0] for r in units][:2] == ["X1", "X2"]  # the lowest on-time rate first
    assert book["Đơn vị"]["G8"].number_format == "0.0%"
    assert book["Đơn vị"].freeze_panes == "A8"

    inspections = _table(book["Kiểm tra"], "Ngày kiểm tra")
    assert [(r[0].date(), r[1], r[2]) for r in inspections] == [  # type: ignore[attr-defined]
        (dt.date(2026, 3, 2), "X1", "Xã Long Sơn"),
        (dt.date(2026, 5, 2), "X3", "Xã Tân Hải"),
    ]

    actions = _table(book["Khắc phục"], "Mã đơn vị")
    assert [(r[2], r[5]) for r in actions] == [
        ("Trả lời phản ánh tồn đọng", 5),
        ("Đã báo cáo, chờ xác minh", 0),
        ("Niêm yết lại thủ tục", 0),
    ]


def test_only_who_sees_the_province_gets_it_and_the_steering_block_links_it(
    world: World,
) -> None:
    assert _get(world.head_x1)[0] == 403
    assert _get(world.officer)[0] == 200
    client = Client()
    client.force_login(world.steering)
    page = client.get("/?period=2026-H1&view=as-is").content.decode()
    assert 'href="/kiem-tra/tong-quan.xlsx?period=2026-H1&amp;view=as-is"' in page
