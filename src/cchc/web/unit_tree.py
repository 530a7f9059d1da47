"""`descendants_codes` remembered per process while the units table is unchanged.

`cchc.core.units.descendants_codes` builds every Unit of the province to walk one subtree; a unit
head's scope needs it on every request (twice: today and the day viewed), which was most of the
time such a request spent in Python. Here answers are kept while the table's tree columns
(read as plain tuples each time, a fraction of the cost) are unchanged, so a change to any unit — a
reorganisation, a new commune, a changed validity — is seen at once, in every worker.
"""

from __future__ import annotations

import datetime as dt
import threading
from typing import Any

from cchc.core.models import Unit
from cchc.core.units import descendants_codes

_lock = threading.Lock()
# The table's tree columns as last read, and the answers computed from that table.
_held: tuple[tuple[Any, ...], dict[tuple[str, dt.date], frozenset[str]]] = ((), {})


def subtree_codes(unit_code: str, day: dt.date) -> frozenset[str]:
    """The unit's code and those below it on `day` (raises UnknownUnit like the core query)."""
    global _held
    rows = tuple(
        Unit.objects.order_by("id").values_list("id", "code", "parent_id", "valid_from", "valid_to")
    )
    with _lock:
        if _held[0] != rows:
            _held = (rows, {})
        answers = _held[1]
        found = answers.get((unit_code, day))
    if found is None:
        found = frozenset(descendants_codes(unit_code, day))
        with _lock:
            if len(answers) > 4096:
                answers.clear()
            answers[(unit_code, day)] = found
    return found
