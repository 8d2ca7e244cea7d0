"""Scoring the tracker on an article set: events at five levels, states fact by fact.

The articles go through the tracker the way a feed's would (ingested into a fresh log,
read by the extractor, deduplicated and corroborated), so what is scored is what a user
would see. Per article, the events whose sources include the article are matched one to
one to the expected events (a maximum matching, not a greedy one) at each level:

- ``pair``: the unordered pair of parties is the expected source with its target or with
  another of the expected actors;
- ``root``: and the CAMEO root is the expected one or an alternative's;
- ``date``: and the date falls inside the expected date's span (a day: one day either side);
- ``modality``: and the modality is the expected one;
- ``grounded``: ``root``, and the event's sentence in that article overlaps the evidence.

States are scored fact by fact: each expected agreement (name and status), membership
(organisation, member, status) and last contact (date within its span) is a fact; every
agreement, membership or last contact the tracker shows that matches none is a false one.
"""

from __future__ import annotations

import re
import tempfile
from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from datetime import UTC, timedelta
from pathlib import Path
from typing import Any

from events import (
    ArticleIngested,
    DiplomaticEvent,
    EventCorroborated,
    EventRetracted,
    FuzzyDate,
    Modality,
)
from tracker.extract.article_set import ExpectedEvent, ExpectedState, GoldArticle

__all__ = ["LEVELS", "ArticleSetReport", "Prediction", "score_article_set"]

LEVELS = ("pair", "root", "date", "modality", "grounded")

_MODALITY = {"reported_failed": "failed"}
_WORD = re.compile(r"[\w'’-]+")
# The statuses of a membership as this set writes them, for the tracker's own words.
_MEMBERSHIP_STATUS = {
    "applied": "applicant",
    "suspended": "member_participation_frozen",
    "participation_frozen": "member_participation_frozen",
}
# Words that say nothing about which agreement a name means.
_NAME_STOP = frozenset(
    """the a an of on and in for to between with by its their agreement""".split()
)


@dataclass(frozen=True)
class Prediction:
    """One event of the log as read from one article."""

    event_id: str
    event_type: str
    source: str
    target: str
    cameo: str
    when: FuzzyDate
    modality: str
    sentences: tuple[str, ...]

    @property
    def root(self) -> str:
        return self.cameo[:2]

    @property
    def sentence(self) -> str:
        return self.sentences[0] if self.sentences else ""

    def show(self) -> str:
        return (
            f"{self.source}->{self.target} {self.cameo} {self.event_type} "
            f"({self.modality}) {self.when}"
        )


@dataclass
class Tally:
    matched: int = 0
    predicted: int = 0
    expected: int = 0

    @property
    def precision(self) -> float:
        return self.matched / self.predicted if self.predicted else 0.0

    @property
    def recall(self) -> float:
        return self.matched / self.expected if self.expected else 0.0

    def as_dict(self) -> dict[str, Any]:
        return {
            "matched": self.matched,
            "predicted": self.predicted,
            "expected": self.expected,
            "precision": round(self.precision, 3),
            "recall": round(self.recall, 3),
        }


@dataclass
class ArticleSetReport:
    """The outcome of one evaluation of an article set."""

    articles: int = 0
    levels: dict[str, Tally] = field(default_factory=lambda: {lv: Tally() for lv in LEVELS})
    by_root: dict[str, Tally] = field(default_factory=dict)
    states: Tally | None = None
    error_level: str = "modality"
    errors: list[dict[str, Any]] = field(default_factory=list)
    state_errors: list[dict[str, Any]] = field(default_factory=list)

    def as_dict(self) -> dict[str, Any]:
        return {
            "articles": self.articles,
            "levels": {name: tally.as_dict() for name, tally in self.levels.items()},
            "by_root": {root: t.as_dict() for root, t in sorted(self.by_root.items())},
            "states": self.states.as_dict() if self.states else None,
            "error_level": self.error_level,
            "errors": self.errors,
            "state_errors": self.state_errors,
        }


# -- the tracker's reading -------------------------------------------------------------


def _ingested(article: GoldArticle) -> ArticleIngested:
    from tracker.feeds.identity import content_hash

    return ArticleIngested(
        article_id=article.id,
        feed="evaluate",
        url=article.url,
        guid=article.url,
        title=article.title,
        published=article.published_at.replace(tzinfo=article.published_at.tzinfo or UTC),
        text=article.text,
        content_hash=content_hash(article.title, article.text),
    )


