"""Gold files and the CAMEO-to-PLOVER map, read for ``tracker evaluate``.

A gold file is JSON Lines in the format of the peer sets: each row has ``text``, ``date``
(the publication date) and ``expected``, a list of ``{source, target, code}`` (with
``source_country``/``target_country`` where the actor is a part of a state). Rows of the
project's own sample gold also give ``occurred``, ``precision`` and ``modality``.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

from tracker.errors import UsageError

__all__ = ["GoldRow", "Truth", "load_gold", "load_plover_map", "plover_of"]

# PLOVER renamed categories after the 2021 map: scores compare the current names.
_PLOVER_RENAMED = {"REQUEST": "DEMAND", "ACCUSE": "DISAPPROVE"}
_MAP_LINE = re.compile(r"^\s*(\d{2,4}):\s*([A-Z]+)")


@dataclass(frozen=True, slots=True)
class Truth:
    """One expected act: countries, code (CAMEO root or PLOVER category), and details."""

    source: str
    target: str
    code: str
    details: tuple[tuple[str, str], ...] = ()  # (occurred, precision, modality) when given


@dataclass(frozen=True, slots=True)
class GoldRow:
    row_id: str
    text: str
    published: date
    truths: tuple[Truth, ...]
    plover: bool  # codes are PLOVER categories, not CAMEO
    interstate: bool  # at least one expected act between two different countries
    detailed: bool  # the row gives dates and modality


def _country(item: dict[str, Any], side: str) -> str | None:
    value = item.get(f"{side}_country") or item.get(side)
    return value if isinstance(value, str) and len(value) == 3 and value.isalpha() else None


def _truth(item: dict[str, Any], plover: bool, detailed: bool) -> Truth | None:
    if detailed:
        # The sample gold names organisations too (ARM -> CSTO): its codes are used as given.
        source, target = item.get("source"), item.get("target")
    else:
        source, target = _country(item, "source"), _country(item, "target")
    code = str(item.get("code", ""))
    if not isinstance(source, str) or not isinstance(target, str):
        return None
    if source == target or not code:
        return None
    label = code.split("/")[0].upper() if plover else code[:2]
    keys = ("occurred", "precision", "modality")
    details = tuple((k, str(item[k])) for k in keys if k in item)
    return Truth(source, target, _PLOVER_RENAMED.get(label, label), details)


def _published(text: str) -> date:
    """``2008-08-06``, or the compact ``YYMMDD`` some PETR test rows use."""
    if len(text) == 6 and text.isdigit():
        return date(2000 + int(text[:2]), int(text[2:4]), int(text[4:]))
    return date.fromisoformat(text[:10])


def _row(number: int, raw: Any) -> GoldRow:
    if not isinstance(raw, dict) or "text" not in raw or "date" not in raw:
        raise ValueError("a gold row is an object with 'text', 'date' and 'expected'")
    expected = raw.get("expected") or []
    if not isinstance(expected, list):
        raise ValueError("'expected' must be a list")
    plover = raw.get("codes_are_cameo") is False
    detailed = any(isinstance(i, dict) and "modality" in i for i in expected)
    truths: list[Truth] = []
    for item in expected:
        truth = _truth(item, plover, detailed) if isinstance(item, dict) else None
        if truth is not None:
            truths.append(truth)
            if item.get("reciprocal") and detailed:
                truths.append(Truth(truth.target, truth.source, truth.code, truth.details))
    interstate = bool(raw.get("interstate", bool(truths)))
    return GoldRow(
        row_id=str(raw.get("id", number)),
        text=str(raw["text"]),
        published=_published(str(raw["date"])),
        truths=tuple(truths),
        plover=plover,
        interstate=interstate and bool(truths),
        detailed=detailed,
    )


def load_gold(path: Path) -> list[GoldRow]:
    """Every row of a gold file; a :class:`UsageError` names a missing file or a bad line."""
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except FileNotFoundError:
        raise UsageError(f"gold file {path} does not exist") from None
    except OSError as exc:
        raise UsageError(f"cannot read gold file {path}: {exc.strerror}") from None
    rows: list[GoldRow] = []
    for number, line in enumerate(lines, start=1):
        if not line.strip():
            continue
        try:
            rows.append(_row(number, json.loads(line)))
        except (ValueError, TypeError) as exc:
            raise UsageError(f"{path}, line {number}: not a gold row ({exc})") from None
    return rows


def load_plover_map(path: Path) -> dict[str, str]:
    """CAMEO code to PLOVER category, from the CAMEO2PLOVER text file."""
    try:
        text = path.read_text(encoding="utf-8")
    except OSError:
        raise UsageError(
            f"cannot read the CAMEO-to-PLOVER map {path}: give it with --plover-map"
        ) from None
    table: dict[str, str] = {}
    for line in text.splitlines():
        match = _MAP_LINE.match(line)
        if match:
            table.setdefault(match[1], _PLOVER_RENAMED.get(match[2], match[2]))
    if not table:
        raise UsageError(f"{path} holds no 'code: CATEGORY' lines: is it the CAMEO2PLOVER map?")
    return table


def plover_of(code: str, table: dict[str, str]) -> str | None:
    """The PLOVER category of a CAMEO code (its own line, else its parent's)."""
    for length in range(len(code), 1, -1):
        category = table.get(code[:length])
        if category is not None:
            return category
    return None
