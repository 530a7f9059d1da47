"""The demo's step that loads the shipped PAPI files: the page has data after `make demo`, and a
second run adds nothing (the figures are kept, not duplicated)."""

from __future__ import annotations

import pytest

from cchc.demo.cli import _indices_step
from cchc.plans.models_indices import IndexResult

pytestmark = pytest.mark.django_db


def test_the_demo_loads_the_shipped_indices_once(capsys: pytest.CaptureFixture[str]) -> None:
    _indices_step()
    first = IndexResult.objects.count()
    assert "+2320 mới (new)" in capsys.readouterr().out
    _indices_step()
    assert "+0 mới (new)" in capsys.readouterr().out
    assert IndexResult.objects.count() == first == 2320
    # 61 totals + 2,196 dimension and sub-dimension scores of 2023, Bà Rịa – Vũng Tàu's 54 other
    # years' figures, 9 of its other indices: 2,320. Its totals: PAPI 2018–2024 (7), PAR INDEX
    # 2021, 2023, 2024 (3), SIPAS 2021, 2024 (2), PCI 2021–2024 (4)
    assert IndexResult.objects.filter(province_key="bariavungtau", code="TOTAL").count() == 16
