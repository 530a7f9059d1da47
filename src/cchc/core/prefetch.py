"""Run an iterator in a background thread, a few items ahead of the loop that consumes it.

For work that alternates between two kinds of cost: while the consumer waits on the database
(SQLite and psycopg release the GIL while they work), the producer prepares the next item with
polars and numpy (which release it too). The producer must not use the consumer's database
connection. Errors in the producer are raised in the consumer, at the item where they happened;
leaving the block early (an error in the consumer, a break) stops the producer before returning.
"""

from __future__ import annotations

import queue
import threading
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from typing import TypeVar, cast

T = TypeVar("T")
_POLL_SECONDS = 0.1  # how soon a producer blocked on a full queue notices the consumer left


@contextmanager
def prefetched(items: Iterable[T], depth: int = 2) -> Iterator[Iterator[T]]:
    """`with prefetched(gen) as it: for x in it: …`: `gen` runs in a thread, `depth` items ahead."""
    channel: queue.Queue[tuple[str, object]] = queue.Queue(maxsize=depth)
    stop = threading.Event()

    def send(kind: str, value: object) -> bool:
        while not stop.is_set():
            try:
                channel.put((kind, value), timeout=_POLL_SECONDS)
                return True
            except queue.Full:
                continue
        return False

    def produce() -> None:
        try:
            for item in items:
                if not send("item", item):
                    return
            send("done", None)
        except BaseException as exc:  # handed to the consumer, raised there
            send("error", exc)
        finally:
            close = getattr(items, "close", None)
            if close is not None:  # a generator left early runs its cleanup here, in its thread
                close()

    thread = threading.Thread(target=produce, name="cchc-prefetch", daemon=True)

    def consume() -> Iterator[T]:
        while True:
            kind, value = channel.get()
            if kind == "done":
                return
            if kind == "error":
                assert isinstance(value, BaseException)
                raise value
            yield cast(T, value)

    thread.start()
    try:
        yield consume()
    finally:
        stop.set()
        thread.join()
