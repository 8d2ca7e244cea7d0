"""What the extractor's reading tests share: the day their sentences are published, the
acts a text is coded as, and the mark that skips them without a spaCy English model (the
``coder`` fixture is in this folder's conftest)."""

from __future__ import annotations

from datetime import date

import pytest

from tracker.extract.coder import Coder
from tracker.extract.syntax import parser

__all__ = ["DAY", "acts", "needs_parser"]

DAY = date(2026, 3, 10)
needs_parser = pytest.mark.skipif(parser() is None, reason="no spaCy English model installed")


def acts(coder: Coder, text: str, *, title: str = "") -> set[tuple[str, str, str, str]]:
    """(event type, source, target, modality) of each event ``text`` is coded as."""
    return {
        (c.event_type, c.source, c.target, c.modality.value)
        for c in coder.code(text, DAY, title=title)
    }
