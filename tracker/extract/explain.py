"""Why the coder read a sentence as it did: the parse, the actors, the triggers, each coding
with the rule behind its parties, modality and date, and why a trigger coded nothing.

The codings shown are the coder's own (``Coder.code``); the rest is read again from the
same pieces the coder uses (the mention finder, the trigger index, the parse and its
governors), so what is shown is what decided. A trigger that coded nothing is checked
against the coder's refusals in its order; the checks that need the article's earlier
sentences are read on the sentence alone.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import asdict, dataclass
from datetime import date
from typing import Any

from events import ArticleIngested, Modality, cameo, event_class
from tracker.extract.actors import Mention
from tracker.extract.coder import Coder
from tracker.extract.coding import Coding
from tracker.extract.dates import find_dates
from tracker.extract.gazetteer import members
from tracker.extract.governors import governed, reading
from tracker.extract.modality import is_conditional, modality_of
from tracker.extract.objects import agreement_near
from tracker.extract.patterns import Trigger
from tracker.extract.roles import Context, read_parties
from tracker.extract.syntax import model_name, parse
from tracker.extract.text import paragraphs
from tracker.store import EventStore

__all__ = ["Explanation", "explain", "stored_article"]

_EFFECTS = {
    "planned": Modality.PLANNED,
    "negated": Modality.NEGATED,
    "failed": Modality.FAILED,
    "unasserted": None,
}
_BASIS = {
    "stated": "a date stated in the sentence",
    "relative": "a relative date, counted from the publication date or the story's day",
    "publication": "no date of its own in the sentence: the publication date",
}


@dataclass(frozen=True, slots=True)
class Party:
    actor: str
    words: str | None  # None when the sentence does not name it (from earlier sentences)
    rule: str


@dataclass(frozen=True, slots=True)
class Explained:
    """One coding, in words."""

    event_type: str
    event: str  # what the event means (its class's docstring)
    cameo: str
    cameo_name: str
    trigger: str
    trigger_words: str
    source: Party
    target: Party
    reciprocal: bool
    modality: str
    modality_rule: str
    governor: dict[str, Any] | None  # the parse's governor above the trigger, if any
    occurred: str
    occurred_basis: str
    basis: str
    due: str | None
    about: str | None
    confidence: float


@dataclass(frozen=True, slots=True)
class SentenceExplained:
    index: int
    text: str
    headline: bool
    tokens: list[dict[str, Any]] | None  # None without a statistical model
    actors: list[dict[str, Any]]
    dates: list[dict[str, Any]]
    triggers: list[dict[str, Any]]
    codings: list[Explained]


@dataclass(frozen=True, slots=True)
class Explanation:
    published: date
    model: str | None
    sentences: list[SentenceExplained]

    def as_dict(self) -> dict[str, Any]:
        return {
            "published": self.published.isoformat(),
            "model": self.model,
            "sentences": [asdict(s) for s in self.sentences],
        }


def explain(
    text: str,
    published: date,
    *,
    title: str = "",
    headings: bool = True,
    coder: Coder | None = None,
) -> Explanation:
    """Every sentence of ``text`` (then of ``title``) explained as the coder reads it.

    ``headings`` as in ``Coder.code``: a sentence typed by a user is prose even without a
    full stop; an article's body is read as the coder reads it (``headings=False``).
    """
    coder = coder or Coder()
    codings = coder.code(text, published, headings=headings, title=title)
    by_index: dict[int, list[Coding]] = {}
    for coding in codings:
        by_index.setdefault(coding.sentence_index, []).append(coding)
    docs = list(_docs(coder, text, title, headings))
    headlines = {index for index, _, headline in docs if headline}
    # What the body told: a headline adds only the acts the body does not report.
    told = {_act(c) for c in codings if c.sentence_index not in headlines}
    sentences = [
        _sentence(coder, doc, index, by_index.get(index, []), published, told if headline else None)
        for index, doc, headline in docs
    ]
    return Explanation(published, model_name(), sentences)


def stored_article(store: EventStore, key: str) -> tuple[ArticleIngested, date] | None:
    """The latest revision of the stored article whose id or URL is ``key``, with the date
    it is read as of (its publication, else the day the log learned it)."""
    found = None
    for item in store.read(types=[ArticleIngested.event_type]):
        article = item.event
        if isinstance(article, ArticleIngested) and key in (article.article_id, article.url):
            found = (article, item.recorded_at.date())
    if found is None:
        return None
    article, learned = found
    return article, article.published.date() if article.published else learned


def _docs(coder: Coder, text: str, title: str, headings: bool) -> Iterator[tuple[int, Any, bool]]:
    """The sentences as the coder splits and numbers them: the body's, then the title's."""
    index = 0
    parts = [(text, headings, False)] + ([(title, True, True)] if title.strip() else [])
    for body, as_headings, headline in parts:
        for doc in coder.nlp.pipe(paragraphs(body, headings=as_headings)):
            for sentence in doc.sents:
                yield index, sentence.as_doc(), headline
                index += 1


def _act(coding: Coding) -> tuple[str, ...]:
    return (coding.event_type, *sorted((coding.source, coding.target)))


def _sentence(
    coder: Coder,
    doc: Any,
    index: int,
    codings: list[Coding],
    published: date,
    body_told: set[tuple[str, ...]] | None,
) -> SentenceExplained:
    """One sentence; ``body_told`` (the acts the body reported) for a headline's."""
    headline = body_told is not None
    parsed = parse(doc.text)
    mentions = coder.mentions.find(doc, published)
    matches = _matches(coder, doc)
    coded = {(c.pattern, c.span[0]) for c in codings}
    triggers = []
    for trigger, start, end in matches:
        at = doc[start].idx
        why_not = None
        if (trigger.name, at) not in coded:
            why_not = _why_not(
                coder, doc, (trigger, start, end), mentions, codings, matches, body_told or set()
            )
            if index and why_not == "no parties found":
                why_not += " in the sentence itself"
        triggers.append(
            {
                "name": trigger.name,
                "event_type": trigger.event_type,
                "words": doc[start:end].text,
                "span": [at, doc[end - 1].idx + len(doc[end - 1].text)],
                "coded": why_not is None,
                "why_not": why_not,
            }
        )
    return SentenceExplained(
        index=index,
        text=doc.text.strip(),
        headline=headline,
        tokens=None if parsed is None else [_token(t) for t in parsed],
        actors=[_actor(doc, m) for m in mentions],
        dates=[
            {"words": doc.text[d.start : d.end], "value": str(d.value), "basis": d.basis}
            for d in find_dates(doc.text, published)
        ],
        triggers=triggers,
        codings=[_coding(doc, parsed, c, mentions, codings, matches) for c in codings],
    )


