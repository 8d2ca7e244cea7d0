"""The coder: an article's text and date in, codings (who did what to whom, when) out."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from dataclasses import replace
from datetime import date
from typing import Any

from spacy.tokens import Doc

from events import ContactLevel, FuzzyDate, Modality, Precision, event_class, is_organisation
from tracker.extract.actors import Mention, MentionFinder
from tracker.extract.areas import areas_in
from tracker.extract.coding import Coding
from tracker.extract.complements import read_complements
from tracker.extract.cues import (
    anniversary_of,
    dated_by_its_name,
    dated_by_the_schedule,
    deadline_after,
    denies_the_last,
    earlier_act_dates,
    in_the_year_told,
    is_caption,
    membership_start,
    own_clause_under,
    rounds_that_follow,
    unmet_expectation,
)
from tracker.extract.dates import find_dates
from tracker.extract.gazetteer import Gazetteer, gazetteer, members
from tracker.extract.governors import (
    Governed,
    governed,
    is_courtesy,
    is_sport,
    other_sense,
    reading,
)
from tracker.extract.lexicon import lexicon
from tracker.extract.lists import listed_agreement, outcome_told
from tracker.extract.modality import CALLED_OFF, headline_future, is_conditional, modality_of
from tracker.extract.objects import agreement_near, clause_after
from tracker.extract.parsed_roles import PARSED_JOINT, PARSED_SUBJECT, parsed_directed, parsed_pair
from tracker.extract.patterns import AGREEMENT_NOUNS, PRAISE, TRIGGERS, Trigger
from tracker.extract.pipeline import blank_pipeline
from tracker.extract.roles import (
    ALSO_AT,
    BETWEEN,
    BOTH_REFERRED,
    JOINT,
    OBJECT,
    OTHER_SIDE,
    REFERS_BACK,
    SUBJECT,
    Context,
    Parties,
    names_gathering,
    read_parties,
)
from tracker.extract.syntax import head_word, parse, parsed_token, token_at
from tracker.extract.text import LIST_ITEM, paragraphs
from tracker.extract.timing import Timing, starts_period, time_act
from tracker.extract.titles import POSSESSIVE, bare_title
from tracker.extract.trigger_index import TriggerIndex

__all__ = ["Coder"]

_NOT_A_GUEST = lexicon("coder.not_a_guest")
# A plan told in the past tense: "was to visit", "was due to travel", "had planned to".
_PAST_PLAN = re.compile(
    r"\b(?:was|were|had been)\s+(?:(?:due|expected|scheduled|set|supposed|going)\s+)?to\s+"
    r"(?:[\w'\u2019-]+\s+){0,2}$|\bhad\s+(?:planned|intended|hoped)\s+to\s+(?:[\w'\u2019-]+\s+){0,2}$",
    re.IGNORECASE,
)
_POSSESSIVE_PRONOUNS = lexicon("coder.possessive_pronouns")
OWN_VISITOR = "whose visit it was ('during his visit to X, Y said')"
OWN_PLACE = "the place of the visit (after 'to' or 'in')"
# "first" just before a contact's word: "his first visit since ...". Not "the first
# Australian leader to visit China since 2016": the first of a kind of person to act, whose
# last act was someone else's, unnamed (CODING.md 6 dates "his first meeting since").
_FIRST_BEFORE = re.compile(r"\bfirst\b(?![\s\w-]*\bto\s+$)(?:[\s\w-]{0,30})$", re.IGNORECASE)
# The future tense before a trigger: "will not attend", "won't travel", "is not going to".
_FUTURE_BEFORE = re.compile(r"\b(?:will|wo|won't|shall|going to)\b", re.IGNORECASE)
# "does not consider possible to hold the meeting on March 20": refused for when it is due.
_NOT_POSSIBLE = re.compile(
    r"\bnot\s+(?:consider|deem|find|see|think)\b.*\b(?:"
    + "|".join(sorted(lexicon("governors.judged_possible")))
    + r")\b",
    re.IGNORECASE,
)
_OCCASION = lexicon("coder.occasion")
_JOINING_ADVERBS = lexicon("coder.joining_adverbs")
_IRREGULAR_PAST = lexicon("coder.irregular_past")
# What a sentence may call off, and the planned acts each word can name.
_PLAN_NOUNS: dict[str, frozenset[str]] = {
    "visit": frozenset({"VisitMade"}),
    "trip": frozenset({"VisitMade"}),
    "meeting": frozenset({"MeetingHeld", "TalksHeld"}),
    "summit": frozenset({"MeetingHeld"}),
    "talks": frozenset({"TalksHeld", "MeetingHeld"}),
    "call": frozenset({"PhoneCallHeld"}),
    "signing": frozenset({"AgreementSigned"}),
    "ceremony": frozenset({"AgreementSigned"}),
}
_CALLED_OFF = re.compile(
    r"\b(?:the|this|that|his|her|their|its)\s+(?:planned\s+|scheduled\s+|proposed\s+)?"
    r"(?P<noun>visit|trip|meeting|summit|talks|call|signing|ceremony)\b[^.;]{0,60}?"
    rf"(?:\b(?:was|were|has been|have been|had been)\s+{CALLED_OFF}|"
    r"\b(?:did not|didn't|never) (?:take place|happen))",
    re.IGNORECASE,
)
# "announced their withdrawal": the act named after it is announced, not done.
_ANNOUNCING = re.compile(r"\b(?:announc|declar)(?:e|es|ed|ing)\s+(?:[\w'\u2019-]+\s+){0,2}$")
_TALKS = lexicon("coder.talks")
_LATER_CLAUSE = re.compile(r"\b(?:and|but|while|whereas)\b|;")
_NOT_A_PLACE = lexicon("coder.not_a_place")
_NOUN_AFTER_ARTICLE = lexicon("coder.noun_after_article")
_NOT_A_VERB = lexicon("coder.not_a_verb")
_PURPOSE_DETERMINERS = lexicon("coder.purpose_determiners")
_NOMINAL_GERUND_AFTER = lexicon("coder.nominal_gerund_after")


_GOVERNED = {
    "planned": Modality.PLANNED,
    "negated": Modality.NEGATED,
    "failed": Modality.FAILED,
}


_LASTING = lexicon("coder.lasting")

_BECOME = lexicon("coder.become")
# The parse's relations of a party of a verb, and the prepositions that address one
# ("appealed to", "called on", "met with").
_MEMBERS_PARTY = frozenset({"nsubj", "nsubjpass", "dobj"})
_MEMBERS_ADDRESSED = lexicon("coder.addressed")
_SUBORDINATORS = lexicon("coder.subordinators")
# Prepositions that look like gerunds ("During the talks", "following talks in Hanoi").
_ING_PREPOSITIONS = lexicon("coder.ing_prepositions")
_FUTURE_IN_ACT = lexicon("coder.future_in_act")
# Acts whose addressee the sentence must name (see roles.OTHER_SIDE).
_NEED_AN_ADDRESSEE = frozenset({"PledgeMade", "CooperationIntentExpressed"})
_JOINT_INTENT = lexicon("coder.joint_intent")
# Acts of reproach or pressure: at someone the sentence names, never at a co-subject.
_AT_SOMEONE_NAMED = frozenset(
    {
        "ProposalRejected",
        "CriticismVoiced",
        "AccusationMade",
        "ThreatIssued",
        "DemandMade",
        "AppealMade",
        "ProtestLodged",
    }
)
_EARLIER_MARKS = lexicon("coder.earlier_marks")
_MERE_INTENT = lexicon("coder.mere_intent")
_AGREED_TO = lexicon("coder.agreed_to")
_STRANDED_TO = lexicon("coder.stranded_to")
_TALKS_TOWARD = lexicon("coder.talks_toward")
_ALLEGED = lexicon("coder.alleged")
SENDER = "who sent what the receiver received ('received ... from')"
RECEIVER = "who received it (the subject of 'received')"
_PARTICIPATION = lexicon("coder.participation")


def _no_membership_modifiers(doc: Any, mentions: list[Mention]) -> list[Mention]:
    """Leave out an organisation named only to say who belongs to it: "an ICC member state",
    "a member of NATO", "other EU countries"."""
    words = reading().member_words
    kept = []
    ends = {m.end: m for m in mentions}
    for m in mentions:
        named = ends.get(m.start - 1)
        if named is not None and named.actor == m.actor and doc[m.start - 1].text == "(":
            # "the International Criminal Court (ICC)": the abbreviation is the same mention.
            if named not in kept:
                continue
        after = doc[m.end].lower_ if m.end < len(doc) else ""
        before = _words_at(doc, m.start - 3, m.start)
        # "a member of NATO", "a member of the ICC"
        near = [w for w in before if w != "the"]
        member_of = len(near) >= 2 and near[-1] == "of" and near[-2] in words
        if member_of and _BECOME.intersection(_words_at(doc, m.start - 6, m.start)):
            member_of = False  # "to become a member of the EU": the membership itself
        # "other NATO and EU countries": the first of coordinated modifiers too.
        window = doc[m.end : m.end + 4]
        listed = next((i for i, t in enumerate(window) if t.lower_ in words), None)
        modifier_list = listed is not None and all(
            t.lower_ in {"and", "or", ","} or t.text[:1].isupper() for t in window[:listed]
        )
        if is_organisation(m.actor) and (after in words or member_of or modifier_list):
            if not (after in words and _members_act(doc, m.end)):
                continue
            # "EU member states imposed sanctions": the members acting together are the
            # organisation's act.
        kept.append(m)
    return kept


def _members_act(doc: Any, at: int) -> bool:
    """Is the member word at token ``at`` ("EU countries", "NATO member states") a party of
    a verb in the parse: its subject, the members acting together, or its object ("appealed
    to the EU countries", "urged NATO members")? Not a descriptor ("Mongolia, an ICC member
    state, ...") nor a place or company ("in EU countries", "among other EU countries")."""
    word = parsed_token(doc, at)
    if word is None:
        return False
    word = head_word(word)  # "states" for "member" in "member states"
    if word.dep_ in _MEMBERS_PARTY:
        return True
    head = word.head
    return (
        word.dep_ == "pobj"
        and head.lower_ in _MEMBERS_ADDRESSED
        and head.head.pos_ in {"VERB", "AUX"}
    )


def _last_time(sentence: str, at: int, published: date) -> Any | None:
    """The date of the last such contact, when the sentence calls this one the "first ...
    since" a date: "the first in-person meeting with Putin since December 2023"."""
    if not _FIRST_BEFORE.search(sentence[:at]):
        return None
    return next(
        (
            m
            for m in find_dates(sentence, published)
            if m.start > at
            and starts_period(sentence, m)
            # "first visit ... and first meeting since ...": the date is the last one's.
            and not re.search(r"\bfirst\b", sentence[at : m.start], re.IGNORECASE)
        ),
        None,
    )


def _summons_no_meeting(codings: list[Coding]) -> list[Coding]:
    """ "At a meeting with the deputy minister, the ambassador was handed a protest": the
    meeting is the summons, which is no contact between the two."""
    protests = {frozenset((c.source, c.target)) for c in codings if c.event_type == "ProtestLodged"}
    return [
        c
        for c in codings
        if not (c.event_type == "MeetingHeld" and frozenset((c.source, c.target)) in protests)
    ]


def _own_visit(doc: Any, start: int, end: int, mentions: list[Mention]) -> Parties | None:
    """ "During his state visit to New Delhi, Armenia's foreign minister said ...": "his"
    visit is the visit of the one named after the place."""
    if not _POSSESSIVE_PRONOUNS.intersection(_words_at(doc, start - 3, start)):
        return None
    after = [m for m in mentions if m.start >= end]
    place = next(
        (m for m in after if m.start > 0 and doc[m.start - 1].lower_ in {"to", "in"}), None
    )
    if place is None:
        return None
    visitor = next((m for m in after if m.start > place.end and m.actor != place.actor), None)
    if visitor is None:
        return None
    return Parties(((visitor, place),), reciprocal=False, why=(OWN_VISITOR, OWN_PLACE))


THANKED_HOST = "the one thanked for hosting ('thanked X for hosting')"
THANKED_GUEST = "who was hosted: named after 'hosting', or the one who thanks"


def _thanked_for_hosting(doc: Any, start: int, end: int, mentions: list[Mention]) -> Parties | None:
    """ "Costa thanked Prime Minister Starmer for hosting him", "let me begin by thanking
    Erdogan for hosting us": the one thanked hosted the one after "hosting", or, with
    no one there, the one who thanks. (The thanks are courtesy; the hosting is a meeting.)"""
    if start < 3 or doc[start - 1].lower_ != "for":
        return None
    thank = next(
        (i for i in range(start - 2, max(-1, start - 10), -1) if doc[i].lemma_.lower() == "thank"),
        None,
    )
    if thank is None:
        return None
    host = next((m for m in reversed(mentions) if thank < m.start and m.end < start), None)
    guest = next((m for m in mentions if m.start == end), None)
    if guest is None:
        guest = next((m for m in reversed(mentions) if m.end <= thank), None)
    if host is None or guest is None or host.actor == guest.actor:
        return None
    return Parties(((host, guest),), reciprocal=False, why=(THANKED_HOST, THANKED_GUEST))


GATHERING_OWNER = "the organisation whose gathering the trip is for ('to Astana for the summit')"


def _for_a_gathering(
    doc: Any, parties: Parties, mentions: list[Mention], ctx: Context
) -> Parties | None:
    """ "will not fly to Astana for the gathering", "flew to Brussels for the NATO summit":
    a trip to an organisation's gathering, not a visit of the state that hosts it (a venue);
    its parties are the traveller and the organisation, named there or, for "the
    gathering" alone, the one named last (whose gathering the story told)."""
    if len(parties.pairs) != 1:
        return None
    visitor, place = parties.pairs[0]
    after = place.end
    if not _named_here(place, mentions) or _words_at(doc, after, after + 2) != ("for", "the"):
        return None
    owner = next(
        (m for m in mentions if after + 2 <= m.start <= after + 3 and is_organisation(m.actor)),
        None,
    )
    if owner is not None and not names_gathering(doc, owner):
        return None
    if owner is None:
        if after + 2 >= len(doc) or doc[after + 2].lower_ not in _GATHERING_NOUNS:
            return None
        last = ctx.last_organisation
        owner = replace(last, start=after + 2, end=after + 3, person=None) if last else None
    if owner is None or owner.actor == visitor.actor:
        return None
    return Parties(
        ((visitor, owner),),
        reciprocal=False,
        via_context=parties.via_context,
        why=(parties.why[0], GATHERING_OWNER),
    )


_GATHERING_NOUNS = lexicon("roles.gathering_nouns")
_NOMINAL_ACTS = lexicon("coder.nominal_acts")


def _came_from(doc: Any, end: int, parties: Parties) -> bool:
    """Is the place a visit names right after "from" the one the visitor came from ("on an
    official visit from Yerevan"), no host?"""
    return all(
        target.kind == "seat" and target.start == end + 1 and doc[end].lower_ == "from"
        for _, target in parties.pairs
    )


def _by_and_to(doc: Any, end: int, mentions: list[Mention]) -> Parties | None:
    after = [m for m in mentions if m.start >= end and m.start > 0]
    by = next((m for m in after if doc[m.start - 1].lower_ == "by"), None)
    to = next((m for m in after if doc[m.start - 1].lower_ == "to"), None)
    if by is None or to is None or by.actor == to.actor:
        return None
    return Parties(((by, to),), reciprocal=False, why=("named after 'by'", "named after 'to'"))


def _to_a_gathering(doc: Any, end: int, mentions: list[Mention]) -> bool:
    """Is a guest welcomed "to the <organisation> summit" after the trigger?"""
    return any(
        m.start > end
        and is_organisation(m.actor)
        and names_gathering(doc, m)
        and _words_at(doc, m.start - 2, m.start) in {("to", "the"), ("for", "the")}
        for m in mentions
    )


def _named_here(mention: Mention, mentions: list[Mention]) -> bool:
    """Is ``mention`` one of this sentence's own (not one the story gave, whose token
    positions are another sentence's)?"""
    return any(mention is m for m in mentions)


def _own_gathering(doc: Any, end: int, parties: Parties, mentions: list[Mention]) -> bool:
    """Is a meeting named as an occasion ("at a meeting") one side's alone: no party after it
    is met "with" and the two do not act together before it?"""
    if parties.reciprocal and all(t.end <= end for _, t in parties.pairs):
        return False  # "A and B discussed trade during a meeting"
    met = {"with", "between"}
    return not any(
        target.start > 0
        and (
            doc[target.start - 1].lower_ in met
            or _words_at(doc, target.start - 3, target.start)[:1] == ("with",)
        )
        for _, target in parties.pairs
        # (A target the story gave is not in this sentence's words.)
        if target.start >= end and _named_here(target, mentions)
    )


def _only_a_place(doc: Any, parties: Parties) -> bool:
    """Is every pair's second party a place of this sentence ("in Doha", "at the Kremlin")?"""
    return not parties.via_context and all(
        0 < target.start <= len(doc) and doc[target.start - 1].lower_ in {"in", "at"}
        for _, target in parties.pairs
    )


def _family(event_type: str) -> str:
    """The family of an event type ("contact", "agreement", ...), as its class names it."""
    return str(getattr(event_class(event_type), "family", ""))


def _char_span(doc: Any, mention: Mention) -> tuple[int, int]:
    """The characters of ``mention`` in the sentence ``doc`` (the parse is indexed by them)."""
    return doc[mention.start].idx, doc[mention.end - 1].idx + len(doc[mention.end - 1].text)


def _parsed_parties(doc: Any, start: int, mentions: list[Mention]) -> Parties | None:
    """The parties of a contact read from the parse: the subject and object of the verb it
    belongs to ("congratulated Putin ... by telephone")."""
    parsed = parse(doc.text)
    if parsed is None or len(mentions) < 2:
        return None
    offsets = [_char_span(doc, m) for m in mentions]
    pair = parsed_pair(parsed, doc[start].idx, mentions, offsets)
    if pair is None:
        return None
    return Parties((pair,), reciprocal=True, via_context=False, why=(PARSED_JOINT, PARSED_JOINT))


def _parsed_subjects(
    doc: Any, start: int, mentions: list[Mention], parties: Parties
) -> Parties | None:
    """Where the parse names the subjects of a directed act's verb and word order chose
    another source, the subjects act: "Bolivia severed ties with Israel, and Chile and
    Colombia recalled their ambassadors from Israel" has Chile and Colombia recall theirs."""
    nearest = max((s.end for s, _ in parties.pairs if s.end <= start), default=None)
    if nearest is not None and not any(t.lower_ in _CLAUSE_MARKS for t in doc[nearest:start]):
        return parties  # the source stands in the act's own clause: word order holds
    parsed = parse(doc.text)
    if parsed is None or len(mentions) < 2:
        return parties
    offsets = [_char_span(doc, m) for m in mentions]
    subjects, objects = parsed_directed(parsed, doc[start].idx, mentions, offsets)
    sources = list({m.actor: m for m in subjects}.values())
    if not sources and _objects_elsewhere(parsed, doc, start, parties):
        # "we have worked to support Ukraine, ... and to defend the UN Charter": the state
        # before is what another verb acts on, not who acts; no source is named.
        return None
    if not sources or {s.actor for s, _ in parties.pairs} <= {m.actor for m in sources}:
        return parties
    targets = list({m.actor: m for m in objects}.values()) or [
        t for _, t in parties.pairs if t.actor not in {m.actor for m in sources}
    ]
    # None for "as Chile and Colombia recall their ambassadors": no target named, and the
    # second subject is none.
    pairs = tuple((s, t) for s in sources for t in targets if s.actor != t.actor)
    return _new_sources(pairs, parties, PARSED_SUBJECT)


def _objects_elsewhere(parsed: Any, doc: Any, start: int, parties: Parties) -> bool:
    """Is the act at token ``start`` an infinitive ("and to defend ...") and every source
    word order chose, in another clause, the direct object of another verb in the parse?"""
    verb = token_at(parsed, doc[start].idx)
    if verb is None or verb.tag_ != "VB":
        return False
    for source, _ in parties.pairs:
        word = token_at(parsed, doc[source.end - 1].idx)
        if word is None or word.dep_ != "dobj" or word.head.pos_ != "VERB":
            return False
        if word.head.i == verb.i:
            return False
    return bool(parties.pairs)


def _parsed_directed(doc: Any, start: int, mentions: list[Mention]) -> Parties | None:
    """The parties of a directed act read from the parse alone: the subjects of its verb
    acting on its objects."""
    if len(mentions) < 2:
        return None
    verb = parsed_token(doc, start)
    if verb is None or verb.tag_ == "VBG":
        # "..., with Armenia often accusing the CSTO of ...": a participle tells the
        # background of a state, not an act of its own day.
        return None
    offsets = [_char_span(doc, m) for m in mentions]
    subjects, objects = parsed_directed(verb.doc, doc[start].idx, mentions, offsets)
    pairs = tuple(
        (s, t)
        for s in {m.actor: m for m in subjects}.values()
        for t in {m.actor: m for m in objects}.values()
        if s.actor != t.actor
    )
    if not pairs:
        return None
    return Parties(pairs, reciprocal=False, via_context=False, why=(PARSED_SUBJECT, OBJECT))


def _also_at(
    doc: Any, start: int, mentions: list[Mention], event_type: str, index: int, ctx: Context
) -> Parties | None:
    """ "Bolivia called on Israel to cease attacks. Chile also called for an end to
    hostilities.": a state that "also" does, at no one named, what the sentence before
    told another doing at someone, does it at the same one."""
    if start < 2 or doc[start - 1].lower_ != "also" or ctx.last_targets_index != index - 1:
        return None
    target = ctx.last_targets.get(event_type)
    source = next((m for m in mentions if m.end == start - 1), None)
    if target is None or source is None or source.actor == target.actor:
        return None
    if any(m.start >= start for m in mentions):
        return None  # someone named after the act: not this reading
    return Parties(((source, target),), reciprocal=False, via_context=True, why=(SUBJECT, ALSO_AT))


# A text that is one person's words: "Remarks by ...", "Statement by ...", "Speech by ...".
_SPEECH_TITLE = re.compile(
    r"^\s*(?:(?:opening|closing|introductory|press|joint)\s+)?"
    r"(?:remarks|statement|speech|address|keynote\s+speech)\s+(?:\w+\s+){0,3}?by\s+",
    re.IGNORECASE,
)
_FIRST_PERSON = lexicon("coder.first_person")


def _first_person(doc: Any, mentions: list[Mention], speaker: Mention | None) -> list[Mention]:
    """In a text that is one person's words, "I", "my", "we", "us" are that person's side:
    "my visit to Downing Street in December", "thanking the prime minister for hosting
    us"."""
    if speaker is None:
        return mentions
    return _standing_for(
        doc,
        mentions,
        speaker,
        lambda t: t.text == "I" or (t.lower_ in _FIRST_PERSON and t.text != "US"),
    )


def _second_person(doc: Any, mentions: list[Mention], ctx: Context) -> list[Mention]:
    """In a text that is one person's words, "you" and "your" are the one it addresses:
    the last person named of another side ("thanking Prime Minister Starmer for hosting
    us ... I invited you to join the leaders at a retreat")."""
    speaker = ctx.speaker
    if speaker is None:
        return mentions
    addressed = next((m for m in reversed(ctx.people.values()) if m.actor != speaker.actor), None)
    if addressed is None:
        return mentions
    return _standing_for(doc, mentions, addressed, lambda t: t.lower_ in {"you", "your"})


def _standing_for(
    doc: Any, mentions: list[Mention], who: Mention, pronoun: Callable[[Any], bool]
) -> list[Mention]:
    """``mentions`` with each word ``pronoun`` accepts, outside them, a mention of ``who``."""
    taken = {i for m in mentions for i in range(m.start, m.end)}
    added = [
        replace(who, start=t.i, end=t.i + 1, paired=False)
        for t in doc
        if t.i not in taken and pronoun(t)
    ]
    return sorted(mentions + added, key=lambda m: m.start) if added else mentions


_CLOSING_QUOTES = frozenset({"\u201d", '"'})
_QUOTE_REPORTING = lexicon("roles.reporting")
# An attribution after a quote is short: '..., Galuzin added.', '..., he told reporters.'
_ATTRIBUTION_WORDS = 8
_SINGULAR_FIRST_PERSON = frozenset({"me", "my", "myself"})


def _quoted_first_person(doc: Any, mentions: list[Mention], ctx: Context) -> list[Mention]:
    """'"I see no possibility for a return to Armenia's proposal," Galuzin added': in a quote
    attributed after it, "I", "me", "my" are the speaker (a person named in the
    attribution, or the one "he" or "she" refers to). ("We" is left as the story reads it:
    '"we have agreed to reopen the border," the envoy said' is both sides.)"""
    closing = [t.i for t in doc if t.text in _CLOSING_QUOTES and 0 < t.i < len(doc) - 2]
    if not closing:
        return mentions
    end = closing[-1]
    after = doc[end + 1 :]
    words = [t.lower_ for t in after if not t.is_punct]
    if not 1 < len(words) <= _ATTRIBUTION_WORDS or not set(words) & _QUOTE_REPORTING:
        return mentions
    named = [m for m in mentions if m.start > end]
    if named:
        speaker: Mention | None = named[0]
    elif {"he", "she"} & set(words):
        speaker = ctx.last_person
    else:
        speaker = None
    if speaker is None:
        return mentions
    taken = {i for m in mentions for i in range(m.start, m.end)}
    added = [
        replace(speaker, start=t.i, end=t.i + 1, paired=False)
        for t in doc[:end]
        if t.i not in taken and (t.text == "I" or t.lower_ in _SINGULAR_FIRST_PERSON)
    ]
    return sorted(mentions + added, key=lambda m: m.start) if added else mentions


def _received_from(doc: Any, start: int, mentions: list[Mention]) -> Parties | None:
    """The sender and the receiver of a thing received ("India received a note verbale
    from Bangladesh") when the act at token ``start`` is told after it in that clause."""
    act = parsed_token(doc, start)
    if act is None:
        return None
    verb = next((t for t in reversed(act.doc[: act.i]) if t.lemma_ == "receive"), None)
    if verb is None or act not in verb.subtree:
        return None
    spans = [(m, _char_span(doc, m)) for m in mentions]

    def actor_at(token: Any) -> Mention | None:
        return next((m for m, (a, b) in spans if a <= token.idx < b), None)

    receivers = [actor_at(c) for c in verb.children if c.dep_ == "nsubj"]
    senders = [
        actor_at(o)
        for p in verb.subtree
        if p.dep_ == "prep" and p.lower_ == "from" and p.i < act.i
        for o in p.children
        if o.dep_ == "pobj"
    ]
    receiver = next((m for m in receivers if m is not None), None)
    sender = next((m for m in senders if m is not None), None)
    if receiver is None or sender is None or receiver.actor == sender.actor:
        return None
    return Parties(
        ((sender, receiver),), reciprocal=False, via_context=False, why=(SENDER, RECEIVER)
    )


def _not_another_clause_s(
    doc: Any, start: int, mentions: list[Mention], parties: Parties
) -> Parties | None:
    """``parties`` without a target that is the subject of a clause of its own after the
    act: "called for anti-government actions after Georgian Dream announced ..." names no
    one the call was made to."""
    # (Only the sentence's own mentions: one resolved from the story is elsewhere.)
    later = [t for _, t in parties.pairs if t.start > start and _named_here(t, mentions)]
    if not later:
        return parties
    parsed = parse(doc.text)
    if parsed is None:
        return parties
    subjects = {t.start for t in later if _subordinate_subject(parsed, doc, t)}
    if not subjects:
        return parties
    pairs = tuple((s, t) for s, t in parties.pairs if t.start not in subjects)
    if not pairs:
        return None
    return Parties(pairs, parties.reciprocal, parties.via_context, parties.why)


def _subordinate_subject(parsed: Any, doc: Any, mention: Mention) -> bool:
    """Is ``mention`` the subject of a verb whose clause a subordinator opens ("after",
    "because", "when", ...)?"""
    token = token_at(parsed, doc[mention.start].idx)
    word = head_word(token) if token is not None else None
    if word is None or word.dep_ not in {"nsubj", "nsubjpass"}:
        return False
    return any(c.dep_ == "mark" and c.lower_ in _SUBORDINATORS for c in word.head.children)


def _told_as_earlier(sentence: str, at: int) -> bool:
    """Is the act's verb in a clause opened by "after" ("comes after Manila accused ...")?"""
    parsed = parse(sentence)
    if parsed is None:
        return False
    verb = token_at(parsed, at)
    return verb is not None and any(
        c.dep_ == "mark" and c.lower_ in _EARLIER_MARKS for c in verb.children
    )


def _refers_to_no_actor(doc: Any, start: int, parties: Parties, ctx: Context) -> bool:
    """Was the source taken for "they" as the last sentence's first actor, when the parse
    says that sentence's subject was a plural noun naming no actor ("Protesters across the
    country have been marching against the government's move. They demand ...")?"""
    subject, sentence = ctx.last_subject, ctx.subject_sentence
    if subject is None or sentence is None or parties.why[:1] != (REFERS_BACK,):
        return False
    if not any(t.lower_ == "they" for t in doc[:start]):
        return False
    if not any(source is subject for source, _ in parties.pairs):
        return False
    parsed = parse(sentence.text)
    if parsed is None:
        return False
    head = next((t for t in parsed if t.dep_ == "ROOT"), None)
    said = [c for c in head.children if c.dep_ in {"nsubj", "nsubjpass"}] if head else []
    if not said or said[0].tag_ not in {"NNS", "NNPS"}:
        return False
    # The subject's own words, up to its head noun ("Georgian protesters", not "protesters
    # across the Black Sea country").
    first = min(t.idx for t in said[0].subtree)
    last = said[0].idx + len(said[0].text)
    at = sentence[subject.start].idx
    return not first <= at < last


def _new_sources(
    pairs: tuple[tuple[Mention, Mention], ...], parties: Parties, why: str
) -> Parties | None:
    """``parties`` with the sources a rule chose (``why``), each acting on its target."""
    if not pairs:
        return None
    target_why = parties.why[-1] if parties.why else why
    return Parties(pairs, reciprocal=False, via_context=parties.via_context, why=(why, target_why))


_CLAUSE_MARKS = lexicon("coder.clause_marks")
_CAPTIVITY = lexicon("coder.captivity")
_RELATIVE_PRONOUNS = lexicon("coder.relative_pronouns")


def _relative_source(
    doc: Any, start: int, mentions: list[Mention], parties: Parties
) -> Parties | None:
    """The source of an act told in a relative clause is the noun the clause describes:
    in "South Africa, as a member of the court which issued a warrant for Putin", the court
    issued it, not South Africa. ``None`` when that noun names no actor."""
    if not any(t.lower_ in _RELATIVE_PRONOUNS for t in doc[:start]):
        return parties  # no relative clause before the act: nothing to parse for
    verb = parsed_token(doc, start)
    if verb is None or verb.dep_ != "relcl":
        return parties
    subjects = [c for c in verb.children if c.dep_ == "nsubj"]
    if not subjects or any(c.lower_ not in _RELATIVE_PRONOUNS for c in subjects):
        return parties  # "information that Azerbaijan supplied ...": its own subject
    noun = verb.head
    spans = [(m, _char_span(doc, m)) for m in mentions]
    at = [m for m, (first, last) in spans if first <= noun.idx < last]
    if not at and all(c.lower_ != "who" for c in subjects):
        # "a member of the ICC which issued a warrant": "which" is a thing's, and the parse
        # may hang it on the person; the organisation after "of" did it.
        owners = [
            o
            for p in noun.children
            if p.dep_ == "prep" and p.lower_ == "of"
            for o in p.children
            if o.dep_ == "pobj"
        ]
        at = [m for m, (first, last) in spans for o in owners if first <= o.idx < last]
    if not at:
        return None
    source = at[0]
    pairs = tuple((source, target) for _, target in parties.pairs if target.actor != source.actor)
    return _new_sources(pairs, parties, "the noun its relative clause describes")


_TOLD_BEFORE = lexicon("coder.told_before")


_OWN_COMPLEMENT = lexicon("coder.own_complement")


def _refers_back(doc: Any, start: int, end: int, parties: Parties) -> bool:
    """Is the act "the visit" or "the talks" with no party named in its own phrase (two
    words before it to three after it, or after "between", "of", "to" ...), a reference
    to one told before, not a new one?"""
    if start == 0 or doc[start - 1].lower_ != "the" or doc[start].lower_ not in _TOLD_BEFORE:
        return False
    if any(t.lower_ in _OWN_COMPLEMENT for t in doc[start + 1 : end + 1]):
        return False  # "the meeting between the ministers of A and B": told here
    near = range(max(0, start - 3), min(len(doc), end + 4))
    named = [m for pair in parties.pairs for m in pair]
    return not any(m.start in near or m.end - 1 in near for m in named)


EACH_OTHER = "one of the two that acted on 'each other'"


def _each_other(doc: Any, start: int, end: int) -> bool:
    """Does the act fall on "each other" or "one another" ("expelled each other's envoys")?"""
    words = [t.lower_ for t in doc[start : min(len(doc), end + 2)]]
    pairs = zip(words, words[1:], strict=False)
    return any(a in {"each", "one"} and b in {"other", "another"} for a, b in pairs)


def _content_of(doc: Any, governing: list[int], start: int) -> bool:
    """Is the act at token ``start`` what a verb of saying or intending before it says?
    Where the parse shows it outside that verb's phrase ("severed ties, accusing it of war
    crimes, and Chile and Colombia recalled their ambassadors"), it is an act of its own.
    Without a parse, every act after such a verb is taken as its content."""
    act = parsed_token(doc, start)
    if act is None:
        return True
    for at in governing:
        if at >= start:
            continue
        verb = token_at(act.doc, doc[at].idx)
        if verb is None:
            return True
        if any(t.i == act.i for t in verb.subtree) and not own_clause_under(act, verb):
            return True
    return False


def _joined_from(codings: list[Coding], ctx: Context) -> list[Coding]:
    """A joining with no day of its own ("Egypt, Ethiopia, Iran and the UAE have officially
    joined the bloc") starts on the day the article gave the organisation's new memberships
    ("invited to join the BRICS bloc from 1 January")."""
    return [
        replace(c, occurred=ctx.members_from[c.target], occurred_basis="relative")
        if c.event_type == "MembershipJoined"
        and c.modality is Modality.REALIZED
        and c.occurred_basis == "publication"
        and c.target in ctx.members_from
        else c
        for c in codings
    ]


def _captivity_dates(
    doc: Any, start: int, end: int, published: date
) -> tuple[tuple[int, int], ...]:
    """The date phrases that tell when people were taken or held ("32 Armenians captured in
    late 2020", "soldiers held since April"), outside the act's own words: they date the
    captivity, not the act."""
    spans = []
    for mention in find_dates(doc.text, published):
        words = doc.text[: mention.start].lower().split()[-2:]
        near = [w for w in words if w not in {"in", "on", "since", "during", "early", "late"}]
        if (
            near
            and near[-1] in _CAPTIVITY
            and not doc[start].idx <= mention.start < doc[end - 1].idx
        ):
            spans.append((mention.start, mention.end))
    return tuple(spans)


def _governor(sentence: str, at: int) -> Governed | None:
    """What the parse says governs the act at character ``at`` (``None`` without a model)."""
    doc = parse(sentence)
    return governed(doc, at) if doc is not None else None


class Coder:
    """Reads prose into codings. Build one per process: loading takes about a second."""

    def __init__(self, gaz: Gazetteer | None = None) -> None:
        self.gazetteer = gaz or gazetteer()
        self.nlp = blank_pipeline()
        self.mentions = MentionFinder(self.nlp, self.gazetteer)
        self.triggers = TriggerIndex(TRIGGERS)
        # Set by _code when a verb of saying codes no act of its own but still says what
        # follows it ("turned down the proposal for a meeting between A and B").
        self._governs_uncoded = False

    def code(
        self, text: str, published: date, *, headings: bool = False, title: str = ""
    ) -> list[Coding]:
        """Every coding in ``text`` (an article body), dated against ``published``.

        ``headings`` reads short lines without a full stop too (see ``paragraphs``).
        ``title`` is the headline: read after the body, it adds only the acts the body does
        not report (a headline restates the lead, and the body's sentence is the fuller one).
        """
        ctx = Context()
        codings: list[Coding] = []
        sentences: list[str] = []
        index = 0
        ctx.speaker = self._speaker(title, published)
        for doc in self.nlp.pipe(paragraphs(text, headings=headings)):
            listed = doc.text.startswith(LIST_ITEM)
            for sentence in doc.sents:
                if not listed:
                    codings += self._sentence(_own_doc(doc, sentence), index, published, ctx)
                elif sentence.start == 0:
                    # A list's item: only what the list names ("• a joint statement").
                    codings += filter(None, [listed_agreement(doc.text, index, ctx.outcome)])
                sentences.append(sentence.text)
                index += 1
        codings = _dated_by_the_next(codings, sentences, published)
        codings = dated_by_the_schedule(codings, sentences, published)
        codings = dated_by_its_name(codings, sentences, published)
        codings = rounds_that_follow(codings, published)
        # A day the next sentence gave ("The decision was made ... on Saturday") is the
        # story's day for the undated acts told after it too.
        codings = _dated_by_the_story(codings, Context(), published)
        codings = _quote_of_the_last(codings, published)
        codings = _at_that_time(codings, sentences, published)
        codings = in_the_year_told(codings, sentences, published)
        codings = _on_the_gathering_s_day(codings)
        codings = _one_encounter(_finest_dates(_one_visit(_named_agreements(codings))))
        codings = _one_refusal(_one_reproach(codings))
        if title.strip():
            told = {(_kind(c.event_type), *sorted((c.source, c.target))) for c in codings}
            # A visit told in the body is an encounter of its pair: a headline's meeting of
            # the two restates it ("Remarks ... following the EU-UK summit" after "thanking
            # Starmer for hosting us").
            told |= {
                ("encounter", *sorted((c.source, c.target)))
                for c in codings
                if c.event_type == "VisitMade"
            }
            # A headline is the news of its day: read on its own, not dated by the story's
            # background days nor resolved against the body's last actors.
            own = Context()
            for doc in self.nlp.pipe(paragraphs(title, headings=True)):
                for sentence in doc.sents:
                    for coding in self._sentence(_own_doc(doc, sentence), index, published, own):
                        if (
                            _kind(coding.event_type),
                            *sorted((coding.source, coding.target)),
                        ) not in told:
                            codings.append(coding)
                    index += 1
        return codings

    def _sentence(self, doc: Any, index: int, published: date, ctx: Context) -> list[Coding]:
        if doc.text.rstrip().endswith("?"):
            return []  # a question asserts nothing ("Will Armenia sign the treaty?")
        words = [t.lower_ for t in doc]
        if is_sport(words):
            return []  # countries as teams: "victories over Canada, Chile and Peru"
        if is_caption(words):
            return []  # a photo caption: "Putin poses for a family photo with leaders"
        named = _first_person(doc, self.mentions.find(doc, published), ctx.speaker)
        named = _second_person(doc, named, ctx)
        kept = _no_membership_modifiers(doc, named)
        # An organisation named for its members is no party, but may still be what a
        # relative clause after it describes ("a member of the ICC which issued ...").
        ctx.members_of = [m for m in named if m not in kept]
        mentions = _named_again(doc, kept, ctx)
        if ctx.speaker is None:
            mentions = _quoted_first_person(doc, mentions, ctx)
        ctx.outcome = outcome_told(doc, mentions, published) or ctx.outcome
        found: list[tuple[int, Coding, bool]] = []
        governing: list[int] = []
        alleged_before, ctx.alleged = ctx.alleged, []
        if mentions or ctx.last_pair:
            # Longest triggers first; one claims its words only if it yields an act, so a
            # failed "withdraw from <agreement>" leaves "withdraw" to the membership pattern.
            matches = _specific_first(sorted(self.triggers.find(doc), key=_priority))
            plan = read_complements(doc, matches)
            # An intent that gives way to the act it introduces comes last: it is coded only
            # if that act is not ("agreed to lift sanctions" but no sanctions named).
            matches.sort(key=lambda m: m[1] in plan.replaced)
            taken: set[int] = set()
            seen: set[tuple[str, str, str, str]] = set()
            for trigger, start, end in matches:
                if not taken.isdisjoint(range(start, end)):
                    continue
                if start in plan.blocked or plan.replaced.get(start, -1) in taken:
                    # Coded as its act, or "pledged to expel ...": no cooperation, but
                    # what it names is only meant, so the verb still governs.
                    taken.update(range(start, end))
                    governing.append(start)
                    continue
                planned = start in plan.planned
                self._governs_uncoded = False
                codings = list(
                    self._code(doc, trigger, start, end, mentions, ctx, index, published, planned)
                )
                if codings or self._governs_uncoded:
                    taken.update(range(start, end))
                    if trigger.governs:
                        governing.append(start)
                for coding in codings:
                    key = (coding.event_type, coding.source, coding.target, coding.occurred.text)
                    if key not in seen:
                        seen.add(key)
                        found.append((start, coding, planned))
        # Acts named after a verb of saying or intending are its content, not acts; an act
        # coded as planned in place of its verb of intending is the exception.
        first = min(governing, default=len(doc))
        ordered = [
            c
            for start, c, planned in _purposes_share_plans(
                doc, _coordinated_subjects(doc, sorted(found, key=lambda i: i[0]))
            )
            if start <= first
            or planned
            or doc[start].lower_ in _OCCASION
            or not _content_of(doc, governing, start)
        ]
        ordered = _summons_no_meeting(ordered)
        if not ordered:
            ordered = _called_off(doc.text, index, ctx)
        if not ordered and denies_the_last(doc.text):
            # "... Azerbaijan allegedly supplied Ukraine with shells. These rumors were
            # rejected by the ministry.": the act alleged just before is denied.
            denied = {
                (c.event_type, c.source, c.target, c.occurred.text): c
                for c in alleged_before
                if c.sentence_index == index - 1
            }
            ordered = list(denied.values())
        ordered = _joined_from(ordered, ctx)
        start_day = membership_start(doc.text, published)
        if start_day is not None:
            # "invited to join the BRICS bloc from 1 January": the day its new members'
            # membership starts, for a joining told without a day of its own.
            ctx.members_from.update(
                {m.actor: start_day for m in mentions if is_organisation(m.actor)}
            )
        ordered = _dated_by_the_story(ordered, ctx, published)
        _offers_made(ordered, mentions, ctx)
        _remember(ctx, doc, mentions, ordered, refers_back=_opens_with_reference(doc))
        return ordered

    def _code(
        self,
        doc: Any,
        trigger: Trigger,
        start: int,
        end: int,
        mentions: list[Mention],
        ctx: Context,
        index: int,
        published: date,
        planned: bool = False,
    ) -> Iterator[Coding]:
        """The codings of one trigger match; ``planned`` when a verb of intending names it."""
        if trigger.event_type == "AgreementSigned" and doc[end : end + 1].text in _TALKS:
            return  # "concluded negotiations on a trade deal" signs nothing
        if doc[start].lower_ in _NOUN_AFTER_ARTICLE and start > 0:
            if doc[start - 1].lower_ in {"the", "a", "an"}:
                # "signed a contract for the supply of howitzers": a noun naming what is
                # contracted, whose subject is the signing's, not a delivery made.
                return
        after_to = end + 1 if end < len(doc) and doc[end].lower_ == "the" else end
        if (
            trigger.roles == "visit"
            and doc[end - 1].lower_ == "to"
            and after_to < len(doc)
            and doc[after_to].lower_ in _NOT_A_PLACE
        ):
            # "came to an agreement", "came to power", "return to the White House",
            # "returned to the negotiating table": no trip
            return
        if trigger.roles == "visit" and start > 0 and doc[start - 1].lower_ == "it":
            return  # "when it comes to the non-involvement of states": no one travels
        if trigger.roles == "host" and any(t.lower_ in _NOT_A_GUEST for t in doc[end : end + 4]):
            return  # "had never received a formal request from Niamey": no guest
        objects = reading().senses.get(doc[start].lemma_.lower())
        if objects:
            # "met demands", "join forces", "failed to meet its obligations", "hosts
            # refugees": another sense, by the word after the verb or, in the parse, its
            # object (the parse is read only for the verbs that have one).
            if end < len(doc) and doc[end].lemma_.lower() in objects:
                return
            parsed = parse(doc.text)
            if parsed is not None and other_sense(parsed, doc[start].idx) is not None:
                return
        if (
            trigger.event_type == "CooperationIntentExpressed"
            and doc[end - 1].lower_ == "to"
            and (end == len(doc) or doc[end].lower_ in _STRANDED_TO)
        ):
            return  # "the procedures that we agreed to will be mutual": agreed before
        if _words_at(doc, start - 1, end + 1) == ("a", "host", "of"):
            return  # "a host of other officials": many, not a host
        if (
            trigger.event_type == "MembershipJoined"
            and start > 0
            and doc[start - 1].lemma_ == "be"
            and doc[start].lemma_ == "join"
        ):
            return  # "were expected to be joined by Michel": accompanied, no membership
        if (
            trigger.event_type == "ProposalRejected"
            and _words_at(doc, end, end + 1) == ("to",)
            and _words_at(doc, end + 1, end + 2)[:1] in {(w,) for w in _PARTICIPATION}
        ):
            # "have refused to participate in this event in person": staying away from a
            # gathering, read by the contact's own trigger, rejects no one's proposal.
            return
        if trigger.event_type == "PledgeMade" and end - start == 1:
            if any(t.lower_ == "that" for t in doc[end : end + 3]):
                # "promised voters that Armenia would sign ...": the promise reports what
                # is meant, which is coded (planned) in its own right.
                return
        thanked = (
            _thanked_for_hosting(doc, start, end, mentions) if trigger.roles == "host" else None
        )
        gerund = doc[start].lower_.endswith("ing") and doc[start].lower_ not in _ING_PREPOSITIONS
        if (
            gerund
            and thanked is None
            and (start == 0 or doc[start - 1].lower_ in _NOMINAL_GERUND_AFTER)
        ):
            # "accused X of threatening Y", "said that removing sanctions is out of the
            # question": a gerund used as a noun names an act, it does not report one.
            return
        if start > 0 and doc[start - 1].text in {"-", "\u2010"} and not doc[start - 1].whitespace_:
            return  # "its long-threatened invasion": part of a compound modifier, not a verb
        pair = _pair_before(doc, start, mentions) if trigger.needs == "pair" else None
        if trigger.needs == "pair" and pair is None:
            return
        about: str | None = None
        if trigger.needs == "agreement":
            named = agreement_near(doc, start, end)
            if named is None:
                return
            about = named[1]
        elif trigger.topic_after:
            about = clause_after(doc, end) or None
        if trigger.agreement_name:
            # "exchanged notes for a JPY600 million grant": the exchange of notes is the
            # agreement, named by what follows.
            about = " ".join(filter(None, [trigger.agreement_name, clause_after(doc, end)]))
        parties = pair or read_parties(
            doc, (start, end), trigger.roles, mentions, ctx, self._is_org
        )
        if parties is None and trigger.needs == "agreement" and _agreement_subject(doc, start):
            parties = _story_pair(ctx)
        if parties is None and trigger.roles == "visit":
            parties = _own_visit(doc, start, end, mentions)
        parties = thanked or parties
        if parties is not None and trigger.roles == "visit":
            parties = _for_a_gathering(doc, parties, mentions, ctx) or parties
            if _came_from(doc, end, parties):
                return  # "arrived in Baku on a visit from Yerevan": not the host
        if trigger.event_type == "MembershipInvited":
            parties = self._invited(doc, start, end, mentions) or parties
        if parties is None and trigger.roles == "directed":
            # "India received a note verbale from Bangladesh in connection with an
            # extradition request": what one received from another is the sender's act.
            parties = _received_from(doc, start, mentions)
        if parties is None and trigger.roles == "directed":
            # Word order found no pair ("Egypt expelled Turkey's ambassador and accused
            # Ankara of ..."): the parse's subject and object of the act's verb.
            parties = _parsed_directed(doc, start, mentions)
        if parties is None and trigger.roles == "directed":
            parties = _also_at(doc, start, mentions, trigger.event_type, index, ctx)
        if doc[start].lower_ in _NOMINAL_ACTS:
            # "condemned the delivery of vehicles by France to Armenia": the act named by its
            # noun is done by whom "by" names, to whom "to" names.
            parties = _by_and_to(doc, end, mentions) or parties
        joint = None
        if doc[start].lower_ in _OCCASION and trigger.roles == "mutual":
            # "During the talks in Istanbul, the Ukrainian and Russian delegations
            # discussed ...": the occasion's parties are its clause's joint subjects.
            joint = _parsed_parties(doc, start, mentions)
            parties = joint or parties
        if (
            parties is not None
            and joint is None
            and doc[start].lower_ in _OCCASION
            and parties.why[:1] != (BOTH_REFERRED,)
            and _own_gathering(doc, end, parties, mentions)
        ):
            # "The EU council voted at a meeting on January 27 to suspend the EU-Georgia
            # agreement": a meeting of one side's own body, at which it acted on the other.
            return
        if trigger.roles == "mutual" and _family(trigger.event_type) == "contact":
            if parties is None or _only_a_place(doc, parties):
                # "Sisi and his Turkish counterpart Erdogan shook hands in Doha": read from
                # the parse, the parties are the verb's subjects, not where they met.
                parties = _parsed_parties(doc, start, mentions) or parties
        if parties is None:
            return
        if trigger.event_type == "TalksHeld" and not parties.via_context:
            # Done or only planned, these are the story's talks ("to discuss the third round
            # of talks between Iran and the United States"), for "the first round" later.
            ctx.last_talks = parties.pairs[0]
        if parties.why[:1] == (BETWEEN,) and trigger.event_type in _AT_SOMEONE_NAMED:
            # "turned down the proposal for a meeting between the Azerbaijani and Armenian
            # ministers", "called for talks between Armenia and Azerbaijan": the pair after
            # "between" is that of what is rejected or asked for, not whom it is aimed at.
            # (What follows is still its content, no act of its own.)
            self._governs_uncoded = True
            return
        if parties.why[:1] == (JOINT,) and trigger.event_type in _AT_SOMEONE_NAMED:
            # "Guyana, Venezuela sign Argyle decree, rejecting violence": two acting
            # together on no one named did not reject, accuse or threaten each other.
            return
        if (
            parties.why[-1:] == (OTHER_SIDE,)
            and trigger.event_type in _NEED_AN_ADDRESSEE
            and not _JOINT_INTENT.intersection(t.lower_ for t in doc[start:end])
        ):
            # "We are committed to Ayungin Shoal", "we are ready to continue working": a
            # pledge or intent names whom it is made to; the other side of the story is no
            # guess for it. (What "we've agreed to" do is agreed with the other side.)
            return
        if _refers_to_no_actor(doc, start, parties, ctx):
            return  # "Protesters ... have been marching. They demand a rerun of the vote."
        if _refers_back(doc, start, end, parties):
            return  # "unconcerned about Putin being arrested during the visit": told before
        if trigger.roles == "directed" and _each_other(doc, start, end):
            # "both countries expelled each other's diplomats": each acted on the other.
            # The ones acting are the two: "both countries", or "A and B".
            sides = list({s.actor: s for s, _ in parties.pairs}.values())
            if len(sides) != 2:
                sides = list({m.actor: m for pair in parties.pairs for m in pair}.values())
            if len(sides) == 2:
                parties = Parties(
                    ((sides[0], sides[1]), (sides[1], sides[0])),
                    reciprocal=False,
                    via_context=parties.via_context,
                    why=(EACH_OTHER, EACH_OTHER),
                )
        elif trigger.roles == "directed" and not parties.reciprocal:
            parties = _relative_source(doc, start, mentions + ctx.members_of, parties)
            if parties is None:
                return
            parties = _not_another_clause_s(doc, start, mentions, parties)
            if parties is None:
                return
            parties = _parsed_subjects(doc, start, mentions, parties)
            if parties is None:
                return
        if trigger.source == "organisation" and not all(
            is_organisation(source.actor) for source, _ in parties.pairs
        ):
            return  # "a court in Guyana issued warrants": a state's own courts
        welcomed = doc[start].lower_ in {"welcomed", "welcomes", "welcoming"}
        if trigger.roles == "host" and start > 0 and doc[start - 1].lemma_ == "be":
            # "Vance was welcomed at the airport by Azerbaijani officials": the subject is the
            # guest, whoever is named after it the host.
            welcomed = False
            if parties.why[:1] == (SUBJECT,):
                parties = Parties(
                    tuple((target, source) for source, target in parties.pairs),
                    reciprocal=parties.reciprocal,
                    via_context=parties.via_context,
                    why=(parties.why[-1], parties.why[0]),
                )
        if trigger.roles == "host" and _to_a_gathering(doc, end, mentions):
            # "Modi welcomes the AU chairman to the G20 Summit": a guest of an
            # organisation's gathering, not of the host state.
            return
        if trigger.roles == "host" and (
            _possessive_object(doc, parties) or (welcomed and not _guest_follows(doc, end, parties))
        ):
            # "welcomed President Reagan's statement", "welcomed the initialing of the
            # agreement between A and B": praise of a thing, not a guest received.
            trigger = PRAISE
        if trigger.event_type == "PraiseExpressed" and is_courtesy([t.lower_ for t in doc[end:]]):
            return  # thanks for hosting, congratulations on a birthday: courtesy
        sentence = doc.text
        before = doc[max(0, start - 6) : start].text + " "
        if is_conditional(before, doc[end : end + 12].text):
            return
        if unmet_expectation(doc[:start].text):
            # "Russia had expected that Armenia would refrain from ratifying the Statute":
            # an expectation told in the past perfect was not met; it asserts no act.
            return
        at = doc[start].idx
        # Only a phrase that itself points forward ("in the coming weeks") makes an act
        # planned: a bare month after the trigger may date something else in the sentence.
        # A verb of saying or intending is not dated by a date after it: "said the US must
        # mediate once the elections are over" dates what is demanded, not the demand.
        # A verb in the past tense reports a done act whatever date follows it: in "signed an
        # agreement set to expire in 2030" the year is the expiry's.
        past = doc[start].lower_.endswith("ed") or doc[start].lower_ in _IRREGULAR_PAST
        # A forward date in a later clause ("held a call on Monday and agreed to meet in the
        # coming weeks") dates that clause's act, not this one.
        ahead = (
            not trigger.governs
            and not past
            and any(
                m.future and not _LATER_CLAUSE.search(sentence[at : m.start])
                for m in find_dates(sentence, published)
                if m.start >= at
            )
        )
        # The act's own clause: its cues lie within a few words of the trigger. An occasion
        # ("at EU-mediated talks") is not what the verb before it says of its own act:
        # "failed to reach agreement at talks" failed to agree, the talks took place.
        alleged = False
        cues = "" if doc[start].lower_ in _OCCASION else before
        modality = modality_of(cues, sentence, future_date=ahead, after=doc[end : end + 40].text)
        if (
            modality is Modality.REALIZED
            and (
                planned
                # "the next round of talks will take place": the future is in the act's words
                # (not a threat's vow, "if A does not ..., we will ...": made when said)
                or (
                    trigger.roles != "conditional"
                    and any(t.lower_ in _FUTURE_IN_ACT for t in doc[start:end])
                )
                or (
                    2 <= start <= 8
                    and "to" in before.split()
                    and headline_future(doc[:start].text + " ")
                )
            )
        ):
            # "agreed to lift sanctions", "France to supply Armenia with howitzers": meant,
            # not yet done.
            modality = Modality.PLANNED
        if modality is Modality.REALIZED and doc[start].lower_ not in _OCCASION:
            # What word order reads as done, the parse may show governed by a word that
            # says otherwise ("were expected to be joined", "the possibility of a visit").
            # (An occasion, "following negotiations in Doha", took place whatever the
            # clause it hangs from says of its own act.)
            said = _governor(sentence, at)
            if said is not None and said.effect == "unasserted" and said.word in _ALLEGED:
                # "Azerbaijan allegedly supplied Ukraine with shells": asserted by no one,
                # but kept aside in case the next sentence denies it (see _sentence).
                alleged = True
                modality = Modality.NEGATED
            elif said is not None and said.effect == "unasserted":
                return
            elif said is not None:
                modality = _GOVERNED[said.effect]
        elif modality is Modality.PLANNED:
            # A plan the parse shows refused or only talked of ("would refrain from
            # ratifying", "will consider joining") is no plan.
            said = _governor(sentence, at)
            if said is not None and said.effect == "unasserted":
                return
            if said is not None and said.effect == "negated":
                modality = Modality.NEGATED
        if trigger.stated and modality is Modality.PLANNED:
            # "a joint commission will be set up within three months": the commitment is
            # made when told; the future is what it commits to.
            modality = Modality.REALIZED
        if trigger.event_type == "ProposalRejected" and modality is Modality.NEGATED:
            return  # "he is not opposed to talks", "did not reject the plan": no act
        if alleged:
            # Only an allegation: coded (denied) only if the next sentence denies it.
            for coding in self._pairs(
                parties,
                mentions,
                trigger,
                trigger.event_type,
                trigger.cameo or event_class(trigger.event_type).default_cameo,  # type: ignore[attr-defined]
                modality,
                time_act(
                    sentence,
                    at,
                    Modality.REALIZED,
                    published,
                    trigger_end=doc[end - 1].idx + len(doc[end - 1].text),
                ),
                None,
                sentence,
                index,
            ):
                ctx.alleged.append(coding)
            return
        event_type = trigger.event_type
        talks_toward = (
            modality is Modality.PLANNED
            and _family(event_type) != "contact"
            and _words_at(doc, start - 1, start) == ("to",)
            and bool(_TALKS_TOWARD.intersection(_words_at(doc, start - 3, start - 1)))
        )
        if event_type == "AppealMade" and not trigger.cameo and deadline_after(doc, end, published):
            # "asked India to withdraw its troops by 15 March": a request with a deadline
            # is a demand (CAMEO 10), not an appeal.
            event_type = "DemandMade"
        mere_intent = bool(_MERE_INTENT.intersection(_words_at(doc, start - 4, start)))
        if trigger.announced and (
            (modality is Modality.PLANNED and not mere_intent)
            or (modality is Modality.REALIZED and _ANNOUNCING.search(before))
        ):
            # "will withdraw", "announced their withdrawal from ECOWAS": the announcement is
            # the act, not the withdrawal. ("declared Armenia's intention to withdraw" is an
            # intent only: a planned withdrawal, no announced one.)
            event_type, modality = trigger.announced, Modality.REALIZED
        content = _content_start(doc, end) if trigger.governs and trigger.content_dated else None
        if content is not None and trigger.roles == "reported":
            # A charge or demand about another's conduct ("arguing that the CSTO failed to
            # meet its obligations in 2021 and 2022"): its words are what is said, and a
            # date in or after them dates that conduct, not the saying.
            content = at
        timing = time_act(
            sentence,
            at,
            modality,
            published,
            content_from=content,
            trigger_end=doc[end - 1].idx + len(doc[end - 1].text),
            past_plan=bool(_PAST_PLAN.search(before)),
            refused_ahead=bool(_FUTURE_BEFORE.search(before) or _NOT_POSSIBLE.search(before)),
            lasting=bool(_LASTING.intersection(_words_at(doc, start - 3, start))),
            others=_captivity_dates(doc, start, end, published)
            + earlier_act_dates(sentence, doc[end - 1].idx, published),
            agreed_before=bool(_AGREED_TO.intersection(_words_at(doc, start - 3, start))),
        )
        if (
            timing.basis == "publication"
            and modality is Modality.REALIZED
            and _told_as_earlier(sentence, at)
        ):
            # "The move comes after Manila accused Chinese vessels of ...": an act a clause
            # tells as what came before is not of the day reported, only of its month.
            timing = Timing(
                FuzzyDate.month(published.year, published.month), "relative", timing.due
            )
        years = anniversary_of(sentence, at)
        if years is not None:
            # "marked the 60th anniversary of the establishment of diplomatic relations": the
            # act took place that many years before the anniversary's year, not on its day.
            modality = Modality.REALIZED
            timing = Timing(FuzzyDate.year(timing.occurred.start.year - years), "relative", None)
        cls = event_class(event_type)
        cameo = trigger.cameo or cls.default_cameo  # type: ignore[attr-defined]
        if modality is Modality.PLANNED:
            cameo = reading().planned_cameo.get(event_type, cameo)
        span = (at, doc[end - 1].idx + len(doc[end - 1].text))
        contact = _family(event_type) == "contact"
        last_time = _last_time(sentence, at, published) if contact else None
        for coding in self._pairs(
            parties, mentions, trigger, event_type, cameo, modality, timing, about, sentence, index
        ):
            if talks_toward:
                # "spoke of progress in US-led diplomacy to normalize relations with
                # Israel": the talks between the pair took place too (their aim is planned;
                # told first, so the aim does not make them a plan as well).
                yield replace(
                    coding,
                    span=span,
                    event_type="TalksHeld",
                    cameo=event_class("TalksHeld").default_cameo,  # type: ignore[attr-defined]
                    modality=Modality.REALIZED,
                    due=None,
                    pattern=f"{trigger.name}-talks",
                )
            yield replace(coding, span=span)
            if last_time is not None and modality is Modality.REALIZED:
                # "his first visit to Moscow since December 2023": there was one then too.
                yield replace(
                    coding,
                    span=span,
                    occurred=last_time.value,
                    occurred_basis=last_time.basis,
                    pattern=f"{trigger.name}-before",
                )

    def _pairs(
        self,
        parties: Parties,
        mentions: list[Mention],
        trigger: Trigger,
        event_type: str,
        cameo: str,
        modality: Modality,
        timing: Any,
        about: str | None,
        sentence: str,
        index: int,
    ) -> Iterator[Coding]:
        areas = areas_in(sentence)
        confidence = (
            0.8
            - (0.15 if parties.via_context else 0)
            - (0.1 if timing.basis == "publication" else 0)
        )
        pairs = parties.pairs
        if parties.reciprocal:
            together = {a.actor for pair in parties.pairs for a in pair}
            if len(together) > reading().max_joint_parties:
                return  # a multilateral act: no one pair's (see reading.toml)
            if trigger.both_ways and modality is Modality.REALIZED:
                # "Armenia and Azerbaijan traded prisoners": a one-way act done both ways,
                # each released the other's. One still to come ("confirmed the agreement on
                # a prisoner exchange") is one undertaking of both, no release yet.
                pairs = tuple(p for a, b in parties.pairs for p in ((a, b), (b, a)))
        for source, target in pairs:
            # Everyone named for either party in the sentence, not only the phrase chosen.
            involved = [m for m in mentions if m.actor in (source.actor, target.actor)]
            involved += [source, target]
            people = tuple(dict.fromkeys(m.person for m in involved if m.person))
            levels = [m.level for m in involved if m.level is not ContactLevel.UNKNOWN]
            level = min(levels, key=lambda lv: lv.rank) if levels else ContactLevel.UNKNOWN
            # "The Baltic states banned him": each state of a group acts.
            for one, other in (
                (a, b) for a in members(source.actor) for b in members(target.actor) if a != b
            ):
                yield Coding(
                    event_type=event_type,
                    cameo=cameo,
                    source=one,
                    target=other,
                    reciprocal=parties.reciprocal,
                    modality=modality,
                    occurred=timing.occurred,
                    occurred_basis=timing.basis,
                    due=timing.due,
                    areas=areas,
                    people=people,
                    level=level,
                    about=about,
                    sentence=sentence,
                    sentence_index=index,
                    pattern=trigger.name,
                    confidence=round(max(confidence, 0.3), 2),
                    why=parties.why,
                )

    def _speaker(self, title: str, published: date) -> Mention | None:
        """Whose words the text is, by its title ("Remarks by President António Costa at
        the joint press conference ..."): the person named after "by"."""
        found = _SPEECH_TITLE.match(title)
        if found is None:
            return None
        doc = self.nlp(title[found.end() :])
        people = [m for m in self.mentions.find(doc, published) if m.person]
        return people[0] if people and people[0].start <= 3 else None

    def _invited(self, doc: Any, start: int, end: int, mentions: list[Mention]) -> Parties | None:
        """ "The four countries were invited along with Argentina to join the bloc": the
        organisation joined invites each state named with the invitation."""
        org = next((m for m in mentions if m.start >= end and self._is_org(m.actor)), None)
        if org is None:
            return None
        invited = [
            m
            for m in mentions
            if m.start < end and not self._is_org(m.actor) and m.actor != org.actor
        ]
        pairs = tuple((org, m) for m in {m.actor: m for m in invited}.values())
        why = ("the organisation to be joined", "the state invited")
        return Parties(pairs, reciprocal=False, why=why) if pairs else None

    def _is_org(self, actor: str) -> bool:
        return actor in self.gazetteer.organisations


_GENERIC_NAME = lexicon("coder.generic_name")


def _plural(name: str | None) -> bool:
    """Does a generic name count several things ("documents", "two agreements")?"""
    words = (name or "").lower().split()
    return bool(words) and words[-1].strip(".,'\"").endswith(("s", "memoranda"))


def _generic(name: str | None) -> bool:
    """Is an agreement's name only a common noun ("the document", "two agreements")? A
    number counts things only before a plural: "10 agreements" is generic, "the 123
    Agreement" a name."""
    words = [w.strip(".,'\"").lower() for w in (name or "").split()]
    plural = _plural(name)
    return all(
        w in AGREEMENT_NOUNS or w in _GENERIC_NAME or (w.isdigit() and plural) for w in words
    )


# "The decision was made at an extraordinary summit in Abuja on Saturday": a sentence that
# dates the act told just before it.
_DATES_THE_LAST = re.compile(
    r"^(?:the|this|that)\s+(?:decision|move|announcement|step|agreement|deal)\s+"
    r"(?:was|were)\s+(?:made|taken|announced|adopted|reached|agreed)\b",
    re.IGNORECASE,
)


def _dated_by_the_next(
    codings: list[Coding], sentences: list[str], published: date
) -> list[Coding]:
    """An act with no date of its own takes the date the next sentence gives it when that
    sentence only says when it was decided ("The decision was made ... on Saturday")."""
    resolved = []
    for coding in codings:
        index = coding.sentence_index
        if coding.occurred_basis == "publication" and index + 1 < len(sentences):
            following = sentences[index + 1].strip()
            if _DATES_THE_LAST.match(following):
                dates = [m for m in find_dates(following, published) if not m.future]
                if dates:
                    coding = replace(coding, occurred=dates[0].value, occurred_basis=dates[0].basis)
        resolved.append(coding)
    return resolved


_ENCOUNTERS = frozenset({"MeetingHeld", "TalksHeld"})
# What a headline sums up of a hostile statement the lead tells: "Moscow says Yerevan must
# choose ..., warns of dire consequences" after "Moscow warned Yerevan that it must
# choose ...".
_REPROACHES = frozenset({"DemandMade", "ThreatIssued", "CriticismVoiced", "AccusationMade"})


def _kind(event_type: str) -> str:
    """Meetings and talks are one kind of encounter; demands, threats, criticism and
    accusations one kind of reproach (for what a headline restates)."""
    if event_type in _ENCOUNTERS:
        return "encounter"
    return "reproach" if event_type in _REPROACHES else event_type


def _one_encounter(codings: list[Coding]) -> list[Coding]:
    """A meeting and talks of the same pair on the same day are one encounter ("Before
    Thursday's talks ... the discussions with Starmer"): the first told is kept, with the
    later sentences as its further evidence."""
    kept: list[Coding] = []
    seen: dict[tuple[frozenset[str], Modality, str], int] = {}
    for coding in codings:
        if coding.event_type in _ENCOUNTERS and coding.occurred.precision is Precision.DAY:
            key = (frozenset((coding.source, coding.target)), coding.modality, coding.occurred.text)
            if key in seen:
                kept[seen[key]] = kept[seen[key]].told_again(coding)
                continue
            seen[key] = len(kept)
        kept.append(coding)
    return kept


def _merged(codings: list[Coding], into: Callable[[Coding], Coding | None]) -> list[Coding]:
    """``codings`` without those ``into`` finds told by another coding of the list, whose
    sentences that other one takes as further evidence."""
    kept = list(codings)
    gone: set[int] = set()
    for i, coding in enumerate(codings):
        other = into(coding)
        if other is not None:
            gone.add(i)
            j = next(j for j, c in enumerate(codings) if c is other)
            kept[j] = kept[j].told_again(coding)
    return [c for i, c in enumerate(kept) if i not in gone]


def _finest_dates(codings: list[Coding]) -> list[Coding]:
    """One act told twice, once "next month" and once "on May 19", is dated May 19: a
    coding whose date span holds the more precise date of the same act takes it."""

    def when(c: Coding) -> Any:
        return c.due if c.modality is Modality.PLANNED and c.due else c.occurred

    def key(c: Coding) -> tuple[str, frozenset[str], Modality]:
        return (c.event_type, frozenset((c.source, c.target)), c.modality)

    resolved = []
    for coding in codings:
        mine = when(coding)
        finer = [
            when(c)
            for c in codings
            if key(c) == key(coding)
            and when(c) != mine
            and mine.start <= when(c).start
            and when(c).end <= mine.end
        ]
        if finer:
            best = min(finer, key=lambda d: (d.end - d.start).days)
            if coding.modality is Modality.PLANNED and coding.due:
                coding = replace(coding, due=best)
            else:
                coding = replace(coding, occurred=best)
        resolved.append(coding)
    return resolved


def _one_visit(codings: list[Coding]) -> list[Coding]:
    """ "A hosted B" and "B's visit to A" are one visit: the guest's (CAMEO 042), as CAMEO
    codes it, where the article reports both for the same days."""
    guests = [c for c in codings if c.event_type == "VisitMade" and c.cameo != "043"]

    def guest(c: Coding) -> Coding | None:
        if c.event_type != "VisitMade" or c.cameo != "043":
            return None
        return next(
            (
                g
                for g in guests
                if (g.source, g.target) == (c.target, c.source)
                and g.modality is c.modality
                and g.occurred.overlaps(c.occurred)
            ),
            None,
        )

    return _merged(codings, guest)


def _words_at(doc: Any, start: int, end: int) -> tuple[str, ...]:
    """The lower-case words at tokens ``start:end`` (fewer at the sentence's edges)."""
    return tuple(t.lower_ for t in doc[max(0, start) : end])


def _agreement_noun(name: str | None) -> str | None:
    """The agreement noun of a name, singular: "agreement" in "the agreements"."""
    for word in reversed((name or "").lower().split()):
        if word in AGREEMENT_NOUNS:
            return word[:-1] if word.endswith("s") and word[:-1] in AGREEMENT_NOUNS else word
    return None


def _named_agreements(codings: list[Coding]) -> list[Coding]:
    """An agreement called only "the document" or "the agreement" is the one the article
    names for the same pair ("signed the Charter on Strategic Partnership ... the document
    was signed in Washington"): one agreement, not two. With several named, which one is
    meant cannot be told, and the name stays as written."""
    named = [c for c in codings if _family(c.event_type) == "agreement" and not _generic(c.about)]
    resolved: list[Coding] = []
    for coding in codings:
        if _family(coding.event_type) == "agreement" and _generic(coding.about):
            pair = {coding.source, coding.target}
            names = {c.about for c in named if {c.source, c.target} == pair}
            # "the agreement" is a named agreement, not the named declaration beside it.
            noun = _agreement_noun(coding.about)
            alike = {n for n in names if noun and noun in (n or "").lower().split()}
            names = alike or names
            if len(names) == 1:
                coding = replace(coding, about=names.pop())
            elif coding.modality is not Modality.REALIZED and _plural(coding.about):
                # "the documents set to be signed during the visit": a plan about papers
                # no sentence names tells no state which agreement is under way.
                continue
        resolved.append(coding)
    return resolved


def _one_reproach(codings: list[Coding]) -> list[Coding]:
    """A criticism of the side an article says the critic accused on the same day restates
    the accusation ("accused Israel of crimes against humanity ... in condemnation of the
    aggression"): one reproach, the accusation, which says more. Words of the target
    dismissed ("deems Moscow's statements baseless") answer it: no restatement."""
    accused = {
        (c.source, c.target, c.occurred.text): c
        for c in reversed(codings)
        if c.event_type == "AccusationMade" and c.modality is Modality.REALIZED
    }

    def accusation(c: Coding) -> Coding | None:
        if c.event_type != "CriticismVoiced" or c.modality is not Modality.REALIZED:
            return None
        if c.pattern == "dismiss":
            return None
        return accused.get((c.source, c.target, c.occurred.text))

    return _merged(codings, accusation)


def _one_refusal(codings: list[Coding]) -> list[Coding]:
    """A joining an article denies ("will not act on its application to become members
    of BRICS") and an invitation it says the state declined ("has since declined the
    invitation to join") are one act told twice: the refusal, which says more, with the
    denial's sentence as further evidence."""
    refusals = {
        (c.source, c.target): c
        for c in reversed(codings)
        if c.event_type == "MembershipInvitationDeclined" and c.modality is Modality.REALIZED
    }

    def refusal(c: Coding) -> Coding | None:
        if c.event_type != "MembershipJoined" or c.modality is not Modality.NEGATED:
            return None
        return refusals.get((c.source, c.target))

    return _merged(codings, refusal)


def _pair_before(doc: Any, start: int, mentions: list[Mention]) -> Parties | None:
    """The hyphenated pair of actors ending right before token ``start`` ("Putin-Zelensky"
    in "the Putin-Zelensky meeting"): the two sides of the contact it names."""
    ends = {m.end: m for m in mentions}
    second = ends.get(start)
    if second is None or second.start < 2 or doc[second.start - 1].text not in {"-", "\u2013"}:
        return None
    first = ends.get(second.start - 1)
    if first is None or first.actor == second.actor:
        return None
    return Parties(((first, second),), reciprocal=True, via_context=False)


def _content_start(doc: Any, end: int) -> int:
    """Where what a verb of saying or intending says or intends begins (the character of
    its "that", or of a "to" before a verb): the trigger's own last word, or the first in
    its clause after it. "pledged $200 million to Syria on Monday" has none: the date is
    the pledge's."""
    for token in doc[end - 1 :]:
        if token.i >= end and token.is_punct:
            break
        if token.lower_ == "that" or (token.lower_ == "to" and _verb_follows(doc, token.i)):
            return int(token.idx)
    return len(doc.text)


def _verb_follows(doc: Any, to: int) -> bool:
    """Is the "to" at ``to`` an infinitive's (a lower-case word, not an article or number)?"""
    if to + 1 >= len(doc):
        return False
    word = doc[to + 1]
    return word.is_lower and not word.like_num and word.lower_ not in _NOT_A_VERB


def _coordinated_subjects(
    doc: Any, found: list[tuple[int, Coding, bool]]
) -> list[tuple[int, Coding, bool]]:
    """A verb joined by "and" to an earlier act, with no subject of its own, has that act's
    subject: in "Mirzoyan met his Georgian counterpart in Tbilisi and later held talks with
    the EU envoy" the talks are Armenia's, not Georgia's. ``found`` is in sentence order."""
    shared: list[tuple[int, Coding, bool]] = []
    # The sources of the act before (several for "the Baltic states met ... and ...").
    before: list[str] = []
    before_start = -1
    current: list[str] = []
    seen: set[tuple[str, str, str, str]] = set()
    for start, coding, planned in found:
        if start != before_start:
            before, current, before_start = current, [], start
        index = start - 1
        while index > 0 and doc[index].lower_ in _JOINING_ADVERBS:
            index -= 1
        codings = [coding]
        if (
            before
            and index > 0
            and doc[index].lower_ == "and"
            and doc[start].is_lower
            and coding.source not in before
            and coding.target not in before
        ):
            codings = [replace(coding, source=source) for source in dict.fromkeys(before)]
        for one in codings:
            key = (one.event_type, one.source, one.target, one.occurred.text)
            if key not in seen:
                seen.add(key)
                shared.append((start, one, planned))
            current.append(one.source)
    return shared


def _purposes_share_plans(
    doc: Any, found: list[tuple[int, Coding, bool]]
) -> list[tuple[int, Coding, bool]]:
    """An act named as the purpose or the occasion of an unrealized one, or joined to it,
    shares its fate: in "will travel to Brussels next week for talks" (or "to attend the
    summit and hold talks") the talks are as planned as the trip, in
    "are expected to sign an agreement during Mirziyoyev's visit in April" the visit is; in
    "the visit for talks was cancelled" they failed with it. ``found`` is in sentence order."""
    shared: list[tuple[int, Coding, bool]] = []
    before: Coding | None = None
    for start, coding, planned in found:
        if (
            before is not None
            and before.modality is not Modality.REALIZED
            and coding.modality is Modality.REALIZED
            and _named_as_purpose(doc, start)
        ):
            coding = replace(
                coding,
                modality=before.modality,
                occurred=before.occurred,
                occurred_basis=before.occurred_basis,
                due=before.due,
            )
        shared.append((start, coding, planned))
        before = coding
    return shared


def _named_as_purpose(doc: Any, start: int) -> bool:
    """Is the act at ``start`` introduced by "for", "during" or "at" ("for talks", "for a new
    round of", "during President Mirziyoyev's visit", "at the EU-India summit"), or a verb
    joined to the one before ("will travel to Beijing to attend the summit and hold talks")?"""
    if start > 0 and doc[start - 1].lower_ in {"to", "and"} and doc[start].is_lower:
        return True
    index = start - 1
    while index >= 0 and (
        doc[index].lower_ in _PURPOSE_DETERMINERS
        or _in_possessor(doc, index)
        or _in_pair(doc, index)
    ):
        index -= 1
    return index >= 0 and doc[index].lower_ in {"for", "during", "at"}


def _in_pair(doc: Any, index: int) -> bool:
    """Is token ``index`` part of a hyphenated pair of names ("the EU-India summit")?"""
    token = doc[index]
    if token.text == "-":
        return index > 0 and not doc[index - 1].whitespace_
    return token.text[:1].isupper() and (
        (index + 1 < len(doc) and doc[index + 1].text == "-" and not token.whitespace_)
        or (index > 0 and doc[index - 1].text == "-" and not doc[index - 1].whitespace_)
    )


def _in_possessor(doc: Any, index: int) -> bool:
    """Is token ``index`` part of a short possessor ("President Vladimir Putin's")?"""
    for ahead in range(index, min(index + 4, len(doc))):
        if doc[ahead].lower_ in POSSESSIVE:
            return all(t.text[:1].isupper() for t in doc[index:ahead])
    return False


def _agreement_subject(doc: Any, start: int) -> bool:
    """Is the act's subject an agreement named by its noun alone ("The pact was signed in
    Manila and ratified by the Diet")? Then it is the story's agreement."""
    words = [t.lower_ for t in doc[:start]]
    return len(words) >= 2 and words[0] == "the" and words[1] in AGREEMENT_NOUNS


def _story_pair(ctx: Context) -> Parties | None:
    """The pair the story is about, as the parties of an act that names neither."""
    if ctx.last_pair is None:
        return None
    return Parties((ctx.last_pair,), reciprocal=True, via_context=True)


def _dated_by_the_story(codings: list[Coding], ctx: Context, published: date) -> list[Coding]:
    """Undated acts of a story take its day: after "Mirzoyan met Kallas in Brussels on
    Monday", "The two ministers also signed a roadmap" was signed on Monday, not on the
    day of publication. Only a recent day (a fortnight before publication at most) is the
    story's; a background date ("In 1993, Turkey closed the border") is no such day."""
    dated: list[Coding] = []
    # A sentence's first dated act gives its day ("arrived in Baku on February 10 ...,
    # where he held meetings with Armenian leaders on February 9-10" is of the 10th).
    setting = -1
    for coding in codings:
        if coding.occurred_basis != "publication" and coding.modality is Modality.REALIZED:
            day = coding.occurred
            recent = day.precision is Precision.DAY and 0 <= (published - day.start).days <= 14
            if recent and coding.sentence_index != setting:
                ctx.story_day = day
                setting = coding.sentence_index
        elif (
            coding.occurred_basis == "publication"
            and coding.modality is not Modality.PLANNED
            and ctx.story_day is not None
            and not _said_now(coding)
        ):
            coding = replace(coding, occurred=ctx.story_day, occurred_basis="relative")
        dated.append(coding)
    return dated


# A quote's attribution by a pronoun at the sentence's end: '..., Hasina," he said.'
_PRONOUN_ATTRIBUTION = re.compile(
    r"[,.!?][\"\u201d\u2019']\s*(?:he|she|they)\s+(?:said|added|told\s+\w+)\.?\s*$"
)


# "Raeisi made the remarks alongside Aliyev ...": the remarks the sentence before told.
_THOSE_REMARKS = re.compile(
    r"\bmade\s+(?:the|these|those|his|her)\s+(?:remarks|comments)\b", re.IGNORECASE
)


# "On 8 August, Armenia and Azerbaijan initialed the text. They also jointly appealed for
# the OSCE to dissolve the Minsk Group.": more of what they did then.
_THEY_ALSO = re.compile(r"^\s*(?:they|he|she|the two(?: \w+)?)\s+also\b", re.IGNORECASE)


def _quote_of_the_last(codings: list[Coding], published: date) -> list[Coding]:
    """An undated act quoted with "he said" after a sentence telling a dated act of the
    same source ("Last month, ... Yunus said it will seek the extradition of Hasina. 'We
    will also ask India to send back Hasina,' he said.") was said then: it takes that
    act's date, not the publication's; so does an act told with "made the remarks"
    ("Raeisi said on May 19 that ... Raeisi made the remarks alongside Aliyev ...") or
    by "They also ..." right after ("On 8 August, Armenia and Azerbaijan initialed the
    text. They also jointly appealed ...")."""
    dated: dict[tuple[int, str], Coding] = {}
    for coding in codings:
        if coding.occurred_basis != "publication":
            dated.setdefault((coding.sentence_index, coding.source), coding)
    out = []
    for coding in codings:
        before = dated.get((coding.sentence_index - 1, coding.source))
        if (
            before is not None
            # No date of its own: the publication's, or the story's day lent to it.
            and not find_dates(coding.sentence, published)
            and (
                _PRONOUN_ATTRIBUTION.search(coding.sentence)
                or _THOSE_REMARKS.search(coding.sentence)
                or _THEY_ALSO.match(coding.sentence)
            )
        ):
            coding = replace(coding, occurred=before.occurred, occurred_basis=before.occurred_basis)
        out.append(coding)
    return out


_AT_THAT_TIME = re.compile(r"^\s*(?:at\s+that\s+time|at\s+the\s+time|back\s+then)\b", re.I)


def _at_that_time(codings: list[Coding], sentences: list[str], published: date) -> list[Coding]:
    """ "... voiced its support for the bill in early January. At that time, Overchuk warned
    that ...": a sentence opening with "at that time" is of the date the sentence before
    named, when it names none of its own."""
    out = []
    for coding in codings:
        index = coding.sentence_index
        if (
            0 < index <= len(sentences)
            and _AT_THAT_TIME.match(coding.sentence)
            and not find_dates(coding.sentence, published)
        ):
            before = find_dates(sentences[index - 1], published)
            if before:
                coding = replace(coding, occurred=before[0].value, occurred_basis="relative")
        out.append(coding)
    return out


def _on_the_gathering_s_day(codings: list[Coding]) -> list[Coding]:
    """A trip for an organisation's gathering with no day of its own ("will not fly to
    Astana for the gathering") is of the gathering's day, as the article dates the same
    traveller's meeting with the organisation ("will not take part in this week's summit
    ... scheduled for Thursday")."""
    days = {
        (c.source, c.target): c
        for c in codings
        if c.event_type == "MeetingHeld" and c.occurred_basis != "publication"
    }
    out = []
    for coding in codings:
        meeting = days.get((coding.source, coding.target))
        if (
            meeting is not None
            and coding.event_type == "VisitMade"
            and coding.why[-1:] == (GATHERING_OWNER,)
            and coding.occurred_basis == "publication"
        ):
            coding = replace(
                coding, occurred=meeting.occurred, occurred_basis=meeting.occurred_basis
            )
        out.append(coding)
    return out


def _said_now(coding: Coding) -> bool:
    """Is the act told in the present tense, its verb in the third person ("Mr Albanese
    calls for the removal of Chinese tariffs")? Then it is of the day of publication, not
    of the story's earlier day."""
    # Only a word that may be a verb of the third person is parsed for its tag ("calls").
    head = coding.sentence[coding.span[0] : coding.span[1]].split()[:1]
    if not head or not head[0].endswith("s") or head[0].endswith("ss"):
        return False
    parsed = parse(coding.sentence)
    word = token_at(parsed, coding.span[0]) if parsed is not None else None
    return word is not None and word.tag_ == "VBZ"


def _called_off(sentence: str, index: int, ctx: Context) -> list[Coding]:
    """A plan the article reported, called off in a later sentence that names no one: "was
    due to travel to Baghdad on Wednesday. But the trip was called off." The latest plan of
    the kind the sentence names failed, dated when it was due."""
    match = _CALLED_OFF.search(sentence)
    if match is None:
        return []
    kinds = _PLAN_NOUNS[match["noun"].lower()]
    plan = next((c for c in reversed(ctx.plans) if c.event_type in kinds), None)
    if plan is None:
        return []
    return [
        replace(
            plan,
            modality=Modality.FAILED,
            occurred=plan.due or plan.occurred,
            due=None,
            sentence=sentence,
            sentence_index=index,
            confidence=round(max(plan.confidence - 0.15, 0.3), 2),
        )
    ]


def _named_again(doc: Any, mentions: list[Mention], ctx: Context) -> list[Mention]:
    """Add the people the article named earlier with their office, now by surname alone:
    "Brazil's foreign minister Mauro Vieira met ... Vieira urged Caracas to ...". The
    gazetteer need not know them: their first mention said whom they stand for."""
    mentions = _leader_again(doc, _organisation_again(doc, mentions, ctx), ctx)
    text = doc.text
    if not any(name in text for name in ctx.people):
        return mentions
    taken = {i for m in mentions for i in range(m.start, m.end)}
    added = [
        replace(ctx.people[token.text], start=token.i, end=token.i + 1)
        for token in doc
        if token.i not in taken and token.text in ctx.people
    ]
    return sorted(mentions + added, key=lambda m: m.start) if added else mentions


def _leader_again(doc: Any, mentions: list[Mention], ctx: Context) -> list[Mention]:
    """ "The libertarian leader", "the veteran premier": the person named last before it,
    in this sentence ("demanded an apology from Milei after the libertarian leader slammed
    Sanchez") or the article. A nationality ("the Russian leader") names a state of its
    own, and "the leader of ..." someone else."""
    nouns = reading().leaders
    taken = {i for m in mentions for i in range(m.start, m.end)}
    added = []
    for t in doc:
        if not (
            1 < t.i
            and t.lower_ in nouns
            and t.i not in taken
            and doc[t.i - 1].lower_ != "the"  # a description stands between
            and _after_the(doc, t.i)
            and not (t.i + 1 < len(doc) and doc[t.i + 1].lower_ == "of")
        ):
            continue
        before = [m for m in mentions if m.person and m.end <= t.i]
        referent = before[-1] if before else ctx.last_person
        if referent is not None and referent.person:
            added.append(replace(referent, start=t.i, end=t.i + 1, paired=False))
    return _title_again(doc, sorted(mentions + added, key=lambda m: m.start), ctx)


def _title_again(doc: Any, mentions: list[Mention], ctx: Context) -> list[Mention]:
    """ "The prime minister", "the foreign minister" with no state or name: the person of
    that level named last before it, in this sentence ("Pashinyan's ally said that the
    prime minister would not attend") or the article."""
    taken = {i for m in mentions for i in range(m.start, m.end)}
    added = []
    for t in doc:
        bare = None if t.i in taken else bare_title(doc, t.i)
        if bare is None:
            continue
        level, end = bare
        if not taken.isdisjoint(range(t.i, end)):
            continue
        before = [m for m in mentions if m.person and m.level is level and m.end <= t.i]
        referent = before[-1] if before else ctx.by_level.get(level)
        if referent is not None:
            added.append(replace(referent, start=t.i, end=end, paired=False))
    return sorted(mentions + added, key=lambda m: m.start) if added else mentions


def _organisation_again(doc: Any, mentions: list[Mention], ctx: Context) -> list[Mention]:
    """ "The organization", "the bloc": the organisation named last before it, in this
    sentence ("a declaration approved at the Mercosur summit, in which the trading bloc
    members expressed concern") or, when this sentence names none before it, in the
    article."""
    nouns = reading().organisation_nouns
    taken = {i for m in mentions for i in range(m.start, m.end)}
    named = [m for m in mentions if is_organisation(m.actor)]
    added = []
    for t in doc:
        if not (
            0 < t.i
            and t.lower_ in nouns
            and t.i not in taken
            and _after_the(doc, t.i)
            and not _names_another(doc, t.i)
        ):
            continue
        before = [m for m in named if m.end <= t.i]
        referent = before[-1] if before else ctx.last_organisation
        if referent is not None:
            added.append(replace(referent, start=t.i, end=t.i + 1, person=None, paired=False))
    return sorted(mentions + added, key=lambda m: m.start) if added else mentions


def _after_the(doc: Any, i: int) -> bool:
    """Does "the" stand before the noun at ``i``, past one or two lower-case words that
    describe it ("the bloc", "the subregional bloc", "the 57-member bloc")?"""
    for back in (1, 2, 3):
        if i - back < 0:
            return False
        word = doc[i - back]
        if word.lower_ == "the":
            return True
        if not (word.is_lower or word.like_num or "-" in word.text) or word.is_punct:
            return False
    return False


def _names_another(doc: Any, i: int) -> bool:
    """Does "the <noun> of ..." at ``i`` name something else than the organisation last
    named: another organisation by its name ("the Organization of Turkic States"), or no
    organisation at all ("the body of a soldier")? "The bloc of emerging economies" only
    describes the one named before."""
    if i + 2 >= len(doc) or doc[i + 1].lower_ != "of":
        return False
    after = (
        doc[i + 2] if doc[i + 2].lower_ not in {"the", "a", "an"} else doc[min(i + 3, len(doc) - 1)]
    )
    return doc[i].lower_ == "body" or bool(after.text[:1].isupper())


def _opens_with_reference(doc: Any) -> bool:
    """Does the sentence's subject point back ("It protested ...", "The ministry also ...")?"""
    first = doc[0].lower_ if len(doc) else ""
    second = doc[1].lower_ if len(doc) > 1 else ""
    return first in {"it", "he", "she", "they"} or (
        first == "the" and second in {"ministry", "government", "minister", "president"}
    )


def _offers_made(codings: list[Coding], mentions: list[Mention], ctx: Context) -> None:
    """Keep the organisation of each invitation to join, by the state invited, for a later
    "declined the invitation to join" that names no organisation."""
    for coding in codings:
        if coding.event_type != "MembershipInvited" or coding.modality != "realized":
            continue
        inviter = next((m for m in mentions if m.actor == coding.source), None)
        if inviter is not None and is_organisation(inviter.actor):
            ctx.offers[coding.target] = inviter
            ctx.offers[""] = inviter


def _remember(
    ctx: Context,
    doc: Any,
    mentions: list[Mention],
    found: list[Coding],
    *,
    refers_back: bool = False,
) -> None:
    """Keep what later sentences may point back to. A sentence whose subject itself points
    back ("It protested against the raid on the Baku office") keeps the subject it found:
    the places it names are not what "it" will mean next."""
    people = [m for m in mentions if m.person]
    for person in people:
        # By surname, and by the first word too: "Wang" is Wang Yi, family name first.
        words = person.person.split() if person.person else []
        for key in {words[0], words[-1]} if len(words) >= 2 else set():
            if len(key) > 2 and key[:1].isupper():
                ctx.people[key] = person
    if not people and found:
        # "María Prada, Bolivia's minister of the presidency, accused Israel ... She went on
        # to call on Israel": a speaker the gazetteer does not know stands for the state
        # that acted.
        speaker = next((m for m in mentions if m.actor == found[0].source), None)
        ctx.last_person = speaker or ctx.last_person
    if people:
        ctx.last_person = people[-1]
        ctx.by_level.update({m.level: m for m in people})
        # Two people of two actors: whom "the two officials" or "both leaders" refers to.
        other = next((m for m in people if m.actor != people[0].actor), None)
        if other is not None:
            ctx.last_people = (people[0], other)
    organisations = [m for m in mentions if is_organisation(m.actor)]
    if organisations:
        ctx.last_organisation = organisations[-1]
    subjects = [m for m in mentions if not m.paired]
    if subjects and not refers_back:
        ctx.last_subject = subjects[0]
        ctx.subject_sentence = doc
    ctx.plans += [c for c in found if c.modality is Modality.PLANNED]
    if found:
        first = found[0]
        by_actor = {m.actor: m for m in mentions}
        ctx.last_targets = {c.event_type: by_actor[c.target] for c in found if c.target in by_actor}
        ctx.last_targets_index = found[-1].sentence_index
        actor = by_actor.get(found[-1].source)
        ctx.last_actor = actor or ctx.last_actor
        ctx.actors += [by_actor[c.source] for c in found if c.source in by_actor]
        if first.source in by_actor and first.target in by_actor:
            ctx.last_pair = (by_actor[first.source], by_actor[first.target])
            ctx.last_pair_joint = first.reciprocal
            if len(first.source) == 3 == len(first.target) and not is_organisation(first.source):
                if not is_organisation(first.target):
                    ctx.last_state_pair = ctx.last_pair
        elif ctx.last_pair and {first.source, first.target} == {m.actor for m in ctx.last_pair}:
            # "The two leaders agreed ...": the same pair, now acting together.
            ctx.last_pair_joint = first.reciprocal


def _priority(match: tuple[Trigger, int, int]) -> tuple[int, bool, int]:
    """Longer matches first; at equal length, patterns that need an agreement named."""
    trigger, start, end = match
    return (-(end - start), trigger.needs is None, start)


def _specific_first(matches: list[tuple[Trigger, int, int]]) -> list[tuple[Trigger, int, int]]:
    """Longest first, except that a pattern reaching a noun over a gap comes after another
    act's pattern ending on the same noun: "announced [the lifting of sanctions]" is a
    lifting, "announced it would [prohibit all aid]" a cut. The inner act is tried first and
    claims its words; the outer one still gets its turn if the inner one yields nothing."""
    ordered: list[tuple[Trigger, int, int]] = []
    for match in matches:
        if match in ordered:
            continue
        trigger, start, end = match
        # A verb of intending or applying keeps its content: "bid to join" is an
        # application, its "join" is what is applied for.
        ordered += [
            inner
            for inner in matches
            if not trigger.governs
            and inner[2] == end
            and inner[1] > start
            and inner[0].event_type != trigger.event_type
            and inner not in ordered
        ]
        ordered.append(match)
    return ordered


def _own_doc(doc: Any, sentence: Any) -> Doc:
    """The sentence as a Doc of its own (indices from 0), cheaper than ``Span.as_doc``."""
    tokens = list(sentence)
    return Doc(
        doc.vocab,
        words=[t.text for t in tokens],
        spaces=[bool(t.whitespace_) for t in tokens],
        lemmas=[t.lemma_ for t in tokens],
    )


_BEFORE_GUEST = lexicon("coder.before_guest")


def _guest_follows(doc: Any, end: int, parties: Parties) -> bool:
    """Whether a guest is the direct object of "welcomed" (ending at token ``end``)."""
    first = min((target.start for _, target in parties.pairs), default=len(doc))
    return all(t.lower_ in _BEFORE_GUEST or t.text[:1].isupper() for t in doc[end:first])


def _possessive_object(doc: Any, parties: Parties) -> bool:
    ends = {target.end for _, target in parties.pairs}
    return any(end < len(doc) and doc[end].lower_ in POSSESSIVE for end in ends)
