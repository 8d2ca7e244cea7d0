"""The SHA-256 chain over the log: each row's hash covers its content and the previous hash."""

from __future__ import annotations

import hashlib
from collections.abc import Sequence

__all__ = ["GENESIS", "HASHED_COLUMNS", "ROW_COLUMNS", "row_hash"]

GENESIS = "0" * 64

# The columns a row's hash covers, in order (everything but the hash itself).
HASHED_COLUMNS = (
    "position",
    "event_id",
    "stream",
    "version",
    "type",
    "schema_version",
    "occurred_start",
    "occurred_end",
    "precision",
    "recorded_at",
    "payload",
    "metadata",
    "prev_hash",
)

# Every column of a log row, in table order: the hashed ones, then the hash.
ROW_COLUMNS = (*HASHED_COLUMNS, "hash")

_SEPARATOR = "\x1f"  # ASCII unit separator: cannot appear in the JSON columns unescaped


def row_hash(values: Sequence[object]) -> str:
    """Hash of one row's :data:`HASHED_COLUMNS` values (None hashes as the empty string)."""
    text = _SEPARATOR.join(["" if v is None else str(v) for v in values])
    return hashlib.sha256(text.encode("utf-8")).hexdigest()
