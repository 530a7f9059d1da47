"""A target says what it measures in words, the code after the name (names, not codes)."""

from __future__ import annotations

import datetime as dt

from cchc.plans.models_plans import Target
from cchc.plans.target_labels import measured_label

END = dt.date(2024, 12, 31)


def _target(**fields: object) -> Target:
    return Target(code="CT1", name="x", target_value=1, target_date=END, **fields)


def test_labels() -> None:
    assert measured_label(_target(kind="indicator", indicator_code="766.total")) == (
        "Tổng điểm Bộ chỉ số 766 (766.total)"
    )
    assert measured_label(_target(kind="indicator", indicator_code="766.2a")).endswith(" (766.2a)")
    assert not measured_label(_target(kind="indicator", indicator_code="766.2a")).startswith("766")
    assert measured_label(_target(kind="indicator", indicator_code="766.g2")).startswith(
        "Điểm nhóm 2: "
    )
    assert measured_label(_target(kind="external", index_name="PAPI", index_code="D5")) == (
        "Thủ tục hành chính công — PAPI D5"
    )
    assert measured_label(_target(kind="external", index_name="SIPAS", index_code="TOTAL")) == (
        "SIPAS TOTAL"
    )