def _predictions(events: Iterable[Any]) -> dict[str, list[Prediction]]:
    """The live diplomatic events of the log, by the articles that report them."""
    live: dict[str, DiplomaticEvent] = {}
    further: list[EventCorroborated] = []
    retracted: set[str] = set()
    for item in events:
        if isinstance(item, DiplomaticEvent):
            live[str(item.event_id)] = item
        elif isinstance(item, EventCorroborated):
            further.append(item)
        elif isinstance(item, EventRetracted):
            retracted.add(str(item.subject))
    # article -> event id -> the event's sentences in that article: an event an article
    # restates is one prediction of that article, grounded by any of its sentences.
    said: dict[str, dict[str, list[str]]] = {}

    def add(event: DiplomaticEvent, article: str | None, sentence: str | None) -> None:
        if article is None or str(event.event_id) in retracted:
            return
        sentences = said.setdefault(article, {}).setdefault(str(event.event_id), [])
        if sentence and sentence not in sentences:
            sentences.append(sentence)

    for event in live.values():
        for evidence in event.evidence:
            add(event, evidence.article_id, evidence.sentence)
    for note in further:
        subject = live.get(str(note.subject))
        if subject is not None:
            add(subject, note.evidence.article_id, note.evidence.sentence)
    found: dict[str, list[Prediction]] = {}
    for article, events_said in said.items():
        for event_id, sentences in events_said.items():
            event = live[event_id]
            planned = event.modality is Modality.PLANNED
            found.setdefault(article, []).append(
                Prediction(
                    event_id=event_id,
                    event_type=event.event_type,
                    source=event.source,
                    target=event.target,
                    cameo=event.code,
                    when=event.due if planned and event.due else event.occurred,
                    modality=event.modality.value,
                    sentences=tuple(sentences),
                )
            )
    return found


# -- matching ----------------------------------------------------------------------------


def _variants(expected: ExpectedEvent, roots: dict[str, str]) -> list[tuple[str, str, str, str]]:
    """(source, target, root, modality) of the expected coding and of each alternative."""
    base = (expected.source, expected.target, expected.cameo[:2], expected.modality)
    found = [base]
    for alt in expected.acceptable_alternatives:
        root = alt.cameo[:2] if alt.cameo else roots.get(alt.type or "", base[2])
        if alt.type and not alt.cameo and alt.type == expected.type:
            root = base[2]
        found.append((alt.source or base[0], alt.target or base[1], root, alt.modality or base[3]))
    return found


def _pair_ok(p: Prediction, expected: ExpectedEvent, source: str, target: str) -> bool:
    partners = {target} | (set(expected.actors) - {source})
    return any({p.source, p.target} == {source, other} for other in partners if other != source)


def _within(got: FuzzyDate, want: FuzzyDate) -> bool:
    """Does ``got`` fall inside ``want``'s span (a day: one day either side)?"""
    slack = timedelta(days=1) if want.precision.value == "day" else timedelta(0)
    return want.start - slack <= got.start and got.end <= want.end + slack


def _words(text: str) -> set[str]:
    return {w.lower() for w in _WORD.findall(text)}


def grounded(sentence: str, evidence: str) -> bool:
    """One contains the other, or half the shorter one's words are shared."""
    a, b = " ".join(sentence.split()), " ".join(evidence.split())
    if not a or not b:
        return False
    if a in b or b in a:
        return True
    mine, theirs = _words(a), _words(b)
    shorter = min(len(mine), len(theirs))
    return shorter > 0 and len(mine & theirs) * 2 >= shorter


def _level_of(p: Prediction, e: ExpectedEvent, roots: dict[str, str]) -> set[str]:
    """The levels at which ``p`` matches ``e``."""
    reached: set[str] = set()
    for source, target, root, modality in _variants(e, roots):
        if not _pair_ok(p, e, source, target):
            continue
        reached.add("pair")
        if p.root != root:
            continue
        reached.add("root")
        if any(grounded(sentence, e.evidence) for sentence in p.sentences):
            reached.add("grounded")
        if not _within(p.when, e.when):
            continue
        reached.add("date")
        if _MODALITY.get(modality, modality) == p.modality:
            reached.add("modality")
    return reached


