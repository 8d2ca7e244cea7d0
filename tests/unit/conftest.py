"""Fixtures of the unit tests."""

from __future__ import annotations

import pytest

from tracker.extract.coder import Coder


@pytest.fixture(scope="module")
def coder() -> Coder:
    """The extractor's coder, made once a module (it loads the parser and the tables)."""
    return Coder()
