"""Modality from the parse: the words that govern an act say whether it is done.

"Aliyev and Pashinyan were expected to be joined by Michel", "is considering the
possibility of a visit", "failed to reach an agreement": word order alone reads each act
as done. The parse links the act's word to the words that govern it; walking up those
links (``reading.toml``: which links, how far, which governors mean what) finds the first
governor that says the act is meant, only thought of, refused or failed.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field

import seeds
from tracker.errors import UsageError
from tracker.extract.knowledge import read_toml, validated
from tracker.extract.lexicon import lexicon
from tracker.extract.syntax import head_word, token_at

__all__ = ["Governed", "Reading", "governed", "other_sense", "reading"]

Effect = Literal["planned", "unasserted", "negated", "failed"]
READING_FILE = "reading.toml"


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class _Walk(_Strict):
    through: list[str] = Field(min_length=1)
    prepositions: list[str]
    depth: int = Field(ge=1, le=20)
    judged_as: list[str] = Field(min_length=1)


class _Governors(_Strict):
    planned: list[str]
    unasserted: list[str]
    negated: list[str]
    failed: list[str]


class _Modal(_Strict):
    unasserted: list[str]
    frames: list[str]
    hedges: list[str]
    prospects: list[str]


class _Joint(_Strict):
    max_parties: int = Field(ge=2)


class _Planned(_Strict):
    cameo: dict[str, str]


class _Courtesy(_Strict):
    reasons: list[str]
    window: int = Field(ge=1, le=40)


class _Domain(_Strict):
    sport: list[str]
    sport_threshold: int = Field(ge=1)
    caption: list[str]


class _References(_Strict):
    organisation: list[str]
    member_words: list[str]
    offers: list[str]
    joining: list[str]
    leaders: list[str]
    both: list[str]
    both_people: list[str]


class _ReadingFile(_Strict):
    references: _References
    senses: dict[str, list[str]]
    walk: _Walk
    governors: _Governors
    modal: _Modal
    joint: _Joint
    planned: _Planned
    courtesy: _Courtesy
    domain: _Domain


@dataclass(frozen=True, slots=True)
class Reading:
    """The knowledge of ``reading.toml`` in the shapes the coder reads."""

    through: frozenset[str]
    prepositions: frozenset[str]
    depth: int
    judged_as: frozenset[str]  # verbs whose "as ..." is a judgement ("described X as Y")
    governors: dict[str, Effect]
    modal: frozenset[str]
    frames: frozenset[str]  # verbs whose modal frames what follows ("it should be noted")
    hedges: frozenset[str]  # adverbs that assert nothing of their verb ("allegedly")
    prospects: frozenset[str]  # adjectives that make the act's noun a prospect ("potential")
    max_joint_parties: int
    planned_cameo: dict[str, str]  # event type -> the CAMEO code of its announcement
    courtesy: frozenset[str]
    courtesy_window: int
    sport: frozenset[str]
    sport_threshold: int
    organisation_nouns: frozenset[str]
    member_words: frozenset[str]
    offers: frozenset[str]  # "the invitation": an offer of membership told before
    joining: frozenset[str]  # verbs of the membership an offer is for ("to join")
    leaders: frozenset[str]  # "the libertarian leader": the person named last
    caption: frozenset[str]
    both: tuple[str, ...]  # phrases naming the story's pair
    both_people: tuple[str, ...]  # the same, said of the two people last named
    senses: dict[str, frozenset[str]]  # verb lemma -> objects that give it another sense


@dataclass(frozen=True, slots=True)
class Governed:
    """What a governor says of an act: its effect, the word, and the chain walked to it."""

    effect: Effect
    word: str
    chain: tuple[str, ...]


def load_reading(source: Any | None = None) -> Reading:
    """``reading.toml`` validated; an error names the file and the field."""
    source = source or seeds.path("extractor").joinpath(READING_FILE)
    data = validated(_ReadingFile, source, read_toml(source), "")
    governors: dict[str, Effect] = {}
    for effect in ("planned", "unasserted", "negated", "failed"):
        for word in getattr(data.governors, effect):
            if word != word.lower():
                raise UsageError(f"{source}: governors.{effect}: write {word!r} in lower case")
            if word in governors:
                raise UsageError(
                    f"{source}: governors: {word!r} is both {governors[word]} and {effect}"
                )
            governors[word] = effect
    return Reading(
        through=frozenset(data.walk.through),
        prepositions=frozenset(data.walk.prepositions),
        depth=data.walk.depth,
        judged_as=frozenset(data.walk.judged_as),
        governors=governors,
        modal=frozenset(data.modal.unasserted),
        frames=frozenset(data.modal.frames),
        hedges=frozenset(data.modal.hedges),
        prospects=frozenset(data.modal.prospects),
        max_joint_parties=data.joint.max_parties,
        planned_cameo=_planned_codes(source, data.planned.cameo),
        courtesy=frozenset(data.courtesy.reasons),
        courtesy_window=data.courtesy.window,
        sport=frozenset(data.domain.sport),
        sport_threshold=data.domain.sport_threshold,
        organisation_nouns=frozenset(data.references.organisation),
        member_words=frozenset(data.references.member_words),
        offers=frozenset(data.references.offers),
        joining=frozenset(data.references.joining),
        leaders=frozenset(data.references.leaders),
        caption=frozenset(data.domain.caption),
        both=tuple(data.references.both),
        both_people=tuple(data.references.both_people),
        senses={verb: frozenset(objects) for verb, objects in data.senses.items()},
    )


def _planned_codes(source: Any, codes: dict[str, str]) -> dict[str, str]:
    """The planned-contact codes, each one its event type accepts."""
    from events import event_class
    from events.registry import UnknownEventType

    for kind, code in codes.items():
        try:
            cls = event_class(kind)
        except UnknownEventType as exc:
            raise UsageError(f"{source}: planned.cameo: {exc}") from None
        allowed = {getattr(cls, "default_cameo", None), *getattr(cls, "allowed_cameo", ())}
        if code not in allowed:
            raise UsageError(f"{source}: planned.cameo: {kind} does not take CAMEO {code}")
    return dict(codes)


@cache
def reading() -> Reading:
    """The project's ``reading.toml``, loaded once."""
    return load_reading()


