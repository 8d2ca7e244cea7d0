"""What one feed entry may append to the log: ``seeds/intake.toml``, read and checked once."""

from __future__ import annotations

import tomllib
from dataclasses import dataclass
from functools import cache
from typing import Any

from tracker.errors import UsageError

__all__ = ["IntakeLimits", "intake_limits"]

_FILE = "intake.toml"


@dataclass(frozen=True, slots=True)
class IntakeLimits:
    """The caps on one article (characters) and the plausible range of publication dates."""

    max_text_chars: int
    max_title_chars: int
    max_reference_chars: int
    max_future_days: int
    earliest_year: int


@cache
def intake_limits() -> IntakeLimits:
    """The limits of the bundled ``seeds/intake.toml``; :class:`UsageError` if it is wrong."""
    import seeds

    try:
        data = tomllib.loads(seeds.path(_FILE).read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
        raise UsageError(f"cannot read seeds/{_FILE}: {exc}") from exc
    article, dates = data.get("article", {}), data.get("dates", {})
    return IntakeLimits(
        max_text_chars=_positive(article, "max_text_chars", 1000),
        max_title_chars=_positive(article, "max_title_chars", 20),
        max_reference_chars=_positive(article, "max_reference_chars", 64),
        max_future_days=_positive(dates, "max_future_days", 0),
        earliest_year=_positive(dates, "earliest_year", 1),
    )


def _positive(table: dict[str, Any], key: str, least: int) -> int:
    value = table.get(key)
    if not isinstance(value, int) or isinstance(value, bool) or value < least:
        raise UsageError(f"seeds/{_FILE}: {key} must be a whole number of at least {least}")
    return value
