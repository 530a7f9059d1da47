"""A finding cites dossiers that exist: each code is a dossier of the inspected unit, of a unit
below it on the inspection's date, or of a unit whose work passed to it (its lineage
predecessors, cchc.core.lineage.predecessors). Anything else is refused, naming the codes."""

from __future__ import annotations

from collections.abc import Sequence

from cchc.core.lineage import predecessors
from cchc.core.units import descendants_codes
from cchc.dossiers.models import Dossier
from cchc.inspections.models import Inspection
from cchc.inspections.refusals import FieldRefused


class UnknownDossiers(FieldRefused):
    """Some cited codes are not dossiers of the inspected unit; `codes` names them."""

    def __init__(self, message: str, codes: list[str]) -> None:
        super().__init__("dossier_codes", message)
        self.codes = codes


def inspected_unit_codes(inspection: Inspection) -> set[str]:
    code = inspection.unit.code
    return descendants_codes(code, inspection.date) | set(predecessors(code))


def cited_dossiers(inspection: Inspection, codes: Sequence[str]) -> list[str]:
    """The codes, stripped and without repeats, or UnknownDossiers naming the refused ones."""
    wanted = list(dict.fromkeys(c.strip() for c in codes if c.strip()))
    if not wanted:
        return []
    found = dict(Dossier.objects.filter(code__in=wanted).values_list("code", "unit_code"))
    unknown = [c for c in wanted if c not in found]
    if unknown:
        raise UnknownDossiers(
            f"Không có hồ sơ mã {', '.join(unknown)} (no dossier with these codes)", unknown
        )
    units = inspected_unit_codes(inspection)
    elsewhere = [c for c in wanted if found[c] not in units]
    if elsewhere:
        raise UnknownDossiers(
            f"Hồ sơ {', '.join(elsewhere)} không thuộc {inspection.unit.name} hay đơn vị tiền "
            f"thân của đơn vị (dossiers of another unit)",
            elsewhere,
        )
    return wanted
