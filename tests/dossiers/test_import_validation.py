"""Every bad row is reported; a bad file changes nothing but a "rejected" batch record."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest

from cchc.cli import main
from cchc.core.importing import ImportRejected
from cchc.core.models import ImportBatch
from cchc.dossiers.importer import import_dossiers
from cchc.dossiers.models import Dossier
from tests.dossiers.import_helpers import FIXTURES, HEADER, row, world, write_csv

pytestmark = pytest.mark.django_db


def rejected(path: Path) -> ImportRejected:
    with pytest.raises(ImportRejected) as info:
        import_dossiers(path)
    return info.value


@pytest.mark.parametrize(
    ("changes", "field", "reason"),
    [
        ({"received_at": "31/02/2025"}, "received_at", "invalid date/time"),
        ({"channel": "fax"}, "channel", "invalid channel"),
        ({"unit_code": "NOWHERE"}, "unit_code", "unknown unit code"),
        ({"procedure_code": "9.999"}, "procedure_code", "unknown procedure code"),
        ({"finished_at": "30/06/2025"}, "finished_at", "finished before it was received"),
        ({"dossier_code": ""}, "dossier_code", "required value missing"),
    ],
)
def test_a_bad_value_rejects_the_file(
    tmp_path: Path, changes: dict[str, str], field: str, reason: str
) -> None:
    world()
    path = write_csv(tmp_path / "d.csv", [row(dossier_code="OK-1"), row(**changes)])
    error = rejected(path)
    assert [(e.line, e.field) for e in error.errors] == [(3, field)]
    assert error.errors[0].reason_en.startswith(reason)
    assert Dossier.objects.count() == 0
    batch = ImportBatch.objects.get()
    assert batch.status == ImportBatch.Status.REJECTED and batch.rejected == 1


def test_a_bad_number_is_reported(tmp_path: Path) -> None:
    world()
    header = [*HEADER, "supplement_requests"]
    path = write_csv(tmp_path / "d.csv", [[*row(), "hai"]], header=header)
    assert [(e.field, e.value) for e in rejected(path).errors] == [("supplement_requests", "hai")]


def test_a_duplicate_code_is_an_error_naming_the_first_line(tmp_path: Path) -> None:
    world()
    error = rejected(write_csv(tmp_path / "d.csv", [row(), row(), row()]))
    assert [e.line for e in error.errors] == [3, 4]
    assert "dòng 2" in error.errors[0].reason_vi


def test_a_missing_required_column_is_reported_once(tmp_path: Path) -> None:
    world()
    path = write_csv(tmp_path / "d.csv", [row()[:3]], header=HEADER[:3])
    fields = [(e.line, e.field) for e in rejected(path).errors]
    assert fields == [(1, "channel"), (1, "received_at")]


def test_all_bad_rows_are_collected(tmp_path: Path) -> None:
    world()
    rows = [row(dossier_code=f"B{i}", channel="x", received_at="hôm qua") for i in range(5)]
    assert len(rejected(write_csv(tmp_path / "d.csv", rows)).errors) == 10


def test_skip_invalid_imports_good_rows_and_writes_the_bad_ones(tmp_path: Path) -> None:
    world()
    rows = [row(), row(dossier_code="HS-2", channel="fax"), row(dossier_code="HS-3")]
    out = tmp_path / "bad.csv"
    result = import_dossiers(
        write_csv(tmp_path / "d.csv", rows), skip_invalid=True, rejected_path=out
    )
    assert (result.inserted, result.rejected) == (2, 1)
    with out.open(encoding="utf-8-sig") as handle:
        (bad,) = list(csv.DictReader(handle))
    assert (
        bad["dossier_code"] == "HS-2" and bad["line"] == "3" and "invalid channel" in bad["reason"]
    )


@pytest.mark.django_db(transaction=True)
def test_the_command_prints_the_report_and_exits_1(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    world()
    path = write_csv(tmp_path / "d.csv", [row(channel="fax")])
    assert main(["import", "dossiers", str(path)]) == 1
    assert "invalid channel" in capsys.readouterr().err
    assert main(["import", "dossiers", str(write_csv(tmp_path / "ok.csv", [row()]))]) == 0
    assert "thêm mới 1 (inserted)" in capsys.readouterr().out


def test_skip_invalid_on_an_event_log_writes_every_event_of_a_rejected_case(
    tmp_path: Path,
) -> None:
    """A case is one dossier but many rows: the rejected file gets all of them, as read."""
    lines = (FIXTURES / "wabo-receipt.csv").read_text(encoding="utf-8").splitlines()[:40]
    header, events = lines[0].split(","), [line.split(",") for line in lines[1:]]
    start = header.index("case:startdate")
    cases = [e[header.index("case:concept:name")] for e in events]
    bad_case = cases[0]
    events[0][start] = "hôm qua"  # the case's columns come from its first event row
    path = tmp_path / "log.csv"
    path.write_text("\n".join(",".join(e) for e in [header, *events]) + "\n", encoding="utf-8")
    out = tmp_path / "bad.csv"
    result = import_dossiers(path, "wabo-receipt", skip_invalid=True, rejected_path=out)
    assert result.rejected == 1 and result.inserted == len(set(cases)) - 1
    with out.open(encoding="utf-8-sig") as handle:
        rejected = list(csv.DictReader(handle))
    expected = [str(n + 2) for n, c in enumerate(cases) if c == bad_case]
    assert len(expected) > 1 and [r["line"] for r in rejected] == expected
    assert {r["case:concept:name"] for r in rejected} == {bad_case}
    assert all("invalid date/time" in r["reason"] for r in rejected)
    assert rejected[0]["case:startdate"] == "hôm qua"
