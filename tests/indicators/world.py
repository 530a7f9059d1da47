"""A small hand-checked province for indicator tests (June 2025, judged on 30/06/2025).

PROV has agency A and commune B; commune OLD was merged into NEWC on 01/07/2025.
Unit A's June: in the period A1–A6 (A7 ended in May, A8 received in July); late at the end of June:
A3 (ended late), A4 (open, overdue), A6 (carried over, ended late) → 2a = 1 − 3/6 = 0.5.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.utils import timezone

from cchc.core.models import ImportBatch, Procedure, Unit, UnitKind, UnitLineage
from cchc.dossiers.models import Dossier
from cchc.indicators.catalogue import Indicator
from cchc.indicators.filters import Filter

D = dt.date
TODAY = D(2025, 7, 15)


def _dossier(
    code: str, unit: str, proc: str, channel: str, received: dt.date, **kw: Any
) -> Dossier:
    at = timezone.make_aware(dt.datetime.combine(received, dt.time(9, 0)))
    finished = kw.pop("finished_on", None)
    return Dossier(
        code=code,
        unit_code=unit,
        procedure_code=proc,
        channel=channel,
        received_at=at,
        received_on=received,
        finished_on=finished,
        finished_at=timezone.make_aware(dt.datetime.combine(finished, dt.time(10)))
        if finished
        else None,
        row_hash=code,
        **kw,
    )


def build_world(batch: ImportBatch | None = None) -> None:
    prov = Unit.objects.create(code="PROV", name="Tỉnh Mẫu", kind=UnitKind.PROVINCE)
    Unit.objects.create(code="A", name="Sở A", kind=UnitKind.AGENCY, parent=prov)
    Unit.objects.create(code="B", name="Xã B", kind=UnitKind.COMMUNE, parent=prov)
    old = Unit.objects.create(
        code="OLD", name="Xã Cũ", kind=UnitKind.COMMUNE, parent=prov, valid_to=D(2025, 6, 30)
    )
    new = Unit.objects.create(
        code="NEWC", name="Xã Mới", kind=UnitKind.COMMUNE, parent=prov, valid_from=D(2025, 7, 1)
    )
    UnitLineage.objects.create(predecessor=old, successor=new, date=D(2025, 7, 1), kind="merge")
    Procedure.objects.create(code="P1", name="Thủ tục một", online_level="full", has_fee=True)
    Procedure.objects.create(code="P2", name="Thủ tục hai", online_level="none", has_fee=False)
    rows = [
        _dossier(
            "A1",
            "A",
            "P1",
            "online",
            D(2025, 6, 2),
            deadline_on=D(2025, 6, 10),
            finished_on=D(2025, 6, 5),
            finish_outcome=1,
            e_result=True,
            digitised=True,
            paid_online=True,
        ),
        _dossier(
            "A2",
            "A",
            "P1",
            "in_person",
            D(2025, 6, 3),
            deadline_on=D(2025, 6, 12),
            finished_on=D(2025, 6, 12),
            finish_outcome=2,
            e_result=False,
            digitised=True,
            paid_online=False,
        ),
        _dossier(
            "A3",
            "A",
            "P2",
            "in_person",
            D(2025, 6, 5),
            deadline_on=D(2025, 6, 16),
            finished_on=D(2025, 6, 20),
            finish_outcome=3,
            apology_issued=False,
            flag_late_no_apology=True,
            digitised=False,
        ),
        _dossier("A4", "A", "P2", "online", D(2025, 6, 20), deadline_on=D(2025, 6, 25)),
        _dossier("A5", "A", "P2", "in_person", D(2025, 6, 25), deadline_on=D(2025, 7, 5)),
        _dossier(
            "A6",
            "A",
            "P1",
            "online",
            D(2025, 5, 20),
            deadline_on=D(2025, 6, 2),
            finished_on=D(2025, 6, 3),
            finish_outcome=3,
            apology_issued=True,
            e_result=True,
            supplement_requests=2,
            flag_repeated_supplements=True,
        ),
        _dossier(
            "A7",
            "A",
            "P1",
            "online",
            D(2025, 5, 10),
            deadline_on=D(2025, 5, 20),
            finished_on=D(2025, 5, 15),
            finish_outcome=1,
        ),
        _dossier("A8", "A", "P2", "online", D(2025, 7, 2), deadline_on=D(2025, 7, 10)),
        _dossier(
            "B1",
            "B",
            "P2",
            "online",
            D(2025, 6, 10),
            deadline_on=D(2025, 6, 15),
            finished_on=D(2025, 6, 11),
            finish_outcome=1,
        ),
        _dossier("O1", "OLD", "P2", "in_person", D(2025, 6, 12), deadline_on=D(2025, 6, 20)),
    ]
    for row in rows:
        row.batch = batch
    Dossier.objects.bulk_create(rows)


def custom_indicator(
    code: str, period: str, where: tuple[str, ...], distinct: str | None = None
) -> Indicator:
    """A test indicator: the dossiers of `period` meeting `where` over the whole `period`."""
    return Indicator(
        code=code,
        group=0,
        name_vi=code,
        name_en=code,
        aggregation="ratio",
        legal_source="test",
        confirmed=False,
        numerator=Filter(period, where),
        denominator=Filter(period),
        distinct=distinct,
    )
