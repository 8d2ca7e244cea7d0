"""The CAMEO event codes this project uses, with Goldstein values and GDELT quad classes.

The table itself is data (``seeds/cameo_codes.csv``), written for this project from the
public CAMEO codebook and Goldstein scale; this module only reads it.
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass
from enum import IntEnum
from functools import cache

import seeds

__all__ = ["CameoCode", "QuadClass", "cameo", "cameo_table"]


class QuadClass(IntEnum):
    """GDELT's four-way split of CAMEO root codes."""

    VERBAL_COOPERATION = 1
    MATERIAL_COOPERATION = 2
    VERBAL_CONFLICT = 3
    MATERIAL_CONFLICT = 4

    @property
    def label(self) -> str:
        return self.name.lower().replace("_", " ")


@dataclass(frozen=True, slots=True)
class CameoCode:
    code: str
    name: str
    goldstein: float
    quad_class: QuadClass
    plover: str | None

    @property
    def root(self) -> str:
        return self.code[:2]


@cache
def cameo_table() -> dict[str, CameoCode]:
    """Every code the project uses, keyed by code."""
    text = seeds.path("cameo_codes.csv").read_text(encoding="utf-8")
    table: dict[str, CameoCode] = {}
    for row in csv.DictReader(io.StringIO(text)):
        table[row["code"]] = CameoCode(
            code=row["code"],
            name=row["name"],
            goldstein=float(row["goldstein"]),
            quad_class=QuadClass(int(row["quad_class"])),
            plover=row["plover"] or None,
        )
    return table


def cameo(code: str) -> CameoCode:
    """Look a code up; ``KeyError`` names the code when it is not in the table."""
    try:
        return cameo_table()[code]
    except KeyError:
        raise KeyError(f"CAMEO code {code!r} is not in seeds/cameo_codes.csv") from None
