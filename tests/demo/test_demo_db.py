"""The demo through the real database: agencies with their merger lineage, the generated rows
through the real dossier import, and `cchc demo` end to end (without serving)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from cchc.cli import main
from cchc.core.models import Unit, UnitKind, UnitLineage
from cchc.core.lineage import current_successors
from cchc.demo.agencies import ensure_agencies
from cchc.demo.generator import generate_dossiers, write_canonical_csv
from cchc.dossiers.importer import import_dossiers
from cchc.dossiers.models import Dossier
from tests.demo.conftest import END_DATE, DemoWorld, build_world_in_db


@pytest.mark.django_db
def test_agencies_merge_in_march_2025_and_pass_to_the_city_in_july() -> None:
    build_world_in_db()
    environment = Unit.objects.get(code="77.STNMT")
    assert environment.name == "Sở Tài nguyên và Môi trường tỉnh Bà Rịa - Vũng Tàu"
    assert environment.valid_to == dt.date(2025, 2, 28)
    link = UnitLineage.objects.get(predecessor=environment)
    assert (link.successor.code, link.date) == ("77.SNNMT", dt.date(2025, 3, 1))
    assert [u.code for u in current_successors("77.STNMT")] == ["79.SNNMT"]
    assert [u.code for u in current_successors("77.SKHDT")] == ["79.STC"]
    branch = Unit.objects.get(code="77.VPDK.748")
    assert branch.kind == UnitKind.DIVISION
    assert branch.parent is not None and branch.parent.name == "Thành phố Bà Rịa"
    assert [u.code for u in current_successors("77.VPDK.748")] == ["79.VPDK.748"]


@pytest.mark.django_db
def test_loading_the_agencies_twice_changes_nothing() -> None:
    build_world_in_db()
    units, links = Unit.objects.count(), UnitLineage.objects.count()
    again = ensure_agencies()
    assert (again.created, again.updated, again.links) == (0, 0, 0)
    assert (Unit.objects.count(), UnitLineage.objects.count()) == (units, links)


@pytest.mark.django_db
def test_every_generated_row_passes_the_real_import(world: DemoWorld, tmp_path: Path) -> None:
    build_world_in_db()
    frame = generate_dossiers(5_000, 5, world.units, world.procedures, END_DATE, world.planted)
    result = import_dossiers(write_canonical_csv(frame, tmp_path / "demo.csv"))
    assert (result.inserted, result.rejected) == (5_000, 0)
    beyond = set(
        Dossier.objects.filter(flag_beyond_statutory=True).values_list("unit_code", flat=True)
    )
    assert beyond and beyond <= set(world.planted.appointment_units)
    stored = Dossier.objects.get(code=frame["dossier_code"][0])
    assert stored.applicant_pseudonym and stored.applicant_pseudonym != frame["applicant_id"][0]


@pytest.mark.django_db(transaction=True)
def test_cchc_demo_builds_then_reuses_then_rebuilds(capsys: pytest.CaptureFixture[str]) -> None:
    args = ["demo", "--dossiers", "3000", "--no-serve", "--today", "2026-11-26"]
    assert main(args) == 0
    out = capsys.readouterr().out
    assert "tạo mới (created): 3.000 hồ sơ" in out
    assert "Tỷ lệ trễ hạn theo năm (late rate by year)" in out
    assert "2023:" in out and "đến hết 31/10/2026" in out
    assert "Tài khoản mẫu (demo logins)" in out and "chuyenvien" in out
    assert Dossier.objects.count() == 3_000
    first_codes = set(Dossier.objects.values_list("code", flat=True)[:50])

    assert main(args) == 0
    assert "dùng lại 3.000 hồ sơ mẫu" in capsys.readouterr().out

    assert main([*args, "--seed", "7"]) == 0
    assert "dựng lại (rebuilt): 3.000 hồ sơ" in capsys.readouterr().out
    assert Dossier.objects.count() == 3_000
    assert set(Dossier.objects.values_list("code", flat=True)[:50]) != first_codes
