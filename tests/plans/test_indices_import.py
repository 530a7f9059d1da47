"""`cchc indices import`: the shipped long PAPI files as they are, the canonical CSV, bad rows
named by file, line and field with nothing written, and a re-import that updates and says so."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest

from cchc.core.importing import ImportRejected
from cchc.core.models import AuditEntry
from cchc.plans.indices_import import import_indices
from cchc.plans.indices_queries import external_series, external_value
from cchc.plans.models_indices import IndexResult
from tests.plans.conftest import BRVT, DATA

pytestmark = pytest.mark.django_db

HEADER = (
    "index,year,province,level,code,name,value,max,rank,rank_of,source,source_url,page,origin,"
    "unconfirmed,note\n"
)


def canonical(tmp_path: Path, *rows: str, name: str = "chi-so.csv") -> Path:
    path = tmp_path / name
    path.write_text(HEADER + "".join(r + "\n" for r in rows), encoding="utf-8")
    return path


def test_the_2023_files_load_every_province_with_a_figure(papi: None) -> None:
    totals = IndexResult.objects.filter(index="PAPI", year=2023, code="TOTAL")
    assert totals.count() == 61  # Quảng Ninh and Bình Dương have no 2023 results
    assert not totals.filter(province="Quảng Ninh").exists()
    brvt = totals.get(province_key="bariavungtau")
    assert (brvt.value, brvt.rank, brvt.rank_of) == (Decimal("44.5746"), 9, 61)
    assert brvt.origin == "computed" and brvt.unconfirmed  # not printed anywhere (README)
    assert brvt.rank_origin == "read"  # rank 9 printed (vietnam.vn/vungtau)


def test_the_history_gives_the_years_the_issue_names(papi: None) -> None:
    series = external_series("PAPI", "TOTAL", BRVT)
    assert sorted(series) == [2018, 2019, 2020, 2021, 2022, 2023, 2024]
    assert (series[2022].value, series[2022].rank) == (Decimal("41.9929"), 34)
    assert not series[2022].unconfirmed  # printed by nhandan.vn
    assert series[2018].rank is None  # not determined (README caveat)
    d6 = external_value("PAPI", "D6", "Ba Ria - Vung Tau", 2022)
    assert d6 is not None and d6.value == Decimal("7.8579")


def test_par_index_and_sipas_keep_ranks_without_scores(papi: None) -> None:
    par = external_series("PAR INDEX", "TOTAL", BRVT)
    assert par[2023].value == Decimal("91.03") and par[2023].rank == 5
    assert par[2024].value is None and par[2024].rank == 2
    sipas = external_value("SIPAS", "TOTAL", BRVT, 2021)
    assert sipas is not None and (sipas.value, sipas.rank, sipas.rank_of) == (
        Decimal("86.72"),
        38,
        63,
    )


def test_reimporting_the_same_file_changes_nothing(papi: None) -> None:
    report = import_indices(DATA / "papi-brvt-history.csv")
    assert (report.inserted, report.updated, report.unchanged) == (0, 0, 63)


def test_a_reimport_with_a_corrected_figure_updates_it_says_so_and_audits_it(
    tmp_path: Path,
) -> None:
    first = canonical(
        tmp_path,
        "PAR INDEX,2022,Bà Rịa – Vũng Tàu,total,TOTAL,,88.10,100,,,Báo BR-VT,,,read,1,",
    )
    assert import_indices(first, "canonical").inserted == 1
    fixed = canonical(
        tmp_path,
        "PAR INDEX,2022,Bà Rịa - Vũng Tàu,total,TOTAL,,88.45,100,12,63,Bộ Nội vụ,"
        "https://example.gov.vn/par-2022,4,read,0,",
        name="sua.csv",
    )
    report = import_indices(fixed, "canonical")
    assert (report.inserted, report.updated) == (0, 1)
    assert any("PAR INDEX 2022" in line and "88.45" in line for line in report.lines())
    row = IndexResult.objects.get(index="PAR INDEX", year=2022)
    assert (row.value, row.rank, row.unconfirmed, row.source_page) == (
        Decimal("88.45"),
        12,
        False,
        "4",
    )
    entry = AuditEntry.objects.get(action="index_result.update")
    assert entry.before is not None and entry.after is not None
    assert entry.before["unconfirmed"] is True and entry.after["unconfirmed"] is False


def test_bad_rows_are_named_by_file_line_and_field_and_nothing_is_written(
    tmp_path: Path,
) -> None:
    path = canonical(
        tmp_path,
        "PAPI,2023,Hà Nội,total,TOTAL,,43.96,80,15,61,báo,,,read,0,",
        "PAPI,20x3,Hà Nội,dimension,D1,,5.4,10,,,báo,,,read,0,",
        "PAPI,2023,Hà Nội,dimension,D2,,năm,10,,,báo,,,guessed,0,",
        "PAPI,2023,Hà Nội,dimension,D3,,4.1,10,,,,,,read,0,",
        "PAPI,2023,Hà Nội,total,TOTAL,,43.96,80,,,báo,,,read,0,",
    )
    with pytest.raises(ImportRejected) as caught:
        import_indices(path, "canonical")
    found = {(e.file, e.line, e.field) for e in caught.value.errors}
    assert found == {
        ("chi-so.csv", 3, "year"),
        ("chi-so.csv", 4, "value"),
        ("chi-so.csv", 4, "origin"),
        ("chi-so.csv", 5, "source"),
        ("chi-so.csv", 6, "code"),  # same figure as line 2
    }
    assert "chi-so.csv, dòng (line) 4, cột (field) 'value'" in caught.value.report()
    assert not IndexResult.objects.exists()


def test_a_canonical_file_without_a_required_column_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "thieu.csv"
    path.write_text("index,year,province,code,value\nPAPI,2023,Hà Nội,D1,5\n", encoding="utf-8")
    with pytest.raises(ImportRejected) as caught:
        import_indices(path, "canonical")
    assert {e.field for e in caught.value.errors} == {"level", "origin"}


def test_the_readings_file_is_not_taken_for_results() -> None:
    with pytest.raises(ImportRejected, match="đối chiếu"):
        import_indices(DATA / "papi-source-readings.csv")


def test_the_other_indices_file_needs_its_province() -> None:
    with pytest.raises(ImportRejected, match="--province"):
        import_indices(DATA / "brvt-other-indices.csv")


def test_a_broken_row_in_a_long_file_rejects_the_whole_file(tmp_path: Path) -> None:
    lines = (DATA / "papi-2023-totals.csv").read_text(encoding="utf-8").splitlines()
    head, *rows = lines
    rows[3] = rows[3].replace(rows[3].split(",")[4], "bốn mươi", 1)
    path = tmp_path / "totals.csv"
    path.write_text("\n".join([head, *rows]) + "\n", encoding="utf-8")
    with pytest.raises(ImportRejected) as caught:
        import_indices(path)
    assert [(e.line, e.field) for e in caught.value.errors] == [(5, "total_score")]
    assert not IndexResult.objects.exists()


def test_what_list_exports_as_csv_imports_back_as_canonical_with_nothing_changed(
    papi: None, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from cchc.cli import main

    assert main(["indices", "list", "--province", BRVT, "--format", "csv"]) == 0
    path = tmp_path / "brvt.csv"
    path.write_text(capsys.readouterr().out, encoding="utf-8")
    report = import_indices(path, "canonical")
    assert (report.inserted, report.updated) == (0, 0)
    assert report.unchanged == IndexResult.objects.filter(province_key="bariavungtau").count()
