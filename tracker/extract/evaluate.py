"""Scoring the coder against a gold file: precision, recall and F1, overall and per code.

Acts are compared as (source country, target country, code): the CAMEO root for CAMEO
gold, the PLOVER category (through the CAMEO-to-PLOVER map) for PLOVER gold. A joint act
("A and B met") counts in both directions. Only rows with an act between two different
countries are scored; acts the coder reads in the other rows are counted as false alarms
beside the score. Rows that give dates and modality (the sample gold) are scored on those
too, and then every modality counts; otherwise only realized and planned acts do.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from events import Modality, cameo, event_class
from tracker.extract.coder import Coder
from tracker.extract.coding import Coding
from tracker.extract.gold import GoldRow, Truth, plover_of

__all__ = ["Score", "evaluate"]

_COUNTED = (Modality.REALIZED, Modality.PLANNED)
_CONTACTS = frozenset({"MeetingHeld", "TalksHeld", "NegotiationsOpened"})


@dataclass
class Score:
    """True positives, false positives and false negatives, with the derived rates."""

    tp: int = 0
    fp: int = 0
    fn: int = 0

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 0.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 0.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    def as_dict(self) -> dict[str, Any]:
        return {
            "tp": self.tp,
            "fp": self.fp,
            "fn": self.fn,
            "precision": round(self.precision, 3),
            "recall": round(self.recall, 3),
            "f1": round(self.f1, 3),
        }


@dataclass
class Report:
    """The outcome of one evaluation."""

    rows: int = 0
    scored_rows: int = 0
    overall: Score = field(default_factory=Score)
    by_code: dict[str, Score] = field(default_factory=dict)
    false_alarms: int = 0  # acts read in rows that have no act between two countries
    misses: list[dict[str, Any]] = field(default_factory=list)

    def as_dict(self) -> dict[str, Any]:
        return {
            "rows": self.rows,
            "scored_rows": self.scored_rows,
            "overall": self.overall.as_dict(),
            "by_code": {code: s.as_dict() for code, s in sorted(self.by_code.items())},
            "false_alarms_outside_scored_rows": self.false_alarms,
            "errors": self.misses,
        }


def _predicted(
    row: GoldRow, codings: Iterable[Coding], plover: dict[str, str] | None
) -> Counter[Truth]:
    found: Counter[Truth] = Counter()
    for coding in codings:
        if not row.detailed and coding.modality not in _COUNTED:
            continue
        code: str | None = coding.root
        if (
            coding.modality is Modality.PLANNED
            and coding.root == "03"
            and coding.event_type in _CONTACTS
            and not (row.detailed or row.plover)
        ):
            # PETR2's gold codes "will meet" by the meeting itself (04), where the coder
            # marks the announcement as CAMEO does (036, intent to meet).
            code = event_class(coding.event_type).default_cameo[:2]  # type: ignore[attr-defined]
        if row.plover:
            # PLOVER codes an announced future act as a statement of intent (AGREE).
            planned = coding.modality is Modality.PLANNED
            # PLOVER codes an announced act as intent: AGREE if friendly, THREATEN if hostile.
            hostile = cameo(coding.cameo).quad_class.value >= 3
            intent = "THREATEN" if hostile else "AGREE"
            code = intent if planned else plover_of(coding.cameo, plover or {})
        states = len(coding.source) == 3 and len(coding.target) == 3
        if code is None or not (states or row.detailed):
            continue
        details: tuple[tuple[str, str], ...] = ()
        if row.detailed:
            details = (
                ("occurred", str(coding.occurred)),
                ("precision", coding.occurred.precision.value),
                ("modality", coding.modality.value),
            )
        pairs = [(coding.source, coding.target)]
        if coding.reciprocal:
            pairs.append((coding.target, coding.source))
        for source, target in pairs:
            found[Truth(source, target, code, details)] = 1
    return found


def evaluate(rows: list[GoldRow], coder: Coder, plover: dict[str, str] | None) -> Report:
    """Score ``coder`` on ``rows``; ``plover`` maps CAMEO codes for PLOVER rows."""
    report = Report(rows=len(rows))
    for row in rows:
        predicted = _predicted(row, coder.code(row.text, row.published, headings=True), plover)
        if not row.interstate:
            report.false_alarms += sum(predicted.values()) if not row.detailed else 0
            if row.detailed:
                _tally(report, row, predicted, Counter())
            continue
        report.scored_rows += 1
        _tally(report, row, predicted, Counter(set(row.truths)))
    return report


def _tally(report: Report, row: GoldRow, predicted: Counter[Truth], truth: Counter[Truth]) -> None:
    hits, extra, missed = truth & predicted, predicted - truth, truth - predicted
    for group, attr in ((hits, "tp"), (extra, "fp"), (missed, "fn")):
        for item in group:
            setattr(report.overall, attr, getattr(report.overall, attr) + 1)
            score = report.by_code.setdefault(item.code, Score())
            setattr(score, attr, getattr(score, attr) + 1)
    if extra or missed:
        report.misses.append(
            {
                "id": row.row_id,
                "text": row.text,
                "wrong": [_show(t) for t in extra],
                "missed": [_show(t) for t in missed],
            }
        )


def _show(truth: Truth) -> str:
    details = " ".join(value for _, value in truth.details)
    return f"{truth.source}->{truth.target} {truth.code}" + (f" {details}" if details else "")
