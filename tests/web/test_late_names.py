"""The late list names its units and procedures (codes beneath), says why each dossier is late,
tells same-named units apart in its filter, and exports an XLSX people can use."""

from __future__ import annotations

import datetime as dt
import io
from collections.abc import Callable
from typing import Any

from django.conf import settings
from django.template import Context, Template
from django.test import Client
from openpyxl import load_workbook

from cchc.core.models import Procedure, Unit, UnitKind
from cchc.dossiers.models import Channel, Dossier
from cchc.dossiers.rulebook.timing import Outcome
from tests.web.world import World

ClientFor = Callable[[str], Client]
LONG_NAME = (
    "Cấp Giấy chứng nhận quyền sử dụng đất, quyền sở hữu nhà ở và tài sản khác gắn liền với đất "
    "lần đầu"
)
Q = "period=2024&procedure=1.013277"


def _late_dossier() -> None:
    """One dossier of commune X011, 2 working days late (deadline Tue 12 Mar 2024, finished Thu
    14 Mar), after 3 supplement requests, of a procedure with a long name."""
    Procedure.objects.create(code="1.013277", name=LONG_NAME, sector="Đất đai", time_limit=10)
    Dossier.objects.create(
        code="HS-NAMES-1", procedure_code="1.013277", unit_code="X011", sector="Đất đai",
        channel=Channel.ONLINE, received_at=dt.datetime(2024, 3, 1, 2, tzinfo=dt.UTC),
        received_on=dt.date(2024, 3, 1), statutory_due_on=dt.date(2024, 3, 12),
        deadline_on=dt.date(2024, 3, 12), finished_on=dt.date(2024, 3, 14),
        finish_outcome=Outcome.LATE, supplement_requests=3, flag_repeated_supplements=True,
        applicant_pseudonym="ps-names", row_hash="names-1",
    )  # fmt: skip


def test_the_page_shows_names_with_codes_beneath_and_the_reason(
    world: World, client_for: ClientFor
) -> None:
    _late_dossier()
    page = client_for("officer").get(f"/ho-so-tre-han/?{Q}").content.decode()
    assert (
        '<td title="Xã Một Một (X011)">Xã Một Một<span class="code-line">X011</span></td>' in page
    )
    assert f'<td title="{LONG_NAME} (1.013277)">{LONG_NAME[:59]}…' in page
    assert '<span class="code-line">1.013277</span>' in page
    assert '<span class="reason">quá hạn 2 ngày làm việc</span>' in page
    assert '<span class="reason">bổ sung hồ sơ nhiều lần (3 lần)</span>' in page
    client = client_for("officer")
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    english = client.get(f"/ho-so-tre-han/?{Q}").content.decode()
    assert '<span class="reason">finished 2 working day(s) late</span>' in english


def test_same_named_units_are_told_apart_by_parent_and_dates(
    world: World, client_for: ClientFor
) -> None:
    town = Unit.objects.create(
        code="vn77-PM", name="Thành phố Phú Mỹ", kind=UnitKind.DISTRICT, parent=world.province,
        valid_to=dt.date(2025, 6, 30),
    )  # fmt: skip
    city = Unit.objects.create(code="vn79", name="Thành phố Hồ Chí Minh", kind=UnitKind.PROVINCE)
    Unit.objects.create(
        code="vn77-26542", name="Phường Phú Mỹ", kind=UnitKind.COMMUNE, parent=town,
        valid_to=dt.date(2025, 6, 30),
    )  # fmt: skip
    Unit.objects.create(
        code="vn79-26542", name="Phường Phú Mỹ", kind=UnitKind.COMMUNE, parent=city,
        valid_from=dt.date(2025, 7, 1),
    )  # fmt: skip
    page = client_for("officer").get("/ho-so-tre-han/?period=2024").content.decode()
    assert '<option value="vn77-26542">Phường Phú Mỹ (Thành phố Phú Mỹ, đến 30/06/2025)' in page
    assert '<option value="vn79-26542">Phường Phú Mỹ (Thành phố Hồ Chí Minh, từ 01/07/2025)' in page
    assert '<option value="X011">Xã Một Một</option>' in page  # a name no other unit has


