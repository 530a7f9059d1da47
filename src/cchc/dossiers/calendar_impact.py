"""Which stored dossiers a change of calendar days affects, and the recompute that mends them.

Which dossiers a day can move is the rulebook's (rules.SPANS_DAY). Registered with
core.calendar_impact by dossiers/apps.py.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Collection
from functools import reduce
from operator import or_

from django.db.models import Count, Q
from django.db.models.functions import TruncMonth

from cchc.core.vn_format import vn_number
from cchc.dossiers.models import Dossier
from cchc.dossiers.rulebook import rules
from cchc.dossiers.selection import condition


def _spans(day: dt.date) -> Q:
    return condition(rules.SPANS_DAY, {"day": day})


def affected_months(days: Collection[dt.date]) -> dict[dt.date, int]:
    """First day of each month of receipt → its stored dossiers whose span covers one of `days`."""
    rows = (
        Dossier.objects.filter(reduce(or_, (_spans(d) for d in days)))
        .annotate(month=TruncMonth("received_on"))
        .values_list("month")
        .annotate(n=Count("id"))
        .order_by("month")
    )
    return {month: n for month, n in rows}


def recompute_command(months: Collection[dt.date]) -> str:
    """The command line that recomputes the dossiers received in `months` (first days)."""
    first, last = min(months), max(months)
    end = (last.replace(day=28) + dt.timedelta(days=4)).replace(day=1) - dt.timedelta(days=1)
    return f"cchc dossiers recompute --from {first:%Y-%m-%d} --to {end:%Y-%m-%d}"


def calendar_change_message(days: Collection[dt.date]) -> str:
    """For the administrator who changed `days`: the months affected and the recompute."""
    listed = ", ".join(f"{d:%d/%m/%Y}" for d in sorted(days))
    months = affected_months(days)
    if not months:
        return (
            f"Thay đổi lịch ngày {listed} không ảnh hưởng hồ sơ nào đã lưu "
            "(the change affects no stored dossier)."
        )
    total = vn_number(sum(months.values()))
    shown = ", ".join(f"{m:%m/%Y}" for m in months)
    return (
        f"Thay đổi lịch ngày {listed} ảnh hưởng {total} hồ sơ đã lưu, tiếp nhận trong các tháng "
        f"{shown}: hạn và kết quả của chúng vẫn theo lịch cũ cho đến khi tính lại (the change "
        f"affects {total} stored dossiers received in these months; their due dates and "
        f"outcomes keep the old calendar until recomputed). Tính lại (recompute): "
        f"{recompute_command(months)}"
    )
