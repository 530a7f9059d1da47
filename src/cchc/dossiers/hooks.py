"""What the dossiers app announces to the rooms above it (DESIGN: arrows point down; a lower
room announces, a higher one listens). A write of dossiers (an import, a recompute) tells its
listeners when it starts and which months of receipt it touched once it is committed; the
analytics app listens to keep its store current (analytics/listener.py)."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from functools import partial
from typing import Any, Protocol

import polars as pl
from django.db import transaction

Month = tuple[int, int]


class WriteListener(Protocol):
    def start(self, months_before: set[Month] | None) -> Any:
        """A write begins; `months_before`: the months of receipt that held dossiers before it
        (None when unknown). Returns the listener's state for this write (or None)."""

    def collect(self, state: Any, parts: Iterable[pl.DataFrame]) -> Iterator[pl.DataFrame]:
        """The parts the write stores, passed through (a listener may keep what it needs)."""

    def committed(self, state: Any, batch_id: int, months: set[Month]) -> None:
        """After the commit: the batch, and the months of receipt its changed dossiers left."""


_LISTENERS: list[WriteListener] = []


def listen(listener: WriteListener) -> None:
    if listener not in _LISTENERS:
        _LISTENERS.append(listener)


class Write:
    """One write of dossiers as its listeners follow it."""

    def __init__(self, months_before: set[Month] | None = None) -> None:
        self._states = [(lst, lst.start(months_before)) for lst in _LISTENERS]

    def collect(self, parts: Iterator[pl.DataFrame]) -> Iterator[pl.DataFrame]:
        for listener, state in self._states:
            parts = listener.collect(state, parts)
        return parts

    def committed(self, batch_id: int, months: set[Month]) -> None:
        """Tell the listeners once the surrounding transaction commits (never if it rolls back);
        a listener's failure does not undo the committed write."""
        for listener, state in self._states:
            transaction.on_commit(partial(listener.committed, state, batch_id, months), robust=True)