def test_the_xlsx_has_a_title_real_dates_a_frozen_header_and_a_filter(
    world: World, client_for: ClientFor
) -> None:
    _late_dossier()
    response: Any = client_for("officer").get(f"/ho-so-tre-han/xuat.xlsx?{Q}")
    book = load_workbook(io.BytesIO(b"".join(response.streaming_content)))
    sheet = book.active
    assert sheet["A1"].value == "Hồ sơ trễ hạn · Năm 2024 (01/01/2024 – 31/12/2024)"
    assert sheet["A2"].value == "Lọc: Mã thủ tục: 1.013277"
    assert sheet["A3"].value.startswith("Số liệu theo: Đơn vị như khi đó, cơ cấu")
    assert sheet["A4"].value.startswith("Dữ liệu đến: ")
    assert sheet["A1"].font.b is True
    header = [c.value for c in sheet[6]]
    assert header[:6] == [
        "Mã hồ sơ", "Mã đơn vị", "Tên đơn vị (ngày cuối kỳ)",
        "Đơn vị theo cách xem: Đơn vị như khi đó", "Mã thủ tục", "Tên thủ tục",
    ]  # fmt: skip
    assert (sheet.freeze_panes, sheet.auto_filter.ref) == ("A7", "A6:Q7")
    row = {name: cell for name, cell in zip(header, sheet[7], strict=True)}
    assert (
        row["Mã đơn vị"].value == "X011" and row["Tên đơn vị (ngày cuối kỳ)"].value == "Xã Một Một"
    )
    assert row["Tên thủ tục"].value == LONG_NAME and row["Kênh"].value == "Trực tuyến"
    received = row["Ngày tiếp nhận"]
    assert received.value == dt.datetime(2024, 3, 1) and received.number_format == "DD/MM/YYYY"
    assert row["Ngày kết thúc"].value == dt.datetime(2024, 3, 14)
    assert row["Số ngày trễ (ngày làm việc)"].value == 2
    assert row["Số ngày trễ (ngày làm việc)"].data_type == "n"
    assert row["Lý do trễ hạn"].value == (
        "quá hạn 2 ngày làm việc; bổ sung hồ sơ nhiều lần (3 lần)"
    )
    assert sheet.column_dimensions["F"].width == 50
    assert sheet.max_row == 7


def test_the_csv_and_the_api_carry_the_names_and_reasons(
    world: World, client_for: ClientFor
) -> None:
    _late_dossier()
    client = client_for("officer")
    response: Any = client.get(f"/ho-so-tre-han/xuat.csv?{Q}")
    lines = b"".join(response.streaming_content).decode("utf-8-sig").splitlines()
    assert len(lines) == 2 and lines[0].startswith("Mã hồ sơ,Mã đơn vị,Tên đơn vị (ngày cuối kỳ)")
    assert "X011,Xã Một Một,Xã Một Một,1.013277," in lines[1] and ",01/03/2024," in lines[1]
    (row,) = client.get(f"/api/dossiers/late?{Q}").json()["rows"]
    assert (row["unit_name"], row["shown_unit_name"], row["procedure_name"]) == (
        "Xã Một Một", "Xã Một Một", LONG_NAME,
    )  # fmt: skip
    assert (row["channel"], row["channel_label"], row["supplement_requests"]) == (
        "online", "Trực tuyến", 3,
    )  # fmt: skip
    assert row["reasons"] == ["quá hạn 2 ngày làm việc", "bổ sung hồ sơ nhiều lần (3 lần)"]


def test_channels_are_shown_by_their_labels() -> None:
    template = Template("{% load vn %}{{ a|channel }} / {{ b|channel }} / {{ c|channel }}")
    context = Context({"a": "online", "b": "in_person", "c": "fax"})
    assert template.render(context) == "Trực tuyến / Trực tiếp / fax"
