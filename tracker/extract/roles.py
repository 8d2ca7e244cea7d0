"""Who did what to whom: the parties of a trigger, read from the actor phrases around it.

The default reads no parse tree, so it gives the same result on every machine: the source
is the nearest actor phrase before the trigger in the same clause (after any "X said
that"), the target the first one after it, before any trailing attribution ("..., officials
said"). Coordinated phrases ("Armenia and the United States") act together; "between A and
B" names both parties of a meeting or talks; "the two sides" and pronouns take their actors
from the sentence or the article so far.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from typing import TYPE_CHECKING, Any

from tracker.extract.actors import Mention
from tracker.extract.governors import reading
from tracker.extract.lexicon import lexicon
from tracker.extract.syntax import parsed_token
from tracker.extract.titles import POSSESSIVE

if TYPE_CHECKING:
    from events import ContactLevel, FuzzyDate
    from tracker.extract.coding import Coding

__all__ = [
    "JOINT",
    "OTHER_SIDE",
    "ALSO_AT",
    "BOTH_REFERRED",
    "REFERS_BACK",
    "Context",
    "Parties",
    "names_gathering",
    "read_parties",
]

# Why each side of an act was chosen, in words (see ``Parties.why``; ``tracker explain``).
SUBJECT = "subject before the verb"
PLACE_BEFORE = "the actor named with 'in' before the verb"
OWNER = "owner of the act ('X's talks')"
REFERS_BACK = "what 'he', 'it', 'they' or 'the two sides' refers back to"
BOTH_REFERRED = "one of 'both ...' named earlier"
AFTER_NOUN = "actor after 'of' or 'by' the act's noun ('the visit of X')"
OBJECT = "object after the verb"
OBJECT_PRONOUN = "the last other actor named before, for 'it' or 'them' after the verb"
INSIDE = "counterpart named inside the act"
PASSIVE_AGENT = "passive agent (after 'by')"
PASSIVE_SUBJECT = "subject of the passive verb"
PASSIVE_AGENTS = "passive agents acting together (after 'by')"
SAYER = "the one who says it (before 'said')"
ADDRESSED = "the one the saying is about (before its 'must')"
CONDITION = "the one named in the threat's condition ('if A does not ...')"
OWN_STATE = "the envoy's own state"
POSTED_TO = "the state the envoy is posted to"
HOST_STATE = "the state that summoned the envoy (posted 'to' or 'in' it)"
ENVOY_STATE = "the summoned envoy's state"
JOINT = "subjects joined by 'and', acting together"
JOINT_WITH = "subjects joined by 'and' and the partner after the verb, acting together"
EXCHANGING = "subjects exchanging with one another"
BETWEEN = "named after 'between'"
HYPHENED = "the hyphenated pair named with the act ('the A-B treaty')"
PARTNER = "partner named with 'with' or 'to' before the verb"
ORGANISATION = "the organisation after the act or in its words"
OFFER_BEFORE = "the organisation whose invitation, told before, 'the invitation to join' is"
MEMBER_INSIDE = "the member state named inside the act"
ORGANISATION_SUBJECT = "the organisation, subject before the verb"
REFERRED_ACT = "who did the act referred back to ('the move')"
OTHER_SIDE = "the other side of the story's pair (from earlier sentences)"
THE_COUNTRY = "what 'the country' after the act refers to: the other state named before"
STORY_PAIR = "the story's pair (from earlier sentences)"
ALSO_AT = "whom the same act told just before was at ('X also called for ...')"

_REPORTING = lexicon("roles.reporting")
_COORDINATION = lexicon("roles.coordination")
# The most words between two mentions of one group ("Armenian Deputy Prime Minister Mher
# Grigoryan and his Azerbaijani counterpart" has seven).
_GROUP_REACH = 10
_GOVERNMENTS = lexicon("roles.governments")
_OFFICIAL_WORDS = lexicon("roles.official_words")
_MEDIATED = lexicon("roles.mediated")
_TALK_WORDS = lexicon("roles.talk_words")
_OBLIQUE = lexicon("roles.oblique")
_CONDITIONS = lexicon("roles.conditions")
_CLAUSE_BREAK = frozenset("; but while whereas although though which who".split()) | _CONDITIONS
_THREATS = lexicon("roles.threats")
_GROUPS = lexicon("roles.groups")
_REACH = 15  # words after a trigger in which its target may stand
_PRONOUNS = lexicon("roles.pronouns")
_OWN_PEOPLE = lexicon("roles.own_people")
_OBJECT_PRONOUNS = lexicon("roles.object_pronouns")
_BODY_NOUNS = lexicon("roles.body_nouns")
_NOT_VOWED = lexicon("roles.not_vowed")
_PERSON_NOUNS = lexicon("roles.person_nouns")


@dataclass(frozen=True, slots=True)
class Parties:
    """The actors of one act: one pair, or reciprocal pairs for a joint act."""

    pairs: tuple[tuple[Mention, Mention], ...]
    reciprocal: bool
    via_context: bool = False
    # The rule that chose each side, in words: (the source's, the target's).
    why: tuple[str, ...] = ()

    def __post_init__(self) -> None:
        if not self.why:
            # Built by the coder itself: the story's pair, or the hyphenated pair before a
            # contact ("the Putin-Zelensky meeting").
            rule = STORY_PAIR if self.via_context else HYPHENED
            object.__setattr__(self, "why", (rule, rule))


@dataclass(slots=True)
class Context:
    """What the article has said so far, for "the two sides", "he" and "it"."""

    last_pair: tuple[Mention, Mention] | None = None
    # Whether the last pair acted together ("A and B met"): then "they" are both.
    last_pair_joint: bool = False
    # The last pair of two states (for "the two countries").
    last_state_pair: tuple[Mention, Mention] | None = None
    last_people: tuple[Mention, Mention] | None = None
    # People named so far, by surname, as first mentioned (with their actor and level).
    people: dict[str, Mention] = field(default_factory=dict)
    # The article's planned acts so far, for a later "the trip was called off".
    plans: list[Coding] = field(default_factory=list)
    # The recent day the story is about (an act's own date), for its undated acts.
    story_day: FuzzyDate | None = None
    # Who did the story's last act, for "the move" referred back to.
    last_actor: Mention | None = None
    last_person: Mention | None = None
    # Whom each kind of act the last sentence with acts told was at, by event type, with
    # that sentence's index: for "X also called for ..." naming no one.
    last_targets: dict[str, Mention] = field(default_factory=dict)
    last_targets_index: int = -1
    # The agreements a pair reached, as a sentence told them, for a later list of them.
    outcome: Any = None
    # Whose words the text is ("Remarks by President X"): "I", "my", "we" stand for them.
    speaker: Mention | None = None
    # Who did each act told so far, in order, for "the move" referred back to.
    actors: list[Mention] = field(default_factory=list)
    # The person last named at each level, for a bare title ("the prime minister").
    by_level: dict[ContactLevel, Mention] = field(default_factory=dict)
    last_subject: Mention | None = None
    # The last pair whose talks the story named, done or not ("to discuss the third round
    # of talks between Iran and the United States"), for "the first round of talks".
    last_talks: tuple[Mention, Mention] | None = None
    # The sentence ``last_subject`` was named in (its doc), to check by the parse that it
    # was that sentence's subject before "it" or "they" is taken to mean it.
    subject_sentence: Any = None
    # The organisation last named, for "the organization" and "the bloc".
    last_organisation: Mention | None = None
    # The sentence's organisations named only for their members ("a member of the ICC").
    members_of: list[Mention] = field(default_factory=list)
    # Acts the last sentence only alleged ("allegedly supplied"), denied if the next
    # sentence denies them.
    alleged: list[Coding] = field(default_factory=list)
    # The day an organisation's new memberships start ("invited to join the bloc from 1
    # January"), by the organisation.
    members_from: dict[str, FuzzyDate] = field(default_factory=dict)
    # The organisations that invited a state to join, by the state invited ("" for the
    # last invitation told), for a later "declined the invitation to join".
    offers: dict[str, Mention] = field(default_factory=dict)


def _groups(doc: Any, mentions: list[Mention]) -> list[list[Mention]]:
    """Mentions joined by "and" or commas act together."""
    groups: list[list[Mention]] = []
    for mention in mentions:
        last = groups[-1][-1] if groups else None
        # Far apart, two mentions are never one group (and reading the words between costs).
        if last is not None and 0 < mention.start - last.end <= _GROUP_REACH:
            tokens = [doc[i] for i in range(last.end, mention.start)]
            between = [t.lower_ for t in tokens]
            # Capitalized words (a title, a name) may stand between, once "and" joins.
            named = (
                {t.lower_ for t in tokens if t.text[:1].isupper()} if "and" in between else set()
            )
            words = set(between) - (named | _OFFICIAL_WORDS if "and" in between else set())
            # "... and the Government of the United States": the country's own "the".
            of = len(between) - (2 if between[-1:] == ["the"] else 1)
            if "and" in between and of >= 1 and between[of] == "of":
                # "Foreign Minister of Azerbaijan X and Foreign Minister of Armenia Y", "the
                # Islamic Emirate and the government of Pakistan": the second party's office
                # or government names its country after "of".
                if tokens[of - 1].text[:1].isupper() or tokens[of - 1].lower_ in _GOVERNMENTS:
                    words.discard("of")
                    words -= _GOVERNMENTS
            joined = words <= _COORDINATION and bool({"and", ",", "&"} & set(between))
            # "Russia, Armenia's traditional ally,": after a bare comma, a possessor begins
            # a description of what came before, not one more party.
            described = "and" not in between and _possessive(doc, mention)
            # "According to Armenia, Russia supplied ...": a bare comma after a phrase led
            # by a preposition closes that phrase, unless a list goes on ("to Armenia,
            # Georgia and Azerbaijan").
            bare = "and" not in between and "&" not in between
            continues = mention.end < len(doc) and doc[mention.end].lower_ in {",", "and", "&"}
            introduced = bare and not continues and _oblique(doc, groups[-1][0])
            if between and joined and not described and not introduced:
                groups[-1].append(mention)
                continue
        groups.append([mention])
    return groups


def _nearest_pair(
    doc: Any, mentions: list[Mention], start: int, low: int, high: int
) -> tuple[Mention, Mention] | None:
    """The hyphenated pair of actors nearest token ``start`` within ``low:high``."""
    hyphened = [
        (first, second)
        for first, second in zip(mentions, mentions[1:], strict=False)
        if _hyphened(doc, first, second)
    ]
    # "the trilateral Russia-US-Ukraine format": a chain of three names no one pair.
    chained = {
        id(m)
        for i, (a, b) in enumerate(hyphened)
        for c, d in hyphened[i + 1 :]
        if b is c
        for m in (a, b, d)
    }
    pairs = [
        (first, second)
        for first, second in hyphened
        if first.actor != second.actor
        and low <= first.start
        and second.end <= high
        and id(first) not in chained
    ]
    return min(pairs, key=lambda p: abs(p[0].start - start), default=None)


def _hyphened(doc: Any, first: Mention, second: Mention) -> bool:
    """Are two mentions one hyphenated pair ("the Armenia-Azerbaijan peace treaty", "the
    Putin-Zelensky meeting")? Such a pair names the two sides of what follows."""
    return (
        second.start == first.end + 1
        and doc[first.end].text in {"-", "\u2013"}
        and not doc[first.end - 1].whitespace_
        and not doc[first.end].whitespace_
    )


def _reporting_edge(doc: Any, start: int, end: int) -> int:
    """The first token after the last "X said (that)" between ``start`` and ``end``."""
    edge = start
    for token in doc[start:end]:
        if token.lower_ in _REPORTING and token.i + 1 < end:
            edge = token.i + 1
    return edge


def _closes_quote(doc: Any, token: Any) -> bool:
    """Does ``token`` close a quoted clause: a quotation mark right after a comma or a stop
    (not scare quotes round a name, as in 'the "Bastion" vehicles')?"""
    return (
        token.text in {"”", '"'} and token.i > 0 and doc[token.i - 1].text in {",", ".", "?", "!"}
    )


def _right_edge(doc: Any, start: int, stop: int, *, threat: bool = False) -> int:
    """Where the clause after a trigger ends: a break word, a trailing attribution, a
    participial clause (", increasing ..."), a second verb of its subject ("and asked"), or
    fifteen words on. A threat's condition is part of it."""
    stop = min(stop, start + _REACH)
    breaks = _CLAUSE_BREAK - _CONDITIONS if threat else _CLAUSE_BREAK
    for token in doc[start:stop]:
        # A break word written in capitals is a name: "out of WHO" is no relative "who".
        if token.lower_ in breaks and not (token.is_upper and len(token) > 1):
            return int(token.i)
        if _closes_quote(doc, token):
            return int(token.i)  # "... in person," Viktor Vasiliev ... told: the attribution
        following = doc[token.i + 1] if token.i + 1 < len(doc) else None
        # ", including A, B and C" goes on naming whom the act concerns.
        word = following.lower_ if following is not None else ""
        if token.text == "," and word.endswith("ing") and word != "including":
            return int(token.i)
        if _second_verb(doc, token, following, start, stop):
            return int(token.i)
        if token.text == "," and any(
            t.lower_ in _REPORTING for t in doc[token.i + 1 : token.i + 8]
        ):
            return int(token.i)
    return stop


def _second_verb(doc: Any, token: Any, following: Any, start: int, stop: int) -> bool:
    """Is ``token`` the "and" of a second verb of the subject, after the act's own words
    ("reiterated its support for the plan and requested that Venezuela ...": another act;
    "signed and ratified the treaty with" share theirs)?"""
    if token.lower_ != "and" or token.i <= start or following is None:
        return False
    # Parsed only where it could tell: a past-tense form, a name after it.
    if not (following.is_lower and following.lower_.endswith("ed")):
        return False
    if not any(t.is_title or t.is_upper for t in doc[following.i + 1 : stop]):
        return False
    verb = parsed_token(doc, following.i)
    return verb is not None and verb.tag_ == "VBD" and verb.dep_ == "conj"


def _possessor(doc: Any, mentions: list[Mention], start: int) -> Mention | None:
    index = start - 1
    while index > 0 and not doc[index].is_punct and doc[index].lower_ not in POSSESSIVE:
        if start - index > 3:
            return None
        index -= 1
    if index <= 0 or doc[index].lower_ not in POSSESSIVE:
        return None
    return next((m for m in mentions if m.end == index), None)


def _possessive(doc: Any, mention: Mention) -> bool:
    """Is ``mention`` followed by "'s" (it owns what follows: "the EU's defence policy")?"""
    return mention.end < len(doc) and doc[mention.end].lower_ in POSSESSIVE


_MODIFIED = lexicon("roles.modified")


_GATHERING_NOUNS = lexicon("roles.gathering_nouns")


def names_gathering(doc: Any, mention: Mention) -> bool:
    """Is ``mention`` the owner of a gathering named after it ("a NATO ministerial")?"""
    return mention.end < len(doc) and doc[mention.end].lower_ in _GATHERING_NOUNS


def _modifies(doc: Any, mention: Mention) -> bool:
    """Is ``mention`` a modifier of the noun after it ("EU sanctions", "NATO exercises")?"""
    return mention.end < len(doc) and doc[mention.end].lower_ in _MODIFIED


def _phrase_start(doc: Any, mention: Mention) -> int:
    """Where ``mention``'s phrase starts, with its article or possessive."""
    first = mention.start
    # "then" and "former" qualify the office: "the visit of then Japanese Prime Minister".
    while first > 0 and doc[first - 1].lower_ in {"the", "a", "its", "their", "then", "former"}:
        first -= 1
    return int(first)


def _mediator(doc: Any, mention: Mention) -> bool:
    """Is ``mention`` named as who mediated, facilitated or hosted ("mediated by Oman")?"""
    first = _phrase_start(doc, mention)
    return first >= 2 and doc[first - 1].lower_ == "by" and doc[first - 2].lower_ in _MEDIATED


def _word_before(doc: Any, mention: Mention) -> str:
    """The word before ``mention``'s phrase ("of" in "the visit of the Turkish minister")."""
    first = _phrase_start(doc, mention)
    return str(doc[first - 1].lower_) if first > 0 else ""


def _oblique(doc: Any, mention: Mention) -> bool:
    first = _phrase_start(doc, mention)
    if first < 1 or doc[first - 1].lower_ not in _OBLIQUE:
        return False
    # "a team from US Customs": the actor a group of people comes from acts through them.
    via_group = doc[first - 1].lower_ in {"from", "of"} and first > 1
    return not (via_group and doc[first - 2].lower_ in _GROUPS)


_EXCHANGE = lexicon("roles.exchange")
# Verbs whose object is followed by what it is charged with or what is claimed: the
# words that open that part ("accused X of", "blamed X for", "rejected accusations that").
_CHARGING: dict[str, set[str]] = {
    "accuse": {"of", "for"},
    "accused": {"of", "for"},
    "blame": {"of", "for"},
    "blamed": {"of", "for"},
    "reject": {"that"},
    "rejected": {"that"},
    "deny": {"that"},
    "denied": {"that"},
    "dismiss": {"that"},
    "dismissed": {"that"},
}
# Words between "between" and the parties it names.
_BEFORE_PARTIES = (
    frozenset({"the", "of", "two", "republic", "kingdom", "state", "federation"})
    | _OFFICIAL_WORDS
    | {"ministers", "leaders"}
    | lexicon("roles.people_between")
)
_REFERRED_ACTS = lexicon("roles.referred_acts")
_UNNAMED_ADDRESSEES = lexicon("roles.unnamed_addressees")
_PASSIVE_AUX = lexicon("roles.passive_aux")
_TOPIC_WORDS = lexicon("roles.topic_words")


def _charged_with(doc: Any, start: int, end: int, target: int) -> bool:
    """Does the phrase at ``target`` lie in the charge of "accused X of"/"blamed X for", or
    in the claim of "rejected accusations that ..."?"""
    opening = _CHARGING.get(doc[start].lemma_) or _CHARGING.get(doc[start].lower_) or set()
    return any(t.lower_ in opening for t in doc[end:target])


def _topic_between(doc: Any, start: int, end: int) -> bool:
    """Whether words between tokens ``start`` and ``end`` make what follows a topic."""
    return any(t.lower_ in _TOPIC_WORDS for t in doc[start:end])


def _between(doc: Any, groups: list[list[Mention]], start: int) -> list[Mention] | None:
    """The group after "between": also past an article and a title ("between the Armenian
    and Azerbaijani foreign ministers", "between the foreign ministers of A and B")."""
    for group in groups:
        if len(group) < 2:
            continue
        index = group[0].start - 1
        while index > 0 and group[0].start - index <= 5 and doc[index].lower_ in _BEFORE_PARTIES:
            index -= 1
        if index >= 0 and doc[index].lower_ == "between":
            return group
    return None


def _coreferent(doc: Any, left: Any, mentions: list[Mention], ctx: Context) -> list[Mention]:
    text = left.text.lower()
    if any(phrase in text for phrase in reading().both_people):
        # "Pashinyan briefed Rubio on the talks with Azerbaijan. The two officials
        # agreed ...": the officials are Pashinyan and Rubio, whatever the act coded; or
        # the two named earlier in this sentence ("Xi hosted Lula, and the two leaders").
        named = [m for m in mentions if m.person and m.end <= left.start]
        here = next(((a, b) for a in named for b in named if a.actor != b.actor), None)
        pair = here or ctx.last_people or ctx.last_pair
        return list(pair) if pair else []
    if ctx.last_pair and any(phrase in text for phrase in reading().both):
        # "the two countries" are the last two states named together, not a state and the
        # organisation whose summit it was.
        states = "countries" in text or "governments" in text
        pair = ctx.last_state_pair if states and ctx.last_state_pair else ctx.last_pair
        return list(pair)
    words = {t.lower_ for t in left}
    if words & {"he", "she", "him", "her"} or (words & _PERSON_NOUNS and "the" in words):
        earlier = [m for m in mentions if m.person and m.end <= left.start]
        chosen = earlier[0] if earlier else ctx.last_person
        return [chosen] if chosen else []
    if "they" in words and ctx.last_pair and ctx.last_pair_joint:
        # "Pashinyan and Putin met in May. They spoke by phone in February."
        return list(ctx.last_pair)
    if words & {"it", "they", "we"} or "the country" in text or words & _BODY_NOUNS:
        earlier = [m for m in mentions if not m.paired and m.end <= left.start]
        chosen = earlier[0] if earlier else ctx.last_subject
        return [chosen] if chosen else []
    return []


def read_parties(
    doc: Any,
    trigger: tuple[int, int],
    roles: str,
    mentions: list[Mention],
    ctx: Context,
    is_org: Any,
) -> Parties | None:
    """The parties of the trigger at ``trigger`` (token span of the sentence doc)."""
    start, end = trigger
    usable = [m for m in mentions if not m.paired and not (m.start < end and start < m.end)]
    groups = _groups(doc, usable)
    edge = _reporting_edge(doc, 0, start)
    threat = doc[start].lemma_ in _THREATS or doc[start].lower_ in _THREATS
    right_stop = _right_edge(doc, end, len(doc), threat=threat)
    left = [g for g in groups if g[-1].end <= start and g[0].start >= edge]
    if not left:
        left = [g for g in groups if g[-1].end <= start]
    # A group the clause's end cuts keeps its part inside the clause ("to Armenia, the
    # Armenian Defense Ministry said": the ministry is the attribution, Armenia the target).
    right = [
        [m for m in g if m.end <= right_stop]
        for g in groups
        if g[0].start >= end and g[0].end <= right_stop
    ]
    via_context = False
    if roles == "reported":
        return _reported(doc, groups, edge, start, _pronoun_sayer(doc, edge, mentions, ctx))
    if roles == "conditional":
        return _conditional(doc, mentions, groups, start, end)
    if roles == "mutual" and _passive(doc, end):
        # "The agreement was signed by Mirzoyan and his Iranian counterpart (in Tehran)":
        # the agents after "by" act together; the place is not one of them, nor whoever
        # said so before ("Boulos said ... which was initialed by the Rwandan and
        # Congolese teams").
        agents = [m for g in right if _word_before(doc, g[0]) not in {"in", "at"} for m in g]
        if len(_unique(agents)) >= 2:
            return _mutual(agents, via_context, why=(PASSIVE_AGENTS, PASSIVE_AGENTS))
    if roles == "mutual" and (doc[end - 1].lower_ == "by" or doc[end : end + 1].text == "by"):
        # "the Argyle Declaration agreed by both leaders": the pair named before.
        after = doc[end : end + 5].text.lower()
        knowledge = reading()
        pair = None
        if any(phrase in after for phrase in knowledge.both_people):
            pair = ctx.last_people or ctx.last_pair
        elif any(phrase in after for phrase in knowledge.both):
            pair = ctx.last_pair
        if pair is not None:
            return _mutual(list(pair), True, why=(BOTH_REFERRED, BOTH_REFERRED))
    if _passive(doc, end) and left and right:
        # "a lunch hosted by the Ambassador of Morocco": the agent after "by" is the source.
        return _directed(right[0], left[-1], via_context, why=(PASSIVE_AGENT, PASSIVE_SUBJECT))

    if doc[start].lower_ in _PASSIVE_AUX and doc[end - 1].lower_ == "recalled":
        # "Georgia's ambassador to the United States was recalled": by its own state.
        own = [m for g in left for m in g if _word_before(doc, m) != "to"]
        post = [m for g in left for m in g if _word_before(doc, m) == "to"]
        if own and post:
            return _directed(own[:1], post[-1:], via_context, why=(OWN_STATE, POSTED_TO))
        return None
    if doc[start].lower_ == "summoned" and start > 0 and doc[start - 1].lower_ in _PASSIVE_AUX:
        # "Azerbaijan's ambassador to France was summoned": the host summoned the envoy.
        # The host is the state the envoy is posted "to", or where the ministry is ("in").
        envoy = [m for g in left for m in g if _word_before(doc, m) != "to"]
        host = [m for g in left + right for m in g if _word_before(doc, m) in {"to", "in"}]
        if envoy and host:
            return _directed(host[-1:], envoy[:1], via_context, why=(HOST_STATE, ENVOY_STATE))
    # Not what was discussed: "Macron and Erdogan discussed Gaza in a phone call".
    subjects = [
        g
        for g in left
        if not _oblique(doc, g[0])
        # An appositive describes the actor before it; after a name the gazetteer does not
        # know ("Maria Prada, Bolivia's foreign minister, accused"), it says whom she is.
        and not (_appositive(doc, g, start) and any(h[-1].end <= g[0].start for h in left))
        and _word_before(doc, g[0]) not in _TOPIC_WORDS
    ]
    source_why = SUBJECT
    if not subjects:
        subjects = [g for g in left if doc[g[0].start - 1].lower_ == "in"]
        source_why = PLACE_BEFORE
    source = subjects[-1] if subjects else []
    owner = _possessor(doc, usable, start)
    if owner is not None:
        # "Armenia's negotiations with Azerbaijan": the owner of a nominal act is its source.
        source, source_why = [owner], OWNER
    pronoun_span = doc[max(edge, source[-1].end if source else edge) : start]
    span_text = pronoun_span.text.lower()
    both = "two " in span_text or "both " in span_text or "the sides" in span_text
    if not source or both or any(t.lower_ in _PRONOUNS for t in pronoun_span):
        found = _coreferent(doc, pronoun_span, usable, ctx) if pronoun_span.text else []
        named = _unique(source)
        if both and len(named) == 1 and found and named[0].actor not in {m.actor for m in found}:
            # "Mirziyoyev congratulated both leaders by phone": the subject with each of
            # them, not the two with each other.
            pairs = tuple((named[0], other) for other in _unique(found))
            return Parties(
                pairs,
                reciprocal=roles == "mutual",
                via_context=True,
                why=(source_why, BOTH_REFERRED),
            )
        if found:
            source, via_context, source_why = found, True, REFERS_BACK

    in_act = [[m] for m in mentions if not m.paired and start < m.start and m.end <= end]
    if not source and not right and len(in_act) >= 2 and _word_before(doc, in_act[0][0]) == "of":
        # "the Embassy of Azerbaijan to Iran resumed its work": the act's own words name
        # whose it is and to whom.
        source, right, source_why = in_act[0], in_act[1:], AFTER_NOUN
    if not source and len(right) >= 2 and _word_before(doc, right[0][0]) in {"of", "by"}:
        # "the planned visit of the Turkish foreign minister to Yerevan", "the visit by the
        # Chinese defence minister to Vietnam": an act named by its noun, whose actor
        # follows it.
        source, right, source_why = right[0], right[1:], AFTER_NOUN
    if len(_unique(source)) >= 2 and doc[start].lower_ in _EXCHANGE:
        # "Armenia and Russia exchanged criticism over the CSTO": each to the other; what
        # follows is what it was about.
        return _mutual(source, via_context, why=(EXCHANGING, EXCHANGING))
    between = _between(doc, right, end)
    if roles == "mutual" and between and (len(_unique(source)) < 2 or len(_unique(between)) >= 2):
        # "met to discuss the talks between Iran and the United States": two parties named
        # after "between" are the act's, whoever the sentence's subjects are.
        return _mutual(between, via_context, why=(BETWEEN, BETWEEN))
    if roles == "directed" and between and len(_unique(between)) >= 2:
        # "decides to sever diplomatic relations between the Republic of Niger and Ukraine":
        # the first named acts on the other, whoever the sentence's subject is.
        first = _unique(between)[0]
        if not source or first.actor in {m.actor for m in source} or via_context:
            rest = [m for m in between if m.actor != first.actor]
            return _directed([first], rest, False, why=(BETWEEN, BETWEEN))
    if roles == "mutual" and not source:
        # "the signing of the Armenia-Azerbaijan peace treaty", "the Putin-Zelensky
        # meeting": with no subject of its own, the act is between the hyphenated pair.
        pair = _nearest_pair(doc, mentions, start, edge, right_stop)
        if pair is not None:
            return _mutual(list(pair), via_context, why=(HYPHENED, HYPHENED))
    after = doc[end : end + 6].text.lower()
    if (
        roles == "mutual"
        and after.startswith(("of ", "between "))
        and any(phrase in after for phrase in reading().both_people)
        and (ctx.last_people or ctx.last_pair)
    ):
        # "during the bilateral meeting of two Presidents": the two people the story last
        # named for two actors, whoever else the sentence names.
        people = ctx.last_people or ctx.last_pair
        return _mutual(list(people or ()), True, why=(BOTH_REFERRED, BOTH_REFERRED))
    named_before = _between(doc, left, start)
    if roles == "mutual" and not source and named_before:
        # "The agreement between Georgia and China entered into force": the act's own
        # subject names no actor; the pair it is between acts jointly.
        return _mutual(named_before, via_context, why=(BETWEEN, BETWEEN))
    story = ctx.last_talks if ctx.last_talks and doc[start].lower_ in _TALK_WORDS else ctx.last_pair
    if (
        roles == "mutual"
        and not source
        and story
        and all(
            _word_before(doc, g[0]) in {"in", "at"} or _mediator(doc, g[0]) for g in left + right
        )
        # "I am ready to sign that agreement," added Pashinyan: the speaker is a party.
        and not any(t.lower_ in _PRONOUNS or t.lower_ == "i" for t in doc[:start])
    ):
        # "Relations were restored in 2016", "The first round of talks took place in Muscat,
        # mediated by Oman": a joint act that names no one, only where and who mediated, is
        # the story's pair's (for talks, the pair whose talks the story last named).
        return _mutual(list(story), True, why=(STORY_PAIR, STORY_PAIR))
    if roles == "membership":
        # The organisation after the act, or inside its words ("its EU accession process").
        within = [m for m in mentions if start < m.start and m.end <= end]
        # Not one that owns something else: "joining the EU's defence policy" is no
        # membership of the EU.
        target_pool = [
            m
            for m in within + [m for g in right for m in g]
            if is_org(m.actor) and not _possessive(doc, m) and not _modifies(doc, m)
        ]
        states = [m for m in source if not is_org(m.actor)]
        if not states and any(is_org(m.actor) for m in source):
            # "The African Union suspended Niger's membership": the organisation acts on
            # the state named in the act's words.
            members = [m for m in within if not is_org(m.actor)]
            orgs = [m for m in source if is_org(m.actor)]
            if members:
                why = (MEMBER_INSIDE, ORGANISATION_SUBJECT)
                return _directed(members[:1], orgs[:1], via_context, why=why)
        if not states and target_pool:
            # "The African Union has been granted permanent member status in the G20": an
            # organisation can belong to another.
            states = [m for m in source if m.actor != target_pool[0].actor]
        offer = _offer_told_before(doc, start, end) if states and not target_pool else None
        inviter = ctx.offers.get(states[0].actor, ctx.offers.get("")) if offer else None
        if offer is not None and inviter is not None:
            # "Argentina has since declined the invitation to join": the invitation told
            # before, of the organisation that invited it (or, if none invited it, the
            # organisation of the last invitation told).
            offered = replace(inviter, start=offer, end=offer + 1, person=None, paired=False)
            return _directed(states[:1], [offered], True, why=(source_why, OFFER_BEFORE))
        if not target_pool or not states:
            return None
        return _directed(states, [target_pool[0]], via_context, why=(source_why, ORGANISATION))
    # The first phrase after the trigger that names someone other than the source.
    source_actors = {m.actor for m in source}
    # Not the past a "since" looks back to: "his first visit since the war with Israel".
    others = [
        g
        for g in right
        if any(m.actor not in source_actors for m in g)
        and not any(t.lower_ == "since" for t in doc[end : g[0].start])
    ]
    if len(_unique(source)) >= 2:
        # "India and Pakistan agreed to hold talks in Vienna": with several actors acting,
        # a place is where, not whom.
        # Nor is the organisation whose gathering it is ("on the sidelines of a NATO
        # ministerial").
        places = {m.actor for g in others if _word_before(doc, g[0]) in {"in", "at"} for m in g}
        others = [
            g
            for g in others
            if _word_before(doc, g[0]) not in {"in", "at"}
            and not names_gathering(doc, g[-1])
            # "held in Doha, Qatar": the country after the city is the same place.
            and not (_word_before(doc, g[0]) == "," and {m.actor for m in g} <= places)
        ]
    # "expelled three Belarusian diplomats", "did not attend the CSTO summit in Minsk": the
    # actor named inside the act's own words, before a place after it.
    inside = [
        m
        for m in mentions
        if not m.paired and start < m.start and m.end <= end and m.actor not in source_actors
    ]
    target_why = OBJECT
    if inside and all(_word_before(doc, g[0]) in {"in", "at"} for g in others):
        others, target_why = [[inside[0]]], INSIDE
    elif end - start > 2 and doc[start + 1].lower_ == "to":
        # "wrote to the leaders of the G20 nations ... proposing to invite the AU": whom the
        # act's own words address after "to" (members addressed together being their
        # organisation), not who is named in what is proposed.
        addressed = inside or [
            m
            for m in ctx.members_of
            if start < m.start and m.end <= end and m.actor not in source_actors
        ]
        if addressed:
            others, target_why = [[addressed[0]]], INSIDE
    target = others[0] if others else []
    if (
        target
        and roles == "directed"
        and end >= 2
        and doc[end - 2].lower_ == "the"
        and doc[end - 1].lower_ in _REFERRED_ACTS
        and end < len(doc)
        and doc[end].lower_ in {"for", "to", "on"}
    ):
        # "France supported the call for the dissolution of the OSCE Minsk Group": the call
        # told before is at whoever made it; the OSCE is what it calls for.
        target = []
    if target and _charged_with(doc, start, end, target[0].start):
        # "accused the West of trying to drag Armenia away": Armenia is in the charge, and
        # the accused is no actor the gazetteer knows.
        target = []
    if not target and end < len(doc) and doc[end].lower_ in _OBJECT_PRONOUNS:
        # "severed relations with Israel, accusing it of war crimes": "it" is the last
        # other actor the sentence named before.
        earlier = [m for g in left for m in g if m.actor not in source_actors]
        if earlier:
            target, target_why = [earlier[-1]], OBJECT_PRONOUN
    if not target and roles == "directed" and _the_country_after(doc, end, right_stop):
        # "ties between the Philippines and Japan got a boost following the Japanese
        # government's turnover of radars to the country's defence establishment": "the
        # country" is the other state the sentence named before.
        earlier = [
            m for g in left for m in g if m.actor not in source_actors and not is_org(m.actor)
        ]
        if earlier:
            target, target_why = [earlier[-1]], THE_COUNTRY
    if roles == "mutual" and target and _topic_between(doc, end, target[0].start):
        # "the Security Council met to discuss Armenia": what a meeting is about is no party.
        target = []
    if (
        roles == "mutual"
        and source
        and inside
        and target == [inside[0]]
        and doc[inside[0].end].text != "-"
    ):
        # "Ukraine, Moldova begin EU accession negotiations": each with the one named inside
        # the act's words, not with one another ("US-brokered talks" name a mediator).
        pairs = tuple((s, inside[0]) for s in _unique(source) if s.actor != inside[0].actor)
        if pairs:
            return Parties(
                pairs, reciprocal=True, via_context=via_context, why=(source_why, INSIDE)
            )
    if roles == "mutual" and len(_unique(source)) >= 2:
        # "A and B met (with C)", "the ministers of A, B and C met their Chinese
        # counterpart": a joint act of all of them; "in C" is only the place.
        joined = bool(target) and (
            _word_before(doc, target[0]) == "with" or _phrase_start(doc, target[0]) == end
        )
        together = JOINT if source_why == SUBJECT else source_why
        rule = JOINT_WITH if joined else together
        return _mutual(source + (target if joined else []), via_context, why=(rule, rule))
    if not target and not via_context and ctx.last_actor is not None and source:
        # "Finland decided to host US troops. Zakharova criticised the move", "France,
        # Germany and other parties rejected the demand": what is referred back to was
        # done by the last act's actor; not the critic's own ("Spain said it was pulling
        # its ambassador ... in response to comments by Milei, who accused ... Milei
        # responded angrily to the move": Spain's).
        if any(t.lower_ in _REFERRED_ACTS for t in doc[start + 1 : end + 3]):
            critics = {m.actor for m in source}
            doer = next((m for m in reversed(ctx.actors) if m.actor not in critics), None)
            if doer is not None:
                target, target_why = [doer], REFERRED_ACT
                if len(_unique(source)) >= 2:
                    return _directed(source, target, via_context, why=(source_why, target_why))
    if not target and len(_unique(source)) >= 2:
        span = [t.lower_ for t in doc[start : end + 2]]
        if roles == "directed" and any(
            a == "their" and b in _OWN_PEOPLE for a, b in zip(span, span[1:], strict=False)
        ):
            # "as Chile and Colombia recall their ambassadors": each acts on someone not
            # named, not on the other.
            return None
        # "Brazil and the United States are seeking to deepen ...": a joint act.
        together = JOINT if source_why == SUBJECT else source_why
        return _mutual(source, via_context, why=(together, together))
    if roles == "mutual" and not target and source:
        # "Tokayev spoke with Putin by phone": the partner named with "with" or "to"
        # before a trigger that comes last.
        partner = [
            m
            for g in left
            if g[0].start >= source[-1].end and _word_before(doc, g[0]) in {"with", "to"}
            for m in g
        ]
        if partner:
            return _mutual(source + partner, via_context, why=(source_why, PARTNER))
    if (
        not target
        and via_context
        and ctx.last_pair
        and len(_unique(source)) == 1
        and not any(t.lower_ in _UNNAMED_ADDRESSEES for t in doc[end:right_stop])
    ):
        # "Russia summoned the Azerbaijani ambassador. The ministry also demanded their
        # release.": an act of one side of the story's pair, at no one named, is at the other.
        other = [m for m in ctx.last_pair if m.actor != source[0].actor]
        if len(other) == 1 and source[0].actor in {m.actor for m in ctx.last_pair}:
            target, target_why = other, OTHER_SIDE
    return _directed(source, target, via_context, why=(source_why, target_why))


def _the_country_after(doc: Any, end: int, stop: int) -> bool:
    """Does "to the country" or "the country's" stand in the act's clause after it?"""
    words = [t.lower_ for t in doc[end:stop]]
    return any(
        a == "the" and b == "country" and (c in {"'s", "\u2019s"} or before == "to")
        for before, a, b, c in zip(["", *words], words, words[1:], [*words[2:], ""], strict=False)
    )


def _reported(
    doc: Any, groups: list[list[Mention]], edge: int, start: int, sayer: list[Mention]
) -> Parties | None:
    """ "Russia said that Sudan must return ...": the reporter demands of the one before must.
    ``sayer`` is whom a pronoun before the verb of saying stands for ("He stressed that ...")."""
    if edge == 0:
        return None
    reporters = [g for g in groups if g[-1].end < edge and not _oblique(doc, g[0])] or (
        [sayer] if sayer else []
    )
    addressed = [g for g in groups if g[0].start >= edge and g[-1].end <= start]
    if not reporters or not addressed:
        return None
    return _directed(reporters[-1], addressed[-1], False, why=(SAYER, ADDRESSED))


def _conditional(
    doc: Any, mentions: list[Mention], groups: list[list[Mention]], start: int, end: int
) -> Parties | None:
    """'"If Serbia does not lift the blockade, we will close the border," Rama said': the
    one who says it (before the condition, or in the attribution after the quote) threatens
    the one named in the condition."""
    named = [m for m in mentions if start < m.start and m.end <= end and not m.paired]
    vowed = next((t for t in doc[end:] if t.lower_ not in {"not", "n't", "no", "longer"}), None)
    if not named or (vowed is not None and vowed.lemma_ in _NOT_VOWED):
        return None
    before = [g for g in groups if g[-1].end <= start and not _oblique(doc, g[0])]
    closing = next((t.i for t in doc[end:] if _closes_quote(doc, t)), None)
    after = [m for m in mentions if closing is not None and m.start > closing and not m.paired]
    sayer = before[-1] if before else after[:1]
    if not sayer:
        return None
    return _directed(sayer, named[:1], False, why=(SAYER, CONDITION))


def _pronoun_sayer(doc: Any, edge: int, mentions: list[Mention], ctx: Context) -> list[Mention]:
    """Whom "he" or "she" before the verb of saying that ends at ``edge`` stands for, or
    "him", "her" after "according to": the person named last ("Hajizada said ... He
    emphasized that Armenia should ...", "According to him, the court is ...")."""
    for token in doc[: edge + 2]:
        after_according = token.i > 1 and doc[token.i - 2].lower_ == "according"
        if (token.i < edge and token.lower_ in {"he", "she"}) or (
            token.lower_ in {"him", "her"} and after_according
        ):
            return _coreferent(doc, doc[token.i : token.i + 1], mentions, ctx)
    return []


def _passive(doc: Any, end: int) -> bool:
    last = doc[end - 1].lower_
    return last.endswith("ed") and end < len(doc) and doc[end].lower_ == "by"


def _appositive(doc: Any, group: list[Mention], start: int) -> bool:
    """ ", a key U.S. ally in the war, has refused", "Russia, Armenia's traditional ally,
    has": a phrase set off by commas after the subject describes it and does not act."""
    before = group[0].start - 1
    while before > 0 and doc[before].lower_ not in {",", "—"} and group[0].start - before < 4:
        before -= 1
    opened = (
        before > 0
        and doc[before].text in {",", "—"}
        and (
            doc[before + 1].lower_ in {"a", "an", "the", "its", "their"}
            or (before + 1 == group[0].start and _possessive(doc, group[0]))
        )
    )
    closed = any(t.text in {",", "—"} for t in doc[group[-1].end : start])
    return opened and closed


def _offer_told_before(doc: Any, start: int, end: int) -> int | None:
    """Where a membership act's words name an offer told before and no organisation
    ("declined the invitation to join.", "turned down the offer to become a member"):
    "the" before the offer's noun, and "to join" or "to become" after it, with nothing
    joined named after (a sentence's end, a comma, "a member"). The token of the noun."""
    read = reading()
    for i in range(start, end):
        if doc[i].lower_ not in read.offers or i == 0 or doc[i - 1].lower_ != "the":
            continue
        to, verb = i + 1, i + 2
        if verb >= len(doc) or doc[to].lower_ != "to" or doc[verb].lemma_ not in read.joining:
            return None
        after = doc[verb + 1 : verb + 4]
        bare = not after or after[0].is_punct
        member = [t.lower_ for t in after[:2]] in (["a", "member"], ["full", "members"])
        return i if bare or member else None
    return None


def _directed(
    sources: list[Mention], targets: list[Mention], via: bool, *, why: tuple[str, str]
) -> Parties | None:
    pairs = tuple((s, t) for s in _unique(sources) for t in _unique(targets) if s.actor != t.actor)
    return Parties(pairs, reciprocal=False, via_context=via, why=why) if pairs else None


def _mutual(group: list[Mention], via: bool, *, why: tuple[str, str]) -> Parties | None:
    members = _unique(group)
    pairs = tuple(
        (a, b) for i, a in enumerate(members) for b in members[i + 1 :] if a.actor != b.actor
    )
    return Parties(pairs, reciprocal=True, via_context=via, why=why) if pairs else None


def _unique(mentions: list[Mention]) -> list[Mention]:
    seen: dict[str, Mention] = {}
    for mention in mentions:
        seen.setdefault(mention.actor, mention)
    return list(seen.values())
