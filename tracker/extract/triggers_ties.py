"""Trigger patterns for agreements, contacts, memberships and diplomatic relations."""

from __future__ import annotations

from tracker.extract.pattern_syntax import AGREEMENT_NOUNS, Trigger, gap, lemma, lower, optional

__all__ = ["TIES"]

_TALK_NOUNS = (
    "talk",
    "talks",
    "negotiation",
    "negotiations",
    "discussion",
    "discussions",
    "dialogue",
    "dialog",
    "consultations",
)
_HOLD = (
    "hold",
    "held",
    "open",
    "begin",
    "start",
    "resume",
    "renew",
    "conduct",
    "launch",
    "enter",
    "continue",
    "return",
)

# Words between a verb and "relations"/"ties" that keep them diplomatic: "broke off all
# diplomatic relations", "restored full ties". Others ("trade ties", "military relations")
# name another kind of tie, which is not what these events record.
_RELATIONS_WORDS = optional(
    "all", "its", "their", "full", "formal", "official", "diplomatic", "bilateral", up_to=3
)
_RELATIONS = ("relations", "ties")
_AGREEMENT_WORDS = tuple(sorted(AGREEMENT_NOUNS))

# Between "during"/"at" and the meeting it names.
_DETERMINERS = ("a", "an", "the", "their", "his", "her", "its", "bilateral", "recent", "first")

# Gatherings a state attends (or stays away from): meeting its members or hosts.
_GATHERINGS = ("meeting", "meetings", "summit", "session", "conference", "forum")

