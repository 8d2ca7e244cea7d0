"""The extractor's name and version, stamped on every event it writes.

``EXTRACTOR_VERSION`` is ``EXTRACTOR_RELEASE`` (bump it by hand for a change worth naming)
and a short hash of everything that decides what is extracted: the data files under
``seeds/extractor/`` and ``seeds/gazetteer/`` and the extractor's own modules. Any edit to
them gives a new version, which ``tracker reextract`` uses to tell what is stale. It is
computed on first use and cached; importing this module reads no file and imports no spaCy.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable
from functools import cache
from importlib.resources.abc import Traversable
from pathlib import Path

import seeds

__all__ = [
    "EXTRACTOR_NAME",
    "EXTRACTOR_RELEASE",
    "EXTRACTOR_VERSION",  # noqa: F822 (given by __getattr__, on first use)
    "content_hash",
    "extractor_version",
]

EXTRACTOR_NAME = "policy-tracker-coder"
EXTRACTOR_RELEASE = "2.9.0"

# The data folders of ``seeds`` the extractor reads (their *.toml and *.csv files).
_DATA_FOLDERS = ("extractor", "gazetteer")
_DATA_SUFFIXES = (".toml", ".csv")
# Modules of tracker/extract that do not change what is extracted: scoring, evaluation,
# export, the checkpoint, the re-extraction driver, and this one. Any other module (a new
# one too) counts.
_NOT_CODING = frozenset(
    {
        "article_score.py",
        "article_set.py",
        "checkpoint.py",
        "evaluate.py",
        "export.py",
        "gold.py",
        "reextract.py",
        "version.py",
    }
)


def content_hash(files: Iterable[tuple[str, Traversable | Path]]) -> str:
    """Eight hex digits of a SHA-256 over each ``(name, file)``'s name and content, in name
    order (line ends normalized, so a checkout with CRLF gives the same hash)."""
    digest = hashlib.sha256()
    for name, file in sorted(files, key=lambda item: item[0]):
        content = file.read_bytes().replace(b"\r\n", b"\n")
        digest.update(f"{name}\0{len(content)}\0".encode())
        digest.update(content)
    return digest.hexdigest()[:8]


def _inputs() -> list[tuple[str, Traversable | Path]]:
    """The files the version hashes, each with a name relative to its root."""
    files: list[tuple[str, Traversable | Path]] = []
    for folder in _DATA_FOLDERS:
        for file in seeds.path(folder).iterdir():
            if file.is_file() and file.name.endswith(_DATA_SUFFIXES):
                files.append((f"seeds/{folder}/{file.name}", file))
    for module in Path(__file__).parent.glob("*.py"):
        if module.name not in _NOT_CODING:
            files.append((f"tracker/extract/{module.name}", module))
    return files


@cache
def extractor_version() -> str:
    """The release and the hash of the extractor's data and code: ``2.3.0+3fa9c2d1``."""
    return f"{EXTRACTOR_RELEASE}+{content_hash(_inputs())}"


def __getattr__(name: str) -> str:
    # ``EXTRACTOR_VERSION`` is computed when first asked for, not when this module loads.
    if name == "EXTRACTOR_VERSION":
        return extractor_version()
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
