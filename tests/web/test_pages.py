"""What the pages show: figures, comparisons, filters, exports, imports, the public page."""

from __future__ import annotations

import csv
import io
from collections.abc import Callable
from pathlib import Path
from typing import Any

from django.conf import settings
from django.test import Client
from openpyxl import load_workbook

from cchc.analytics.gateway import Analytics
from cchc.dossiers.models import Dossier
from cchc.dossiers.periods import parse_period
from cchc.web.periods import default_period
from cchc.web.xlsx_sheet import safe_cell
from tests.web.world import World, write_import_csv

ClientFor = Callable[[str], Client]


def _body(response: Any) -> bytes:
    return b"".join(response.streaming_content)


def test_overview_shows_the_period_total_and_last_year(world: World, client_for: ClientFor) -> None:
    page = client_for("steering").get("/?period=2024-H1").content.decode()
    total = Analytics.current("database").summarise(parse_period("2024-H1"))[0]
    assert "6 tháng đầu năm 2024" in page
    assert "Cùng kỳ năm trước" in page
    assert f">{total.dossiers}<" in page
    assert "Dữ liệu đến" in page


def test_the_default_period_is_the_last_ended_half_year_with_data(world: World) -> None:
    import datetime as dt

    assert default_period(None, dt.date(2025, 3, 1)).label == "2024-H2"
    assert default_period(None, dt.date(2024, 12, 1)).label == "2024-H1"
    assert default_period({"X011"}, dt.date(2030, 1, 1)).label == "2024-H2"


def test_a_bad_period_is_explained_not_a_crash(world: World, client_for: ClientFor) -> None:
    response = client_for("officer").get("/?period=2024-H7")
    assert response.status_code == 200
    assert "Kỳ không hợp lệ" in response.content.decode()
    response = client_for("officer").get("/ho-so-tre-han/?sort=x")
    assert response.status_code == 400
    assert "Thứ tự không hợp lệ" in response.content.decode()


def test_unit_page_lists_sub_units_and_flags(world: World, client_for: ClientFor) -> None:
    page = client_for("district_head").get("/don-vi/H01/?period=2024").content.decode()
    assert "Xã Một Một" in page and "Xã Một Hai" in page
    assert "Xã Hai Một" not in page
    assert "Trễ hạn không xin lỗi" in page


def test_late_list_filters_and_pages(world: World, client_for: ClientFor) -> None:
    client = client_for("officer")
    everything = client.get("/api/dossiers/late?period=2024&limit=1").json()["total"]
    land = client.get("/api/dossiers/late?period=2024&limit=1&sector=Đất đai").json()["total"]
    assert 0 < land < everything
    page = client.get("/ho-so-tre-han/?period=2024&sector=Đất đai").content.decode()
    assert f"<strong>{land}</strong>" in page
    second = client.get("/ho-so-tre-han/?period=2024&page=2")
    assert second.status_code == 200 and 'rel="prev"' in second.content.decode()
    assert client.get("/ho-so-tre-han/?period=2024&page=0").status_code == 400


def test_exports_hold_the_filtered_rows_and_neutralise_formulas(
    world: World, client_for: ClientFor
) -> None:
    client = client_for("admin")
    total = client.get("/api/dossiers/late?period=2023&limit=1").json()["total"]
    response = client.get("/ho-so-tre-han/xuat.csv?period=2023")
    text = _body(response).decode("utf-8-sig")
    rows = list(csv.reader(io.StringIO(text)))
    assert rows[0][0] == "Mã hồ sơ" and len(rows) == total + 1
    codes = [r[0] for r in rows[1:]]
    assert not any(c.startswith("=") for c in codes)
    response = client.get("/ho-so-tre-han/xuat.xlsx?period=2023")
    book = load_workbook(io.BytesIO(_body(response)), read_only=True)
    sheet_rows = list(book.active.iter_rows(values_only=True))
    assert len(sheet_rows) == 4 + 1 + 1 + total  # title, a blank line, the header, the rows


def test_safe_cell_prefixes_formula_starters() -> None:
    assert [safe_cell(v) for v in ["=1+1", "+84", "-2", "@SUM", "HS-1"]] == [
        "'=1+1", "'+84", "'-2", "'@SUM", "HS-1"
    ]  # fmt: skip


def test_public_page_shows_aggregates_only(world: World) -> None:
    page = Client().get("/cong-khai/?period=2024").content.decode()
    assert "Công khai kết quả" in page
    assert "Xã Một Một" in page
    assert "HS-0" not in page and "ps-" not in page


def test_api_rejects_bad_parameters_with_4xx(world: World, client_for: ClientFor) -> None:
    client = client_for("officer")
    for url in [
        "/api/dossiers/summary?period=2024-H9",
        "/api/dossiers/summary?period=2024&by=nothing",
        "/api/dossiers/summary?from=2024-05-01&to=2024-01-01",
        "/api/dossiers/summary?period=2024&unit=KHONG-CO",
        "/api/dossiers/late?period=2024&flag=nope",
        "/api/dossiers/late?period=2024&limit=0",
        "/api/dossiers/late?period=2024&offset=-1",
        "/api/units?day=not-a-date",
    ]:
        response = client.get(url)
        assert 400 <= response.status_code < 500, url


def test_import_page_runs_the_importer_and_reports_rejections(
    world: World, client_for: ClientFor, tmp_path: Path
) -> None:
    client = client_for("officer")
    bad = tmp_path / "hong.csv"
    bad.write_text("khong,phai,tep\n1,2,3\n", encoding="utf-8")
    with bad.open("rb") as handle:
        response = client.post("/nhap-du-lieu/", {"file": handle, "mapping": "canonical"})
    assert response.status_code == 302
    page = client.get(response["Location"]).content.decode()
    assert "Tệp không được nhập" in page
    history = client.get("/api/imports").json()
    assert history[0]["file_name"] == "hong.csv" and history[0]["status"] == "rejected"
    with bad.open("rb") as handle:
        response = client.post("/nhap-du-lieu/", {"file": handle, "mapping": "../../etc/passwd"})
    assert response.status_code == 400


def test_import_page_imports_a_valid_file_and_shows_the_counts(
    world: World, client_for: ClientFor, tmp_path: Path
) -> None:
    client = client_for("officer")
    path = write_import_csv(tmp_path / "thang7.csv", 25)
    with path.open("rb") as handle:
        response = client.post("/nhap-du-lieu/", {"file": handle, "mapping": "canonical"})
    page = client.get(response["Location"]).content.decode()
    assert "Kết quả" in page and ">25<" in page
    assert Dossier.objects.filter(code__startswith="NHAP-").count() == 25
    assert not list((Path(settings.DATA_DIR) / "uploads").rglob("*.csv"))  # upload removed


def test_the_admin_link_is_beside_the_account_for_staff_only(client_for: ClientFor) -> None:
    """Django's admin is reached from the account area, not the navigation (which then fits on
    one line at 1366 px for the administrator too)."""
    page = client_for("admin").get("/").content.decode()
    nav = page[page.index("<nav") : page.index("</nav>")]
    account = page[page.index('<div class="account">') : page.index("</header>")]
    assert 'href="/quan-tri/"' not in nav and 'href="/quan-tri/">Trang quản trị</a>' in account
    assert "/quan-tri/" not in client_for("officer").get("/").content.decode()
