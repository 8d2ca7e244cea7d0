"""Walking the hash chain: the one check of the log's rows, whatever backend read them."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from typing import Any

from tracker.store.hashing import GENESIS, row_hash
from tracker.store.protocol import VerifyResult

__all__ = ["walk_chain"]


def walk_chain(
    rows: Iterable[Sequence[Any]], progress: Callable[[int], None] | None = None
) -> VerifyResult:
    """Check rows (every column of :data:`tracker.store.hashing.ROW_COLUMNS`, in position
    order from the first) and report the first position where the chain breaks: a missing
    position, a ``prev_hash`` that is not the previous row's hash, or a row whose content
    does not match its hash. ``progress(n)`` is called every 10,000 rows."""
    prev = GENESIS
    expected_position = 1
    count = 0
    for row in rows:
        position = row[0]
        if position != expected_position:
            return VerifyResult(False, count, expected_position, "a position is missing")
        if row[12] != prev:
            return VerifyResult(False, count, position, "prev_hash does not match")
        if row_hash(row[:13]) != row[13]:
            return VerifyResult(False, count, position, "the row's content does not match its hash")
        prev = row[13]
        expected_position += 1
        count += 1
        if progress is not None and count % 10_000 == 0:
            progress(count)
    return VerifyResult(True, count)
