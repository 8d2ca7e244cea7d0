"""When the database file itself is the problem: read-only, damaged, full, or unreadable.

SQLite says so in an exception anywhere a statement runs (a damaged page is found only when
a query reads it). :func:`database_error` turns such an exception into a
:class:`~tracker.errors.StoreError` that names the file and what to do;
:func:`integrity_problems` is SQLite's own check of every page, which ``tracker verify`` runs
before anything else reads the file.
"""

from __future__ import annotations

import sqlite3
from pathlib import Path

from tracker.errors import StoreError

__all__ = ["database_error", "integrity_problems", "is_damage"]

# Words of SQLite's messages, and what they mean for the user.
_DAMAGE = ("malformed", "corrupt")
# A header SQLite does not recognise: another kind of file, or a damaged first page.
_NOT_SQLITE = "not a database"
_READ_ONLY = ("readonly", "read-only")
_FULL = ("disk is full",)
_IO = ("disk i/o error", "unable to open")


def is_damage(exc: sqlite3.DatabaseError) -> bool:
    """True when SQLite found the file's content damaged (not merely unreadable)."""
    text = str(exc).lower()
    return any(word in text for word in _DAMAGE)


def database_error(path: str | Path | None, exc: sqlite3.DatabaseError) -> StoreError | None:
    """The user's account of ``exc`` for the file at ``path``; None if it is no such failure
    (a programming error, which should surface as one)."""
    text = str(exc).lower()
    name = str(path) if path is not None else "the database"
    if is_damage(exc):
        return StoreError(
            f"{name} is damaged (SQLite: {exc}). `tracker verify --db {name}` reports what "
            "SQLite's integrity check finds; restore the file from a backup, or save what can "
            f"be read with `sqlite3 {name} .recover | sqlite3 recovered.db`"
        )
    if any(word in text for word in _READ_ONLY):
        return StoreError(
            f"{name} cannot be written (SQLite: {exc}). The tracker writes to its database "
            "even to answer a query (it brings its stored states up to date), and SQLite needs "
            "to create files beside it: make the file and its folder writable by this user, "
            "or work on a copy. `tracker serve` reads a read-only file as it is."
        )
    if any(word in text for word in _FULL):
        return StoreError(f"{name}: the disk is full (SQLite: {exc}); free some space")
    if any(word in text for word in _IO):
        return StoreError(
            f"{name} could not be read or written (SQLite: {exc}): check the file, its folder "
            "and the disk"
        )
    if isinstance(exc, sqlite3.OperationalError) and ("locked" in text or "busy" in text):
        return StoreError(
            f"{name} is busy (SQLite: {exc}): another process holds it; try again shortly"
        )
    return None


def integrity_problems(path: str | Path, limit: int = 20) -> list[str]:
    """What ``PRAGMA integrity_check`` finds wrong with the file (empty: nothing), read-only."""
    target = Path(path).resolve()
    conn = sqlite3.connect(f"{target.as_uri()}?mode=ro", uri=True)
    try:
        rows = conn.execute(f"PRAGMA integrity_check({int(limit)})").fetchall()
    except sqlite3.DatabaseError as exc:
        # A damaged header or schema page stops the check itself; any other failure (a
        # file that cannot be opened) is not damage, and is reported as what it is.
        if is_damage(exc) or _NOT_SQLITE in str(exc):
            return [str(exc)]
        raise
    finally:
        conn.close()
    found = [str(row[0]) for row in rows]
    return [] if found == ["ok"] else found
