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


def row_hash(values: Sequence[object]) -> str:
    """Hash of one row's :data:`HASHED_COLUMNS` values (None hashes as the empty string).

    The text hashed is the values joined by the ASCII unit separator (0x1f, which the JSON
    columns cannot hold unescaped), None as the empty string. Written out as one
    f-string (not a join over a comprehension): it runs once per appended event.
    Only the three valid-time columns may be NULL.
    """
    p, i, s, v, t, sv, start, end, precision, at, payload, meta, prev = values
    start = "" if start is None else start
    end = "" if end is None else end
    precision = "" if precision is None else precision
    text = (
        f"{p}\x1f{i}\x1f{s}\x1f{v}\x1f{t}\x1f{sv}\x1f{start}\x1f{end}\x1f"
        f"{precision}\x1f{at}\x1f{payload}\x1f{meta}\x1f{prev}"
    )
    return _sha256(text.encode()).hexdigest()


_sha256 = hashlib.sha256
