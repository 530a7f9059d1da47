"""The demo through the real database: agencies with their merger lineage, the generated rows
through the real dossier import, and `cchc demo` end to end (without serving)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from cchc.analytics.freshness import current_source
from cchc.cli import main
from cchc.core.lineage import current_successors
from cchc.core.models import Profile, Unit, UnitKind, UnitLineage
from cchc.core.units import names_on
from cchc.demo.agencies import SOURCE, ensure_agencies, remove_stale_branches
from cchc.demo.generator import generate_dossiers, write_canonical_csv
from cchc.dossiers.importer import import_dossiers
from cchc.dossiers.models import Dossier
from cchc.plans.models_plans import Task
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
def test_the_branches_of_long_dien_and_dat_do_pass_to_long_dat_then_to_the_city() -> None:
    build_world_in_db()
    validity = {
        u.code: (u.valid_from, u.valid_to) for u in Unit.objects.filter(code__contains=".VPDK.")
    }
    assert validity["77.VPDK.752"] == (None, dt.date(2024, 12, 31))  # Huyện Long Điền
    assert validity["77.VPDK.753-2024"] == (None, dt.date(2024, 12, 31))  # Huyện Đất Đỏ
    assert validity["77.VPDK.753"] == (dt.date(2025, 1, 1), dt.date(2025, 6, 30))  # Long Đất
    assert validity["79.VPDK.753"] == (dt.date(2025, 7, 1), None)
    # no city branch for a district that no longer existed on 30/06/2025
    assert "79.VPDK.752" not in validity and "79.VPDK.753-2024" not in validity
    assert len([c for c in validity if c.startswith("77.")]) == 9
    assert len([c for c in validity if c.startswith("79.")]) == 7
    links = UnitLineage.objects.filter(successor__code="77.VPDK.753", date=dt.date(2025, 1, 1))
    assert sorted(link.predecessor.code for link in links) == ["77.VPDK.752", "77.VPDK.753-2024"]
    assert {link.act for link in links} == {"Nghị quyết 1256/NQ-UBTVQH15"}
    assert [u.code for u in current_successors("77.VPDK.752", dt.date(2025, 3, 1))] == [
        "77.VPDK.753"
    ]
    assert [u.code for u in current_successors("77.VPDK.752")] == ["79.VPDK.753"]
    # the branch of Phú Mỹ bore the town's name until the town became a city
    assert names_on(dt.date(2024, 6, 30))["77.VPDK.754"].endswith("Thị xã Phú Mỹ")
    assert names_on(dt.date(2025, 6, 30))["77.VPDK.754"].endswith("Thành phố Phú Mỹ")


@pytest.mark.django_db
def test_a_stale_branch_of_an_earlier_demo_is_removed() -> None:
    build_world_in_db()
    Unit.objects.create(code="79.VPDK.752", name="Chi nhánh … khu vực Long Điền",
                        kind=UnitKind.DIVISION, source=SOURCE)  # fmt: skip
    kept = Unit.objects.create(code="79.VPDK.999", name="Chi nhánh của tỉnh (not the demo's)",
                               kind=UnitKind.DIVISION, source="nhập tay")  # fmt: skip
    assert remove_stale_branches() == ["79.VPDK.752"]
    assert Unit.objects.filter(pk=kept.pk).exists()
    assert remove_stale_branches() == []


def test_units_are_active_while_in_force(world: DemoWorld) -> None:
    active = {(u.code, u.kind): (u.active_from, u.active_to) for u in world.units}
    end_2024, start_2025 = dt.date(2024, 12, 31), dt.date(2025, 1, 1)
    assert active[("vn63-752", "district")] == (None, end_2024)  # Huyện Long Điền
    assert active[("vn63-753", "district")] == (start_2025, dt.date(2025, 6, 30))  # Long Đất
    assert active[("vn63-26671", "commune")] == (None, end_2024)  # xã An Nhứt
    assert active[("vn63-26668", "commune")] == (start_2025, dt.date(2025, 6, 30))  # Tam An
    assert active[("77.VPDK.753", "land")] == (start_2025, dt.date(2025, 6, 30))
    assert ("79.VPDK.752", "land") not in active
    # each commune, district and branch once (only agencies change their work at the merger)
    codes = [u.code for u in world.units if u.kind != "agency"]
    assert len(codes) == len(set(codes))
    sizes = {u.code: u.size for u in world.units}
    # a merged unit has its predecessors' size: the dossiers move, they do not shrink
    assert sizes["vn63-26668"] == pytest.approx(
        sizes["vn63-26671"] + sizes["vn63-26665"] + sizes["vn63-26668-2024"]
    )


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
    # the unit heads answer for today's successors of the planted units (docs/demo.md): the
    # branch of Bà Rịa city (77.VPDK.748) and Xã Bàu Chinh (vn63-26574 → Xã Kim Long)
    heads = dict(
        Profile.objects.filter(user__username__in=["truongphong", "chutichxa"]).values_list(
            "user__username", "unit__code"
        )
    )
    assert heads == {"truongphong": "79.VPDK.748", "chutichxa": "vn34-26608"}
    assert Dossier.objects.count() == 3_000
    assert "Kho phân tích (analytics store): 3.000 hồ sơ" in out
    assert "Kế hoạch cải thiện (improvement plans): 2 kế hoạch" in out
    assert current_source().from_store  # the pages read the store from the first request
    first_codes = set(Dossier.objects.values_list("code", flat=True)[:50])

    assert main(args) == 0
    out = capsys.readouterr().out
    assert "dùng lại 3.000 hồ sơ mẫu" in out
    # the catalogue was imported again after the dossiers: the store still holds them
    assert "Kho phân tích (analytics store): dùng lại (reused)" in out
    assert current_source().from_store
    # the plans are rebuilt, not doubled; the 2023 plan's task still cites the reused finding
    assert "Kế hoạch cải thiện (improvement plans): 2 kế hoạch" in out
    assert Task.objects.filter(finding__inspection__unit__code="vn63-26574").count() == 1

    assert main([*args, "--seed", "7"]) == 0
    assert "dựng lại (rebuilt): 3.000 hồ sơ" in capsys.readouterr().out
    assert Dossier.objects.count() == 3_000
    assert set(Dossier.objects.values_list("code", flat=True)[:50]) != first_codes