def _infinitive(token: Any) -> bool:
    return any(c.dep_ == "aux" and c.lower_ == "to" for c in token.children)


def _hedge(token: Any, hedges: frozenset[str]) -> str | None:
    """An adverb on the act's own verb, or an adjective on its noun, that asserts nothing
    of it ("allegedly supplied", "the alleged delivery")."""
    return next(
        (c.lower_ for c in token.children if c.dep_ in {"advmod", "amod"} and c.lower_ in hedges),
        None,
    )


def _prospect(token: Any, prospects: frozenset[str]) -> str | None:
    """An adjective on the act's noun that makes it a prospect ("a potential meeting")."""
    return next(
        (c.lower_ for c in token.children if c.dep_ == "amod" and c.lower_ in prospects), None
    )


def _modal(token: Any, modal: frozenset[str]) -> str | None:
    found = next((c.lower_ for c in token.children if c.dep_ == "aux" and c.lower_ in modal), None)
    if found is None and token.dep_ == "conj" and token.head.pos_ in {"VERB", "AUX"}:
        # "should be agreed and signed by the Parties": a verb joined by "and" with no
        # auxiliary of its own shares those of the verb before it.
        if not any(c.dep_ in {"aux", "auxpass"} for c in token.children):
            found = next(
                (c.lower_ for c in token.head.children if c.dep_ == "aux" and c.lower_ in modal),
                None,
            )
    return found


_MONTHS = frozenset(
    "january february march april may june july august september october november december".split()
)


