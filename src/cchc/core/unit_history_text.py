"""`cchc units history CODE` as text: a unit's forms over time and its lineage both ways."""

from __future__ import annotations

import datetime as dt

from cchc.core.lineage import current_successors, lineage_steps
from cchc.core.models import Unit, UnitFormer
from cchc.core.units import UnknownUnit
from cchc.core.vn_format import vn_date


def _span(start: dt.date | None, end: dt.date | None) -> str:
    return f"{vn_date(start) if start else '…'} – {vn_date(end) if end else 'nay'}"


def _act(act: str, note: str) -> str:
    parts = [p for p in (act, note) if p]
    return f" — {'; '.join(parts)}" if parts else ""


def history_lines(code: str, today: dt.date) -> list[str]:
    unit = Unit.objects.select_related("parent").filter(code=code).first()
    if unit is None:
        raise UnknownUnit(code)
    lines = [
        f"{unit.code}  {unit.name} ({unit.get_kind_display()})",
        f"Hiệu lực (valid): {_span(unit.valid_from, unit.valid_to)}",
    ]
    forms = list(UnitFormer.objects.filter(unit=unit).select_related("parent").order_by("until"))
    if forms:
        lines.append("Tên và cấp trên theo thời gian (names and parents over time):")
        start = unit.valid_from
        for form in forms:
            parent = f", thuộc {form.parent.name}" if form.parent else ""
            lines.append(
                f"  {_span(start, form.until)}: {form.name}{parent}{_act(form.act, form.note)}"
            )
            start = form.until + dt.timedelta(days=1)
        parent = f", thuộc {unit.parent.name}" if unit.parent else ""
        lines.append(f"  {_span(start, unit.valid_to)}: {unit.name}{parent}")
    elif unit.parent:
        lines.append(f"Cấp trên (parent): {unit.parent.name} ({unit.parent.code})")
    for forward, title in (
        (False, "Hình thành từ (predecessors, every step):"),
        (True, "Chuyển thành (successors, every step):"),
    ):
        steps = lineage_steps(code, forward)
        if steps:
            lines.append(title)
        arrow = "→" if forward else "←"
        for step in steps:
            lines.append(
                f"{'  ' * step.depth}{vn_date(step.date)} {step.kind.lower()} {arrow}"
                f" {step.unit.name} ({step.unit.code}){_act(step.act, step.note)}"
            )
    if not unit.is_valid_on(today):
        now = current_successors(code, today)
        names = ", ".join(f"{u.name} ({u.code})" for u in now) or "không có (none recorded)"
        lines.append(f"Đơn vị hiện nay kế thừa (today's successors): {names}")
    return lines
