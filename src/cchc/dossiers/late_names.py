"""Names for the late list's codes: units as named on the period's end, the unit each dossier is
shown under in the view, procedures from the catalogue, channels by their labels.

The page, its exports and the API show the same names; codes stay beside them (second line,
tooltip, own column or field)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from cchc.core.change_stamp import remember
from cchc.core.models import Procedure
from cchc.core.unit_views import UnitFrame
from cchc.core.units import names_on
from cchc.dossiers.models import Channel

CHANNEL_LABELS: dict[str, str] = {str(c.value): str(c.label) for c in Channel}


def channel_label(value: str) -> str:
    """ "online" → "Trực tuyến"; an unknown value is shown as it is."""
    return CHANNEL_LABELS.get(value, value)


def procedure_names(codes: Iterable[str] | None = None) -> dict[str, str]:
    """code → the procedure's name in the catalogue; `codes` None: the whole catalogue.

    The catalogue (a few thousand names) is remembered in this process under the change stamp:
    every import of procedures raises it (cchc.core.catalogue, the dossier importer)."""
    catalogue = remember("procedure_names", _catalogue)
    if codes is None:
        return dict(catalogue)
    return {c: catalogue[c] for c in set(codes) if c in catalogue}


def _catalogue() -> dict[str, str]:
    return dict(Procedure.objects.values_list("code", "name"))


class LateNames:
    """Names of one late query's units and procedures (a page's or an export's)."""

    def __init__(
        self, frame: UnitFrame, end: dt.date, procedure_codes: Iterable[str] | None = None
    ) -> None:
        self.frame = frame
        self.units_then = names_on(end)  # the handling unit as named on the period's end
        self.shown_names = self.units_then if frame.day == end else names_on(frame.day)
        self.procedures = procedure_names(procedure_codes)

    def unit(self, code: str) -> str:
        return self.units_then.get(code, code)

    def shown_code(self, code: str) -> str:
        return self.frame.shown(code)

    def shown(self, code: str) -> str:
        """The name of the unit `code`'s dossiers are shown under in the view."""
        shown = self.frame.shown(code)
        return self.shown_names.get(shown, shown)

    def procedure(self, code: str) -> str:
        return self.procedures.get(code, "")
