"""The late list for the web, with the ranking of each list kept between requests.

`cchc.dossiers.late.late_dossiers` ranks every listed dossier for each page it serves (working
days late depend on the calendar, so SQL cannot sort by them): at a million dossiers that is a
0.3–0.6 s scan per page. Here the full ranking (dossier ids in order, as a numpy array) is kept
in Django's cache, shared by the worker processes, under the version of the latest finished
import and the calendar in force (data_cache.py), so paging, other users on the same list and
exports reuse it; each page then reads only its own rows by id. Dossiers change only through
imports (the demo rebuild ends with one), so a new import makes the old rankings unreachable.
While an import is still writing, a cached ranking may lag it by one batch; the rows shown are
always read fresh.
Same rows and order as late_dossiers (tests check equality).
"""

from __future__ import annotations

import datetime as dt
from functools import partial
from typing import Any

import numpy as np
import numpy.typing as npt

from cchc.dossiers import late as late_rules
from cchc.dossiers.late import LateFilter
from cchc.dossiers.periods import Period
from cchc.web.data_cache import cached, database_version

ALL = 2**62


def ranking(period: Period, f: LateFilter, order: str, reference: dt.date) -> npt.NDArray[np.int64]:
    """Every listed dossier's id in list order (cached)."""
    units = None if f.unit_codes is None else frozenset(f.unit_codes)
    key: tuple[Any, ...] = (
        period.start,
        period.end,
        reference,
        units,
        f.sector,
        f.procedure_code,
        f.flag,
        f.state,
        f.count,
        order,
    )

    def compute() -> npt.NDArray[np.int64]:
        ids, _total = late_rules.rank_page(period, f, reference, order, 0, ALL)
        return np.array(ids, dtype=np.int64)

    return cached("late", database_version(), key, compute)


def cached_page(
    period: Period, f: LateFilter, reference: dt.date, order: str, offset: int, limit: int
) -> tuple[list[int], int]:
    """A late_rules.Ranker: the page cut from the cached whole ranking."""
    ranked = ranking(period, f, order, reference)
    return [int(i) for i in ranked[offset : offset + limit]], len(ranked)


# What `late_dossiers` returns for the same arguments, from the cached ranking.
late_page = partial(late_rules.late_dossiers, ranker=cached_page)
