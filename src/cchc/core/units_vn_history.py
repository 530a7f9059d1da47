"""Put a province's earlier history (units_history) into the plan `load-vn` applies, and write
its former forms. Separate from units_vn, which reads the package."""

from __future__ import annotations

import datetime as dt
from typing import Any, Protocol

from cchc.core.importing import ImportRejected, RowError
from cchc.core.models import Unit, UnitFormer
from cchc.core.units_history import History


class Counts(Protocol):
    history_file: str
    history_units: int
    history_links: int
    former_forms: int


class Plan(Protocol):
    units: list[dict[str, Any]]
    links: dict[tuple[str, str], tuple[str, str, dt.date, str]]


def add_history(plan: Plan, history: History, report: Counts) -> None:
    """Add the file's units and links to the plan, amend the package's units; ImportRejected
    (nothing written yet) when the file names a unit that is in neither."""
    report.history_file = history.path.name
    by_code = {spec["code"]: spec for spec in plan.units}
    known = set(by_code) | set(Unit.objects.values_list("code", flat=True))
    errors: list[RowError] = []

    def need(code: str, line: int, field: str) -> None:
        if code not in known:
            errors.append(
                RowError(
                    history.path.name, line, field, code, "không có đơn vị này", "unknown unit"
                )
            )

    for spec in history.units:
        line, code = spec["line"], spec["code"]
        if "name" in spec:
            if spec["parent"]:
                need(spec["parent"], line, "parent")
            new = {"code": code, "name": spec["name"], "kind": spec["kind"],
                   "parent": spec["parent"], "valid_from": spec.get("valid_from"),
                   "valid_to": spec.get("valid_to"), "source": "",
                   "source_label": f"{history.path.name} (lịch sử)"}  # fmt: skip
            plan.units.append(new)
            by_code[code] = new
            known.add(code)
            report.history_units += 1
        elif code in by_code:
            by_code[code].update({k: spec[k] for k in ("valid_from", "valid_to") if k in spec})
        else:
            need(code, line, "code")
    for change in history.changes:
        need(change.successor, change.line, "to")
        for old in change.predecessors:
            need(old, change.line, "from")
            plan.links[(old, change.successor)] = (
                change.kind,
                change.note,
                change.date,
                change.act,
            )
            report.history_links += 1
    for former in history.formers:
        need(former.code, former.line, "code")
        if former.parent:
            need(former.parent, former.line, "parent")
    if errors:
        raise ImportRejected(errors)


def apply_formers(history: History, units: dict[str, Unit], report: Counts) -> None:
    """Write the file's former forms; a unit's former forms not in the file are removed, so a
    corrected file replaces what an earlier run wrote."""
    everything = units | {u.code: u for u in Unit.objects.filter(code__in=_codes(history))}
    wanted: dict[tuple[int, dt.date], UnitFormer] = {}
    for former in history.formers:
        unit = everything[former.code]
        parent = everything[former.parent] if former.parent else unit.parent
        wanted[(unit.pk, former.until)] = UnitFormer(
            unit=unit, until=former.until, name=former.name or unit.name,
            kind=former.kind or unit.kind, parent=parent, act=former.act, note=former.note,
        )  # fmt: skip
    touched = [u.pk for u in everything.values()]
    current = {(f.unit_id, f.until): f for f in UnitFormer.objects.filter(unit_id__in=touched)}
    for key, row in current.items():
        if key not in wanted:
            row.delete()
    fields = ["name", "kind", "parent_id", "act", "note"]
    for key, row in wanted.items():
        old = current.get(key)
        if old is None:
            row.save()
        elif any(getattr(old, f) != getattr(row, f) for f in fields):
            row.pk = old.pk
            row.save()
        report.former_forms += 1


def _codes(history: History) -> set[str]:
    codes = {f.code for f in history.formers}
    return codes | {f.parent for f in history.formers if f.parent}
