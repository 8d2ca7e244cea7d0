"""Whether a feed's publication date names a real, past moment.

feedparser normalises what it reads: ``2025-13-45`` becomes 2026-01-01 and ``2025-02-30``
becomes 2 March, silently. So the date as written is read again here, field by field, and
the moment is checked against the time of fetch: a date in the future (beyond a day of
clock skew) or before ``earliest_year`` is no publication date either.
"""

from __future__ import annotations

import re
from datetime import date, datetime, timedelta

from tracker.feeds.limits import IntakeLimits

__all__ = ["plausible_published"]

_MONTHS = {m: i for i, m in enumerate("jan feb mar apr may jun jul aug sep oct nov dec".split(), 1)}
# W3C-DTF / ISO 8601: 2025-01-14, 2025-01, 20250114.
_ISO = re.compile(r"^\s*(\d{4})-?(\d{1,2})(?:-?(\d{1,2}))?(?:\D|$)")
# RFC 822: "Tue, 14 Jan 2025" (also without the weekday, with a two-digit year).
_RFC822 = re.compile(r"(?:^|[\s,])(\d{1,2})\s+([A-Za-z]{3})[A-Za-z]*\.?,?\s+(\d{2,4})\b")
_CLOCK = re.compile(r"(?:^|[T\s])(\d{1,2}):(\d{2})(?::(\d{2}))?")


def plausible_published(
    written: str, moment: datetime, fetched_at: datetime, limits: IntakeLimits
) -> bool:
    """True when ``written`` names a real day and time and ``moment`` is not in the future."""
    if moment.year < limits.earliest_year:
        return False
    if moment > fetched_at + timedelta(days=limits.max_future_days):
        return False
    return _fields_exist(written)


def _fields_exist(written: str) -> bool:
    iso = _ISO.match(written)
    if iso:
        year, month, day = int(iso.group(1)), int(iso.group(2)), int(iso.group(3) or 1)
        if not _real_day(year, month, day):
            return False
    else:
        rfc = _RFC822.search(written)
        if rfc and rfc.group(2).lower() in _MONTHS:
            year = int(rfc.group(3))
            year += 2000 if year < 50 else 1900 if year < 100 else 0
            if not _real_day(year, _MONTHS[rfc.group(2).lower()], int(rfc.group(1))):
                return False
    clock = _CLOCK.search(written)
    if clock:
        hour, minute, second = (int(g or 0) for g in clock.groups())
        return hour <= 24 and minute <= 59 and second <= 60
    return True


def _real_day(year: int, month: int, day: int) -> bool:
    try:
        date(year, month, day)
    except ValueError:
        return False
    return True