def _deadline(token: Any) -> bool:
    """Is the act at ``token`` (or the verb it is joined to by "and") due by a date: "by
    May 15", "by 2026"?"""
    verbs = [token, token.head] if token.dep_ == "conj" else [token]
    for verb in verbs:
        for child in verb.children:
            if child.lower_ == "by" and child.dep_ == "prep":
                words = list(child.subtree)[1:4]
                if words and (words[0].lower_ in _MONTHS or words[0].like_num):
                    return True
    return False


def _judges(verb: Any, know: Reading) -> bool:
    """Is ``verb`` an active verb of judging with its object ("described the vote")?"""
    return verb.lemma_.lower() in know.judged_as and any(c.dep_ == "dobj" for c in verb.children)


def _denied(token: Any) -> bool:
    """Is the word negated ("did not refuse"), or the verb it completes ("is not opposed")?"""
    words = [token, token.head] if token.dep_ in {"acomp", "attr"} else [token]
    return any(c.dep_ == "neg" for word in words for c in word.children)


def _given_up(token: Any, *, verb: bool = False) -> bool:
    """Is the noun of a plan the object of a negated verb ("will not act on its
    application", "no longer pursues its bid")? A plan's verb "not" negates is given up.
    With ``verb``, is the verb itself negated?"""
    if verb:
        return _negated(token)
    if token.pos_ not in {"NOUN", "PROPN"}:
        return False
    head = token.head
    if token.dep_ == "pobj" and head.dep_ == "prep":
        head = head.head
    elif token.dep_ != "dobj":
        return False
    return head.pos_ in {"VERB", "AUX"} and _negated(head)


def _negated(verb: Any) -> bool:
    """Does "not" or "no longer" negate the verb, and not "not yet" (still undecided:
    "has not yet responded to the invitation")?"""
    words = {c.lower_ for c in verb.children if c.dep_ in {"neg", "advmod"}}
    if "yet" in words or "still" in words:
        return False
    return any(c.dep_ == "neg" for c in verb.children) or "longer" in words


_POSSIBLE = lexicon("governors.judged_possible")


def _judged_possible(verb: Any) -> bool:
    """Does the verb judge its content possible ("consider possible to hold", "consider it
    feasible")?"""
    return any(
        c.dep_ in {"acomp", "oprd", "ccomp", "xcomp"} and c.lower_ in _POSSIBLE
        for c in verb.children
    )


def _above_plan(noun: Any, chain: list[str], know: Reading) -> Governed | None:
    """A governor above a plan's noun that asserts nothing or refuses ("weighing an
    application", "rejected the invitation"), or ``None``."""
    token, walked = noun, list(chain)
    for _ in range(2):
        if token.dep_ not in know.through or token.head.i == token.i:
            return None
        if token.dep_ == "prep" and token.lower_ not in know.prepositions:
            return None
        token = token.head
        walked.append(f"{token.text} ({token.dep_ if token.dep_ != 'ROOT' else 'main verb'})")
        effect = know.governors.get(token.lemma_.lower())
        if effect in {"unasserted", "negated"} and not _denied(token):
            return Governed(effect, token.lemma_.lower(), tuple(walked))
    return None


