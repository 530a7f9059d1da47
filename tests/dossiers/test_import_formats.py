"""Every format and built-in mapping, including the two real event logs."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from openpyxl import Workbook

from cchc.core.models import Procedure, Unit
from cchc.dossiers.importer import import_dossiers
from cchc.dossiers.models import Dossier, DossierStep
from cchc.dossiers.rulebook.timing import Outcome
from tests.dossiers.import_helpers import EXAMPLES, FIXTURES, HEADER, row, world, write_csv

pytestmark = pytest.mark.django_db
UTC = dt.UTC


def test_the_real_wabo_log_imports_into_an_empty_database() -> None:
    result = import_dossiers(FIXTURES / "wabo-receipt.csv", "wabo-receipt")
    assert (result.rows_total, result.inserted, result.rejected) == (1434, 1434, 0)
    assert Dossier.objects.count() == 1434
    assert DossierStep.objects.count() == 8577
    assert set(Unit.objects.values_list("kind", flat=True)) == {"division"}
    assert Procedure.objects.get(code="WABO-RECEIPT").time_limit is None
    first = Dossier.objects.get(code="case-10011")
    # case:startdate 2011-10-11 13:42:22.688+02:00 kept exactly, stored in UTC
    assert first.received_at == dt.datetime(2011, 10, 11, 11, 42, 22, 688000, tzinfo=UTC)
    assert first.channel == "online" and first.finished_at is None
    assert first.deadline_on == dt.date(2011, 12, 6)  # the case's own deadline, local day
    assert Dossier.objects.filter(finish_outcome=Outcome.LATE).exists()
    steps = list(first.steps.values_list("seq", "name", "officer"))
    assert steps[0] == (1, "Confirmation of receipt", "Resource21")


def test_the_real_xes_log_makes_one_dossier_per_trace() -> None:
    result = import_dossiers(FIXTURES / "road-traffic-fines-50.xes", "xes")
    assert result.inserted == 51  # the sample holds 51 <trace> elements
    a100 = Dossier.objects.get(code="A100")
    assert a100.steps.count() == 5
    assert a100.steps.get(seq=1).officer == "561"
    # no offset in the file: local time (UTC+7); first and last event times
    assert a100.received_on == dt.date(2006, 8, 2)
    assert a100.finished_on == dt.date(2009, 3, 30)


def test_dvcqg_json_with_nested_lists() -> None:
    world()
    result = import_dossiers(EXAMPLES / "dvcqg-example.json", "dvcqg")
    assert result.inserted == 2
    one = Dossier.objects.get(code="000.00.12.H10-250701-0001")
    assert (one.channel, one.status, one.paid_online, one.digitised) == ("online", 10, True, True)
    assert one.e_result is True and one.steps.count() == 2
    assert one.steps.get(seq=2).department == "Tư pháp - Hộ tịch"
    assert one.received_at == dt.datetime(2025, 7, 1, 1, 15, tzinfo=UTC)
    assert one.statutory_due_on == dt.date(2025, 7, 4) and one.sector == "Hộ tịch"
    two = Dossier.objects.get(code="000.00.12.H10-250701-0002")
    assert two.supplement_requests == 2 and two.flag_repeated_supplements
    assert two.paused_days == 3  # Wed→Fri is 2 working days, Mon→Tue 1
    assert two.e_result is False and two.channel == "in_person"


def test_dvcqg_flat_csv_with_vietnamese_labels_and_bom() -> None:
    world()
    result = import_dossiers(EXAMPLES / "dvcqg-flat-example.csv", "dvcqg")
    assert result.inserted == 2
    three = Dossier.objects.get(code="000.00.12.H10-250701-0003")
    assert three.paid_online is True and three.channel == "online"
    assert Dossier.objects.get(code="000.00.12.H10-250701-0004").channel == "postal"


def test_xlsx_with_excel_dates(tmp_path: Path) -> None:
    world()
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.append(HEADER)
    sheet.append(["HS-X", "1.000178", "UBX-001", "in_person", dt.datetime(2025, 7, 1, 8, 0),
                  None, None, 12345])  # fmt: skip
    book.save(tmp_path / "d.xlsx")
    import_dossiers(tmp_path / "d.xlsx")
    dossier = Dossier.objects.get(code="HS-X")
    assert dossier.received_at == dt.datetime(2025, 7, 1, 1, 0, tzinfo=UTC)
    assert len(dossier.applicant_pseudonym) == 32


def test_canonical_csv_with_bom_and_offsets(tmp_path: Path) -> None:
    world()
    rows = [row(received_at="2025-07-01T08:15:00+09:00", finished_at=""), row(dossier_code="HS-2")]
    import_dossiers(write_csv(tmp_path / "d.csv", rows, bom=True))
    assert Dossier.objects.get(code="HS-1").received_at == dt.datetime(
        2025, 6, 30, 23, 15, tzinfo=UTC
    )
    assert Dossier.objects.get(code="HS-2").finish_outcome == Outcome.EARLY
