"""Which units a plan may visit: agencies, districts, communes, and divisions handling dossiers."""

from __future__ import annotations

import datetime as dt

import pytest

from cchc.core.models import Unit, UnitKind
from cchc.dossiers.periods import parse_period
from cchc.inspections.plans import candidate_units, plan_request
from tests.inspections.world import build_world, bulk_dossiers, dossier

Y2024 = parse_period("2024")
D = dt.date


def _land_branches() -> None:
    build_world()
    prov = Unit.objects.get(code="PROV")
    for code, name in (("VPDK1", "Chi nhánh VPĐKĐĐ Bà Rịa"), ("VPDK2", "Chi nhánh VPĐKĐĐ Côn Đảo"),
                       ("PHONG", "Phòng Tổ chức (Sở Xây dựng)")):  # fmt: skip
        Unit.objects.create(code=code, name=name, kind=UnitKind.DIVISION, parent=prov)
    bulk_dossiers("VPDK1", D(2024, 1, 2), 50, late=40, sector="Đất đai")
    bulk_dossiers("X1", D(2024, 1, 2), 50, late=1)
    dossier("VPDK2", D(2023, 6, 1), D(2023, 6, 10), D(2023, 6, 9))  # only before the period


@pytest.mark.django_db
def test_a_division_is_a_candidate_when_it_received_dossiers_in_the_period() -> None:
    _land_branches()
    codes = set(candidate_units(Y2024))
    assert {"SXD", "X1", "X2", "X3", "VPDK1"} <= codes
    assert "VPDK2" not in codes and "PHONG" not in codes and "PROV" not in codes
    assert "VPDK2" in candidate_units(parse_period("2023"))


@pytest.mark.django_db
def test_a_land_branch_with_many_late_dossiers_can_be_chosen_for_a_surprise_visit() -> None:
    _land_branches()
    request, table = plan_request(
        Y2024,
        periodic=(),
        surprise_k=1,
        rotation_k=0,
        seed=7,
        as_of=D(2025, 1, 15),
        source_name="database",
    )
    assert "VPDK1" in request.unit_codes
    assert table.ranked()[0].unit_code == "VPDK1"  # the riskiest unit of the province