def governed(doc: Any, char: int, knowledge: Reading | None = None) -> Governed | None:
    """The first governor above the word at character ``char`` of the parsed ``doc`` that
    says its act is not done, or ``None`` when every governor asserts it."""
    know = knowledge or reading()
    token = token_at(doc, char)
    if token is None:
        return None
    token = head_word(token)  # "a major prisoner exchange": the act's noun is "exchange"
    chain: list[str] = [token.text]
    word = _modal(token, know.modal) or _hedge(token, know.hedges)
    if word in {"should", "must"} and _deadline(token):
        # "should be agreed and signed by the Parties by May 15": an act due by a day is
        # planned, not only thought right.
        return Governed("planned", f"{word} ... by", tuple(chain))
    if word is not None:
        return Governed("unasserted", word, tuple(chain))
    word = _prospect(token, know.prospects)
    if word is not None:
        return Governed("planned", word, tuple(chain))
    for _ in range(know.depth):
        if token.dep_ == "advcl" and _infinitive(token):
            judge = token.head.head
            if token.head.lower_ in _POSSIBLE and judge.i != token.head.i and _denied(judge):
                # "does not consider it possible to hold the meeting": refused.
                chain += [token.head.text, f"{judge.text} (main verb)"]
                return Governed("negated", f"not {judge.lemma_.lower()} possible", tuple(chain))
            # "arrived in Munich to hold meetings": a purpose is meant, not yet done.
            chain.append(f"{token.head.text} (purpose)")
            if _given_up(token.head, verb=True):
                # "will not act on it to become members": the purpose of what is not
                # done is not done either.
                return Governed("negated", "not ... to", tuple(chain))
            return Governed("planned", "to", tuple(chain))
        if token.dep_ not in know.through or token.head.i == token.i:
            return None
        if token.dep_ == "prep" and token.lower_ == "as" and _judges(token.head, know):
            # 'described the vote as "the beginning of Armenia's withdrawal"': what a
            # judgement calls something asserts no act of its own. (Not "the exchange,
            # described as the largest since 2022": a passive names the act judged.)
            chain.append(f"{token.head.text} (as)")
            return Governed("unasserted", f"{token.head.lemma_.lower()} as", tuple(chain))
        if token.dep_ == "prep" and token.lower_ not in know.prepositions:
            return None  # the manner or the occasion of an act, not its content
        token = token.head
        chain.append(f"{token.text} ({token.dep_ if token.dep_ != 'ROOT' else 'main verb'})")
        effect = know.governors.get(token.lemma_.lower())
        if effect == "unasserted" and _denied(token) and _judged_possible(token):
            # "Baku does not consider possible to hold the proposed meeting": what is not
            # deemed possible is refused.
            return Governed("negated", f"not {token.lemma_.lower()} possible", tuple(chain))
        if effect == "negated" and _denied(token):
            # "is not opposed to talks", "did not refuse to meet": a refusal denied is a
            # willingness; the act is meant.
            return Governed("planned", f"not {token.lemma_.lower()}", tuple(chain))
        if effect == "planned" and _given_up(token):
            # "will not act on its application to become members", "will no longer pursue
            # its bid to join": a plan whose own verb is negated is given up.
            return Governed("negated", f"not ... {token.lemma_.lower()}", tuple(chain))
        if effect == "planned" and token.pos_ in {"NOUN", "PROPN"}:
            # "is weighing an application to join": a plan's noun under a word that
            # asserts nothing or refuses is only thought of or refused.
            above = _above_plan(token, chain, know)
            if above is not None:
                return above
        if effect is not None:
            return Governed(effect, token.lemma_.lower(), tuple(chain))
        word = _modal(token, know.modal)
        if word is not None and token.lemma_.lower() not in know.frames:
            return Governed("unasserted", word, tuple(chain))
    return None


def other_sense(doc: Any, char: int, knowledge: Reading | None = None) -> str | None:
    """The object that gives the verb at character ``char`` of the parsed ``doc`` another
    sense than the act's ("failed to meet its obligations"), or ``None``."""
    know = knowledge or reading()
    token = token_at(doc, char)
    if token is None:
        return None
    objects = know.senses.get(token.lemma_.lower())
    if not objects:
        return None
    for child in token.children:
        if child.dep_ in {"dobj", "nsubjpass"} and child.lemma_.lower() in objects:
            return str(child.text)
    return None


def is_sport(words: list[str], knowledge: Reading | None = None) -> bool:
    """Is a sentence of these (lower-case) words about sport (countries as teams)?"""
    know = knowledge or reading()
    return len(know.sport.intersection(words)) >= know.sport_threshold


def is_courtesy(words_after: list[str], knowledge: Reading | None = None) -> bool:
    """Do the words after a thanks or congratulations give a courtesy reason for it?"""
    know = knowledge or reading()
    window = words_after[: know.courtesy_window]
    return any(w in know.courtesy for w in window) and any(w in {"for", "on"} for w in window)
