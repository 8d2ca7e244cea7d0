"""What the relationship page shows at most, read from ``seeds/page.toml`` (knowledge is
data: the limits are there, with what each one bounds)."""

from __future__ import annotations

import tomllib

import seeds

__all__ = ["limit"]

_LIMITS: dict[str, int] = {
    name: int(value)
    for name, value in tomllib.loads(seeds.path("page.toml").read_text(encoding="utf-8")).items()
}


def limit(name: str) -> int:
    """The limit ``name`` of ``seeds/page.toml``."""
    return _LIMITS[name]