def max_matching(edges: Sequence[Sequence[int]], right: int) -> dict[int, int]:
    """A maximum one-to-one matching: left index -> right index (augmenting paths)."""
    owner: dict[int, int] = {}

    def augment(left: int, seen: set[int]) -> bool:
        for r in edges[left]:
            if r in seen:
                continue
            seen.add(r)
            if r not in owner or augment(owner[r], seen):
                owner[r] = left
                return True
        return False

    for left in range(len(edges)):
        augment(left, set())
    return {left: r for r, left in owner.items()}


# -- scoring -----------------------------------------------------------------------------


def type_roots(articles: Iterable[GoldArticle]) -> dict[str, str]:
    """The usual CAMEO root of each event type the set names (for alternatives by type)."""
    counts: dict[str, Counter[str]] = {}
    for article in articles:
        for e in article.expected:
            counts.setdefault(e.type, Counter())[e.cameo[:2]] += 1
    return {kind: c.most_common(1)[0][0] for kind, c in counts.items()}


def _score_article(
    report: ArticleSetReport,
    article: GoldArticle,
    predicted: list[Prediction],
    roots: dict[str, str],
    error_level: str,
) -> None:
    expected = article.expected
    reached = [[_level_of(p, e, roots) for e in expected] for p in predicted]
    matchings: dict[str, dict[int, int]] = {}
    for level in LEVELS:
        edges = [[j for j, lv in enumerate(row) if level in lv] for row in reached]
        matching = max_matching(edges, len(expected))
        matchings[level] = matching
        tally = report.levels[level]
        tally.matched += len(matching)
        tally.predicted += len(predicted)
        tally.expected += len(expected)
    root_match = matchings["root"]
    for i, p in enumerate(predicted):
        tally = report.by_root.setdefault(p.root, Tally())
        tally.predicted += 1
        if i in root_match:
            tally.matched += 1
    for e in expected:
        report.by_root.setdefault(e.cameo[:2], Tally()).expected += 1
    _note_errors(report, article, predicted, reached, matchings[error_level])


def _note_errors(
    report: ArticleSetReport,
    article: GoldArticle,
    predicted: list[Prediction],
    reached: list[list[set[str]]],
    matching: dict[int, int],
) -> None:
    """Every prediction and expected event left out of the matching at the chosen level.

    A false prediction names the furthest level it reached with any expected event (one
    whose match went to another prediction, for a duplicate); a miss names the closest
    prediction and the level it reached.
    """
    taken = set(matching.values())
    for i, p in enumerate(predicted):
        if i in matching:
            continue
        best = max((_best(lv) for lv in reached[i]), default="none", key=_rank)
        report.errors.append(
            {
                "article": article.id,
                "kind": "false",
                "coding": p.show(),
                **_fields(p.source, p.target, p.cameo, p.event_type, str(p.when), p.modality),
                "reached": best,
                "sentence": p.sentence,
            }
        )
    for j, e in enumerate(article.expected):
        if j in taken:
            continue
        near = [(_best(reached[i][j]), predicted[i]) for i in range(len(predicted))]
        near = [(lv, p) for lv, p in near if lv != "none"]
        closest = max(near, key=lambda item: _rank(item[0]), default=None)
        report.errors.append(
            {
                "article": article.id,
                "kind": "missed",
                "coding": f"{e.source}->{e.target} {e.cameo} {e.type} {e.date} {e.modality}",
                **_fields(e.source, e.target, e.cameo, e.type, e.date, e.modality),
                "event_id": e.event_id,
                "closest": f"{closest[0]}: {closest[1].show()}" if closest else None,
                "sentence": e.evidence,
            }
        )


def _fields(
    source: str, target: str, cameo: str, kind: str, when: str, modality: str
) -> dict[str, str]:
    return {
        "source": source,
        "target": target,
        "cameo": cameo,
        "type": kind,
        "date": when,
        "modality": _MODALITY.get(modality, modality),
    }


def _best(levels: set[str]) -> str:
    order = ("modality", "date", "root", "pair")
    return next((lv for lv in order if lv in levels), "none")


def _rank(level: str) -> int:
    return ("none", "pair", "root", "date", "modality").index(level)


# -- states ------------------------------------------------------------------------------


def _name_words(name: str) -> set[str]:
    return {w for w in _words(name) if w not in _NAME_STOP and len(w) > 1}