def _matches(coder: Coder, doc: Any) -> list[tuple[Trigger, int, int]]:
    """Each trigger once per place it fires (its longest match there)."""
    longest: dict[tuple[str, int], tuple[Trigger, int, int]] = {}
    for trigger, start, end in coder.triggers.find(doc):
        known = longest.get((trigger.name, start))
        if known is None or end > known[2]:
            longest[(trigger.name, start)] = (trigger, start, end)
    return sorted(longest.values(), key=lambda m: (m[1], m[0].name))


def _token(token: Any) -> dict[str, Any]:
    head = "(root)" if token.head.i == token.i else f"{token.head.text} ({token.head.i})"
    return {"i": token.i, "text": token.text, "pos": token.pos_, "dep": token.dep_, "head": head}


def _actor(doc: Any, mention: Mention) -> dict[str, Any]:
    return {
        "actor": mention.actor,
        "words": doc[mention.start : mention.end].text,
        "kind": mention.kind,
        "person": mention.person,
        "level": None if mention.level.value == "unknown" else mention.level.value,
    }


def _party(doc: Any, actor: str, rule: str, mentions: list[Mention], near: int) -> Party:
    # A group ("the Baltic states") names each of its states.
    named = [m for m in mentions if actor in members(m.actor)]
    if not named:
        return Party(actor, None, rule)
    nearest = min(named, key=lambda m: abs(doc[m.start].idx - near))
    return Party(actor, doc[nearest.start : nearest.end].text, rule)


def _coding(
    doc: Any,
    parsed: Any,
    coding: Coding,
    mentions: list[Mention],
    codings: list[Coding],
    matches: list[tuple[Trigger, int, int]],
) -> Explained:
    at, stop = coding.span
    start = next((t.i for t in doc if t.idx >= at), len(doc))
    here = any(t.name == coding.pattern and doc[s].idx == at for t, s, _ in matches)
    why = coding.why or ("not recorded", "not recorded")
    source_rule = why[0]
    earlier = [c for c in codings if c.span[0] < at and c.source == coding.source]
    if start > 0 and doc[start - 1].lower_ == "and" and earlier:
        # The coder gives a verb joined by "and" the subject of the act before it.
        source_rule = "the subject of the act before 'and' (the verb has none of its own)"
    cls = event_class(coding.event_type)
    try:
        cameo_name = cameo(coding.cameo).name
    except KeyError:
        cameo_name = "not in the CAMEO table"
    rule, governor = _modality(doc, parsed, coding, start)
    if not here and coding.modality is Modality.NEGATED:
        # The coder's later-sentence rule: "These rumors were rejected" names no act.
        rule, governor = "an act the sentence before only alleged, denied in this one", None
    elif not here:
        # The coder's later-sentence rule: "But the trip was called off" names no one.
        rule, governor = "a plan an earlier sentence reported, called off in this one", None
    return Explained(
        event_type=coding.event_type,
        event=" ".join((cls.__doc__ or coding.event_type).strip().split("\n\n")[0].split()),
        cameo=coding.cameo,
        cameo_name=cameo_name,
        trigger=coding.pattern,
        trigger_words=doc.text[at:stop] if here else "",
        source=_party(doc, coding.source, source_rule, mentions, at),
        target=_party(doc, coding.target, why[-1], mentions, at),
        reciprocal=coding.reciprocal,
        modality=coding.modality.value,
        modality_rule=rule,
        governor=governor,
        occurred=str(coding.occurred),
        occurred_basis=coding.occurred_basis,
        basis=_BASIS.get(coding.occurred_basis, coding.occurred_basis),
        due=str(coding.due) if coding.due is not None else None,
        about=coding.about,
        confidence=coding.confidence,
    )


