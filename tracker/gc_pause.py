"""Pausing Python's cyclic garbage collector around bulk work that makes no cycles."""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager

__all__ = ["cyclic_gc_paused"]


@contextmanager
def cyclic_gc_paused() -> Iterator[None]:
    """Pause the cyclic garbage collector for bulk work.

    A rebuild or a large append allocates millions of small tuples, lists and dicts, and
    every few hundred allocations trigger a collection that walks live containers (a full
    one walks every object the process holds). None of them form cycles (reference counts
    free them), so pausing costs no memory; it saved 10-35% of a rebuild and ~20% of a
    batched append's Python time in the bench.
    """
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()