def same_name(one: str, other: str) -> bool:
    """Half the content words of the shorter name are in the other."""
    mine, theirs = _name_words(one), _name_words(other)
    shorter = min(len(mine), len(theirs))
    return shorter > 0 and len(mine & theirs) * 2 >= shorter


def _contact_ok(shown: str, expected: str) -> bool:
    try:
        return _within(FuzzyDate.parse(shown), FuzzyDate.parse(expected))
    except ValueError:
        return False


def _score_state(report: ArticleSetReport, tracker: Any, state: ExpectedState) -> None:
    view = tracker.state(state.dyad[0], state.dyad[1], as_of=state.as_of)
    label = f"{'-'.join(state.dyad)} {state.as_of}"
    # Agreements by name and status; memberships by organisation, member and status.
    _match_facts(
        report,
        label,
        "agreement",
        state.agreements,
        list(view.agreements),
        lambda e, a: a.status == e.status and same_name(a.name, e.name or ""),
        lambda e: f"{e.name} ({e.status})",
        lambda a: f"{a.name} ({a.status})",
    )
    _match_facts(
        report,
        label,
        "membership",
        state.memberships,
        list(view.memberships),
        lambda e, m: (
            (m.member, m.organisation) == (e.member, e.org)
            and _MEMBERSHIP_STATUS.get(m.status, m.status) == e.status
        ),
        lambda e: f"{e.member} in {e.org} ({e.status})",
        lambda m: f"{m.member} in {m.organisation} ({m.status})",
    )
    want = [state.last_contact.date] if state.last_contact else []
    got = [view.last_contact.date] if view.last_contact else []
    edges = [[0] if got and _contact_ok(got[0], w) else [] for w in want]
    _tally_facts(report, label, "last contact", want, got, max_matching(edges, len(got)))


def _match_facts(
    report: ArticleSetReport,
    label: str,
    kind: str,
    expected: Sequence[Any],
    shown: Sequence[Any],
    fits: Callable[[Any, Any], bool],
    show_expected: Callable[[Any], str],
    show_shown: Callable[[Any], str],
) -> None:
    """Match expected facts to the facts shown one to one, and tally them."""
    edges = [[j for j, fact in enumerate(shown) if fits(e, fact)] for e in expected]
    matched = max_matching(edges, len(shown))
    _tally_facts(
        report,
        label,
        kind,
        [show_expected(e) for e in expected],
        [show_shown(fact) for fact in shown],
        matched,
    )


def _tally_facts(
    report: ArticleSetReport,
    label: str,
    kind: str,
    expected: list[str],
    shown: list[str],
    matched: dict[int, int],
) -> None:
    tally = report.states
    assert tally is not None
    tally.expected += len(expected)
    tally.predicted += len(shown)
    tally.matched += len(matched)
    taken = set(matched.values())
    for i, fact in enumerate(expected):
        if i not in matched:
            report.state_errors.append(
                {"state": label, "kind": "missed", "fact": f"{kind}: {fact}"}
            )
    for j, fact in enumerate(shown):
        if j not in taken:
            report.state_errors.append({"state": label, "kind": "false", "fact": f"{kind}: {fact}"})


def score_article_set(
    articles: list[GoldArticle],
    states: list[ExpectedState] | None = None,
    *,
    progress: Callable[[int], None] | None = None,
    workdir: Path | None = None,
    error_level: str = "modality",
) -> ArticleSetReport:
    """Read ``articles`` into a fresh log and score its events (and ``states``).

    ``error_level`` is the level whose unmatched predictions and expected events the
    report's ``errors`` list.
    """
    from tracker.app import Tracker

    if error_level not in LEVELS:
        raise ValueError(f"error_level must be one of {', '.join(LEVELS)}")
    report = ArticleSetReport(articles=len(articles), error_level=error_level)
    with tempfile.TemporaryDirectory(dir=workdir) as folder:
        with Tracker.open(Path(folder) / "evaluate.db") as tracker:
            for article in articles:
                tracker.append([_ingested(article)])
                tracker.run_followers()
                if progress is not None:
                    progress(1)
            found = _predictions(r.event for r in tracker.store.read())
            roots = type_roots(articles)
            for article in articles:
                _score_article(report, article, found.get(article.id, []), roots, error_level)
            if states is not None:
                report.states = Tally()
                for state in states:
                    _score_state(report, tracker, state)
    return report
