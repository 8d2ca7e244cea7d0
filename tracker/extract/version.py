"""The extractor's name and version, stamped on every event it writes.

Bump ``EXTRACTOR_VERSION`` whenever a change to the gazetteer, the patterns or the rules can
change what is extracted: ``tracker reextract`` uses it to tag what it appends and retracts.
"""

from __future__ import annotations

__all__ = ["EXTRACTOR_NAME", "EXTRACTOR_VERSION"]

EXTRACTOR_NAME = "policy-tracker-coder"
EXTRACTOR_VERSION = "1.11.0"
