"""Reference and sample data shipped with policy-tracker (read with :func:`path`)."""

from __future__ import annotations

from importlib.resources import files
from importlib.resources.abc import Traversable

__all__ = ["path"]


def path(name: str) -> Traversable:
    """The bundled data file ``name`` (for example ``cameo_codes.csv``)."""
    return files(__name__).joinpath(name)
