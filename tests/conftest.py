"""Fixtures shared by every test: real SQLite files in tmp_path, the shared folder if present."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from tracker.app import Tracker
from tracker.store import EventStore

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"


@pytest.fixture
def db_path(tmp_path: Path) -> Path:
    return tmp_path / "tracker.db"


@pytest.fixture
def store(db_path: Path) -> Iterator[EventStore]:
    with EventStore.open(db_path) as s:
        yield s


@pytest.fixture
def tracker(db_path: Path) -> Iterator[Tracker]:
    with Tracker.open(db_path) as t:
        yield t


@pytest.fixture
def shared() -> Path:
    """The ../shared folder; tests that need it skip cleanly on a user's clone."""
    if not SHARED.is_dir():
        pytest.skip("../shared is absent (only developers and CI have it)")
    return SHARED