TIES: tuple[Trigger, ...] = (
    # -- agreements ------------------------------------------------------------------
    Trigger(
        "sign", "AgreementSigned", "mutual", [[lemma("sign", "ink", "conclude")]], needs="agreement"
    ),
    Trigger(
        "initial",
        "AgreementInitialed",
        "mutual",
        [[lower("initialed", "initialled", "initialing", "initialling")]],
        needs="agreement",
    ),
    Trigger(
        "ratify",
        "AgreementRatified",
        "directed",
        [[lemma("ratify")], [lower("ratified", "ratifies", "ratifying")]],
        needs="agreement",
    ),
    Trigger(
        "in-force",
        "AgreementEnteredIntoForce",
        "mutual",
        [[lemma("enter"), lower("into"), lower("force")], [lemma("take"), lower("effect")]],
        needs="agreement",
    ),
    Trigger(
        "suspend-agreement",
        "AgreementSuspended",
        "directed",
        [[lemma("suspend", "freeze")]],
        needs="agreement",
    ),
    Trigger(
        "terminate",
        "AgreementTerminated",
        "directed",
        [
            [lemma("terminate", "denounce", "scrap", "abrogate")],
            # "ended the defence pact", not "an agreement that ended decades of hostility"
            [
                lemma("end"),
                optional("the", "a", "its", "their", up_to=1),
                gap(2),
                lower(*_AGREEMENT_WORDS),
            ],
            [lemma("tear"), lower("up")],
            [lemma("pull", "withdraw"), lower("out", "from")],
        ],
        needs="agreement",
    ),
    Trigger(
        "negotiate-agreement",
        "NegotiationsOpened",
        "mutual",
        [[lemma("negotiate")], [lower(*_TALK_NOUNS), lower("on", "for", "over", "about")]],
        needs="agreement",
    ),
    # -- contacts --------------------------------------------------------------------
    Trigger(
        "phone",
        "PhoneCallHeld",
        "mutual",
        [
            [
                lower("phone", "telephone", "video"),
                lower("call", "calls", "conversation", "conversations", "talks"),
            ],
            [lemma("telephone", "phone", "call"), lower("with")],
            [lower("telephoned", "phoned", "telephones", "phones")],
            [
                lemma("speak", "talk"),
                lower("by", "over", "on"),
                gap(1),
                lower("phone", "telephone", "video"),
            ],
            # "the two ministers discussed the road project by phone"
            [lower("by", "over"), lower("phone", "telephone")],
        ],
    ),
    Trigger(
        "meet",
        "MeetingHeld",
        "mutual",
        [
            # Verb forms only: "the meeting" alone may be any meeting, or none.
            [lower("meet", "met", "meets")],
            [lower("meeting"), lower("with", "between")],
            # "A and B discussed defence during a meeting in Paris": the meeting took place.
            [lower("during", "at", "after"), optional(*_DETERMINERS), lower("meeting")],
            # "will host the next summit of the Organization of Turkic States"
            [lemma("hold", "host"), gap(2), lower("meeting", "meetings", "summit")],
            # "did not attend the CSTO summit", "took part in a meeting of EU ministers".
            [lemma("attend"), gap(3), lower(*_GATHERINGS)],
            [lemma("take"), lower("part"), lower("in"), gap(3), lower(*_GATHERINGS)],
            [lemma("participate"), lower("in"), gap(3), lower(*_GATHERINGS)],
        ],
    ),
    # A contact named by its noun after a hyphenated pair: "the Putin-Zelensky meeting"
    # (the noun alone may be any meeting, or none; see ``needs`` in the coder).
    Trigger("pair-meeting", "MeetingHeld", "mutual", [[lower("meeting", "summit")]], needs="pair"),
    Trigger("pair-talks", "TalksHeld", "mutual", [[lower("talks")]], needs="pair"),
    Trigger("pair-call", "PhoneCallHeld", "mutual", [[lower("call")]], needs="pair"),
    Trigger(
        "talks",
        "TalksHeld",
        "mutual",
        [
            # "launched a visa liberalization dialogue"
            [lemma(*_HOLD), gap(3), lower(*_TALK_NOUNS)],
            # "will hold a new round of talks on maritime borders"
            [lemma(*_HOLD), gap(2), lower("round", "rounds"), lower("of"), lower(*_TALK_NOUNS)],
            [lower(*_TALK_NOUNS), lower("with", "between")],
            # "during the talks", "at EU-mediated talks in Brussels"
            [lower("during", "at"), gap(3), lower("talks", "negotiations")],
            # "the talks in Moscow between Armenian and Azerbaijani officials"
            [lower(*_TALK_NOUNS), lower("in", "at"), gap(2), lower("with", "between")],
            [lemma("negotiate"), lower("with")],
        ],
    ),
    Trigger(
        "visit",
        "VisitMade",
        "visit",
        [
            [lemma("visit")],
            [lower("visited", "visits", "visiting")],
            # "go" and "come" by form: "going to take steps" is a future, not a trip.
            [
                lemma("travel", "fly", "head", "arrive", "return"),
                lower("to", "in", "into"),
            ],
            [lower("go", "goes", "went", "come", "comes", "came"), lower("to")],
            [lower("trip", "tour", "journey"), lower("to", "of")],
            # "planned to send a team of border experts to Armenia": its officials go.
            [
                lemma("send", "dispatch"),
                gap(2),
                lower("team", "delegation", "mission", "envoy", "envoys", "delegates"),
            ],
        ],
    ),
    Trigger(
        "host",
        "VisitMade",
        "host",
        [
            [lemma("host", "receive", "welcome")],
            [lower("hosted", "received", "welcomed")],
            [lemma("give", "gave"), gap(2), lower("welcome"), lower("to")],
        ],
        cameo="043",
    ),
    # -- diplomatic relations --------------------------------------------------------
    Trigger(
        "relations-severed",
        "DiplomaticRelationsSevered",
        "directed",
        [
            [
                lemma("sever", "break", "cut", "rupture"),
                optional("off"),
                _RELATIONS_WORDS,
                lower(*_RELATIONS),
            ],
            # "suspended" relations are broken off only when they are said to be diplomatic.
            [lemma("suspend", "freeze"), gap(2), lower("diplomatic"), lower(*_RELATIONS)],
            [
                lower("severance", "severing", "rupture", "breaking"),
                optional("off"),
                lower("of"),
                _RELATIONS_WORDS,
                lower(*_RELATIONS),
            ],
        ],
    ),
    Trigger(
        "relations-downgraded",
        "DiplomaticRelationsDowngraded",
        "directed",
        [
            [lemma("downgrade", "lower", "reduce"), _RELATIONS_WORDS, lower(*_RELATIONS)],
            # "suspended the embassy's work in Baku", "closed its embassy in Tehran"
            [
                lemma("suspend", "close", "shut"),
                optional("down", "the", "its", "their", up_to=2),
                lower("embassy", "embassies"),
            ],
            [lower("downgrading"), lower("of"), _RELATIONS_WORDS, lower(*_RELATIONS)],
        ],
    ),
    Trigger(
        "relations-established",
        "DiplomaticRelationsEstablished",
        "mutual",
        [
            [
                lemma(
                    "establish",
                    "restore",
                    "resume",
                    "reestablish",
                    "re-establish",
                    "normalize",
                    "normalise",
                ),
                _RELATIONS_WORDS,
                lower(*_RELATIONS),
            ],
            # "reopened its embassy in Damascus", "will open an embassy in Riyadh"
            [
                lemma("reopen", "open"),
                optional("an", "its", "their", "the", "a", up_to=1),
                lower("embassy", "embassies"),
            ],
            [lemma("reopen", "open"), gap(2), lower("liaison"), lower("office", "offices")],
            [lower("embassy"), gap(4), lemma("resume", "reopen"), lower("operations", "work")],
            # "recognised the Taliban government", "recognized Kosovo's independence"
            [
                lemma("recognize", "recognise"),
                gap(3),
                lower("government", "independence", "statehood", "sovereignty"),
            ],
            [
                lower("establishment", "restoration", "resumption", "normalization"),
                lower("of"),
                _RELATIONS_WORDS,
                lower(*_RELATIONS),
            ],
        ],
    ),
    # -- memberships -----------------------------------------------------------------
    Trigger(
        "join",
        "MembershipJoined",
        "membership",
        [
            [lemma("join")],
            [lower("joined", "joins", "joining")],
            [lemma("become"), gap(2), lower("member")],
            [lemma("accede"), lower("to")],
        ],
    ),
    Trigger(
        "apply",
        "MembershipApplied",
        "membership",
        [
            [lemma("apply"), lower("for", "to")],
            [lower("accession", "membership", "application"), gap(3), lower("to", "in", "of")],
            [lower("bid"), lower("to"), lower("join")],
        ],
        # "applied to join the EU": the joining it names is what is asked for, not done.
        governs=True,
        content_dated=False,
    ),
    Trigger(
        "start-accession",
        "MembershipApplied",
        "membership",
        [
            # "began the process of joining NATO", "launched its EU accession process",
            # "approved a bill on starting the process of joining the EU": the formal start
            # of an application. Not a verb of intending: the date after it is its own.
            [
                lemma("start", "launch", "begin", "initiate"),
                gap(2),
                lower("process"),
                lower("of", "for", "towards"),
                lower("joining", "accession", "membership"),
            ],
            [
                lemma("start", "launch", "begin", "initiate"),
                gap(3),
                lower("accession", "membership"),
                lower("process", "procedure"),
            ],
            [
                lemma("approve", "pass", "adopt", "sign"),
                gap(2),
                lower("bill", "law", "legislation", "decree"),
                gap(6),
                lower("joining", "accession"),
            ],
            # "resumed its EU accession talks": the application goes on.
            [lemma("resume", "unfreeze", "restart"), gap(3), lower("accession")],
        ],
    ),
    Trigger(
        "accession-suspended",
        "MembershipAccessionSuspended",
        "membership",
        [
            # "suspended EU accession talks until 2028", "froze its membership application",
            # "the EU has halted Georgia's accession process"
            [
                lemma("suspend", "freeze", "halt", "pause"),
                gap(3),
                lower("accession", "application", "bid"),
            ],
            [
                lemma("suspend", "freeze", "halt", "pause"),
                gap(2),
                lower("talks", "negotiations"),
                lower("on"),
                lower("joining", "accession", "membership"),
            ],
        ],
    ),
    Trigger(
        "freeze",
        "MembershipSuspended",
        "membership",
        [
            [lemma("freeze", "suspend"), gap(3), lower("participation", "membership")],
        ],
    ),
    Trigger(
        "leave",
        "MembershipWithdrawn",
        "membership",
        [
            [lemma("withdraw", "quit", "exit", "leave")],
            [lower("withdrawal"), lower("from")],
            [lemma("pull"), lower("out"), lower("of")],
        ],
        announced="MembershipWithdrawalAnnounced",
    ),
)
