"""/chi-so/ben-ngoai/: who reads it, what the steering committee sees for the served province
(position by dimension in the latest year with all provinces' results, the trend, PAR INDEX and
SIPAS, each figure with its origin and source), the "Chỉ số" navigation item, and the CLI list."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from django.test import Client

from cchc.cli import main

pytestmark = pytest.mark.django_db
Clients = Callable[[str], Client]
URL = "/chi-so/ben-ngoai/"

WHO_READS = {
    "anonymous": 302,
    "norole": 403,
    "inspector": 403,
    "unit_head": 200,
    "steering": 200,
    "officer": 200,
    "admin": 200,
}


@pytest.mark.parametrize(("persona", "status"), WHO_READS.items())
def test_who_reads_the_external_indices(
    papi: None, client_as: Clients, persona: str, status: int
) -> None:
    page = client_as(persona).get(URL)
    assert page.status_code == status
    if persona not in ("anonymous", "norole"):
        nav = client_as(persona).get("/chi-so/").content.decode()  # the 766 page still there
        assert (f'href="{URL}"' in nav) == (status == 200)


def test_the_steering_committee_sees_the_position_trend_and_sources(
    papi: None, client_as: Clients
) -> None:
    html = client_as("steering").get(URL).content.decode()
    assert "Bà Rịa – Vũng Tàu" in html and "năm 2023" in html
    assert "44,5746" in html and "9/61" in html  # total and its printed rank
    assert "Thừa Thiên Huế 46,0415" in html  # the leader
    assert "trung vị 42,3265" in html and "+2,25" in html  # 44.5746 − 42.3265 = 2.2481
    assert "41,99" in html and "34/61" in html  # 2022 in the trend
    assert "tính từ số liệu" in html and "chưa được nguồn in xác nhận" in html
    assert "Chỉ số Cải cách hành chính (PAR INDEX)" in html and "91,03" in html
    assert "<svg" in html and "<desc" in html  # the chart and its text


def test_a_year_may_be_chosen_among_years_with_all_provinces(
    papi: None, client_as: Clients
) -> None:
    html = client_as("officer").get(URL + "?nam=2019").content.decode()
    assert "năm 2023" in html  # 2019 has only the served province: no position to show


def test_the_province_setting_chooses_the_province(
    papi: None, client_as: Clients, settings: Any
) -> None:
    settings.PROVINCE = "Thành phố Hà Nội"
    html = client_as("admin").get(URL).content.decode()
    assert "Chỉ số bên ngoài · Hà Nội" in html and "43,9603" in html


def test_an_empty_database_says_how_to_load_results(client_as: Clients) -> None:
    html = client_as("admin").get(URL).content.decode()
    assert "cchc indices import" in html


def test_the_cli_lists_results_as_json(papi: None, capsys: pytest.CaptureFixture[str]) -> None:
    code = main(["indices", "list", "--index", "PAPI", "--year", "2022", "--format", "json"])
    rows = json.loads(capsys.readouterr().out)
    assert code == 0
    total = next(r for r in rows if r["code"] == "TOTAL")
    assert (total["province"], total["value"], total["rank"], total["origin"]) == (
        "Bà Rịa – Vũng Tàu",
        "41.9929",
        34,
        "computed",
    )


def test_the_cli_import_names_the_bad_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "x.csv"
    path.write_text(
        "index,year,province,level,code,value,source,origin\nPAPI,2023,Hà Nội,total,TOTAL,abc,"
        "báo,read\n",
        encoding="utf-8",
    )
    assert main(["indices", "import", str(path), "--format", "canonical"]) == 1
    assert "x.csv, dòng (line) 2, cột (field) 'value'" in capsys.readouterr().err


def test_the_page_speaks_english_when_asked(papi: None, client_as: Clients, settings: Any) -> None:
    client = client_as("steering")
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    html = client.get(URL).content.decode()
    assert "External indices" in html and "Position on each PAPI dimension in 2023" in html
    assert "44.5746" in html and "computed from the data" in html
    assert ">Indices</a>" in html  # the navigation item


def test_an_admin_corrects_an_unconfirmed_figure_and_it_is_audited(
    papi: None, client_as: Clients, personas: dict[str, Any]
) -> None:
    from cchc.core.models import AuditEntry
    from cchc.plans.models_indices import IndexResult

    admin = personas["admin"]
    admin.is_staff = admin.is_superuser = True
    admin.save()
    row = IndexResult.objects.get(
        index="PAPI", year=2024, province_key="bariavungtau", code="TOTAL"
    )
    assert row.unconfirmed
    url = f"/quan-tri/plans/indexresult/{row.pk}/change/"
    client = client_as("admin")
    form = {
        f.name: ("" if getattr(row, f.name) is None else getattr(row, f.name))
        for f in IndexResult._meta.fields
        if f.name not in ("id", "province_key", "updated_at")
    }
    form.update(unconfirmed="", source_page="12")
    assert client.post(url, form).status_code == 302
    row.refresh_from_db()
    assert not row.unconfirmed and row.source_page == "12"
    entry = AuditEntry.objects.get(action="index_result.update", object_id=str(row.pk))
    assert entry.user == admin
    assert entry.before is not None and entry.after is not None
    changed = {k: (entry.before[k], entry.after[k]) for k in entry.before if k != "updated_at"}
    assert changed == {"unconfirmed": (True, False), "source_page": ("", "12")}