def _modality(
    doc: Any, parsed: Any, coding: Coding, start: int
) -> tuple[str, dict[str, Any] | None]:
    """Which cue gave the coding its modality, and the parse's governor above the trigger."""
    said = governed(parsed, coding.span[0]) if parsed is not None else None
    governor = None
    if said is not None:
        governor = {"word": said.word, "effect": said.effect, "chain": list(said.chain)}
    before = doc[max(0, start - 6) : start].text + " "
    after = doc[start + 1 : start + 41].text
    cues = modality_of(before, doc.text, future_date=False, after=after)
    if coding.modality is Modality.REALIZED:
        if parsed is None:
            return "no word-order cue says otherwise (no parse to read governors)", governor
        return "no word-order cue and no governing word says otherwise", governor
    if cues is coding.modality:
        return f"the word-order cues around the trigger, after {before.strip()!r}", governor
    if said is not None and _EFFECTS[said.effect] is coding.modality:
        return f"the parse: governed by {said.word!r}, which says {said.effect}", governor
    return (
        "the coder's other cues: a date ahead, a verb of intending before it, or the act it "
        "is the purpose of",
        governor,
    )


def _why_not(
    coder: Coder,
    doc: Any,
    match: tuple[Trigger, int, int],
    mentions: list[Mention],
    codings: list[Coding],
    matches: list[tuple[Trigger, int, int]],
    body_told: set[tuple[str, ...]],
) -> str:
    """Why a trigger that fired coded nothing, checked in the coder's order."""
    trigger, start, end = match
    at, stop = doc[start].idx, doc[end - 1].idx + len(doc[end - 1].text)
    if doc.text.rstrip().endswith("?"):
        return "a question asserts nothing"
    if not mentions:
        return "no actor named in the sentence"
    claimed = next((c for c in codings if c.span[0] < stop and at < c.span[1]), None)
    if claimed is not None:
        return f"its words were read as the trigger {claimed.pattern!r} instead"
    if trigger.needs == "pair":
        return "needs a hyphenated pair of actors right before it ('the A-B meeting')"
    if trigger.needs == "agreement" and agreement_near(doc, start, end) is None:
        return "needs an agreement named nearby"
    organisations = coder.gazetteer.organisations
    parties = read_parties(
        doc, (start, end), trigger.roles, mentions, Context(), lambda a: a in organisations
    )
    if parties is None:
        return "no parties found"
    if parties.reciprocal:
        together = {m.actor for pair in parties.pairs for m in pair}
        if len(together) > reading().max_joint_parties:
            return f"a multilateral act of {len(together)} parties: no one pair's"
    before = doc[max(0, start - 6) : start].text + " "
    if is_conditional(before, doc[end : end + 12].text):
        return "only a condition, an open question or a possibility ('if', 'whether', 'mulls')"
    parsed = parse(doc.text)
    after = doc[end : end + 40].text
    if parsed is not None and modality_of(before, doc.text, False, after) is Modality.REALIZED:
        said = governed(parsed, at)
        if said is not None and said.effect == "unasserted":
            return f"refused by the governor {said.word!r} ({' -> '.join(said.chain)})"
    coded_at = {c.span[0] for c in codings}
    governing = [
        (t, s) for t, s, _ in matches if t.governs and s < start and doc[s].idx in coded_at
    ]
    if governing:
        verb = doc[governing[0][1]].text
        return f"what {verb!r} before it says or intends, not an act of its own"
    acts = {(trigger.event_type, *sorted((s.actor, t.actor))) for s, t in parties.pairs}
    if body_told and acts <= body_told:
        return "the body reports this act: a headline adds only what the body does not"
    if acts <= {_act(c) for c in codings}:
        return "the same act and parties as another coding of this sentence"
    return (
        "refused by one of the coder's word checks (a gerund used as a noun, 'came to "
        "power', a letter received, ...): not told"
    )
