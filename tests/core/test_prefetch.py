"""The background prefetch: order, errors carried to the consumer, and an early exit stops it."""

from __future__ import annotations

import threading
from collections.abc import Iterator

import pytest

from cchc.core.prefetch import prefetched


def test_items_come_in_order_from_another_thread() -> None:
    threads: list[str] = []

    def numbers() -> Iterator[int]:
        for n in range(50):
            threads.append(threading.current_thread().name)
            yield n

    with prefetched(numbers(), depth=3) as items:
        assert list(items) == list(range(50))
    assert set(threads) == {"cchc-prefetch"}


def test_an_error_in_the_producer_is_raised_in_the_consumer_after_the_items_before_it() -> None:
    def failing() -> Iterator[int]:
        yield 1
        yield 2
        raise ValueError("bad part")

    seen: list[int] = []
    with pytest.raises(ValueError, match="bad part"), prefetched(failing()) as items:
        for item in items:
            seen.append(item)
    assert seen == [1, 2]


def test_leaving_early_stops_the_producer_before_the_block_returns() -> None:
    produced: list[int] = []
    closed = threading.Event()

    def endless() -> Iterator[int]:
        n = 0
        try:
            while True:
                produced.append(n)
                yield n
                n += 1
        finally:
            closed.set()

    with pytest.raises(RuntimeError), prefetched(endless(), depth=2) as items:
        for item in items:
            if item == 3:
                raise RuntimeError("consumer failed")
    assert closed.is_set()  # the generator was closed and its thread joined on leaving
    assert len(produced) <= 4 + 2 + 2  # consumed, the queue's depth, one in hand, one blocked
