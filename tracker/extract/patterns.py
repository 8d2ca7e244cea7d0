"""The event patterns: trigger words for every family, each mapped to an event and CAMEO code.

Patterns match lemmas (the lookup lemmatizer), so "signed", "signs" and "signing" are one
pattern. Each :class:`Trigger` says which event it makes, with which CAMEO code, and how the
parties are read around it (see :mod:`tracker.extract.roles`).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

__all__ = ["AGREEMENT_NOUNS", "TRIGGERS", "Trigger"]

Pattern = list[dict[str, Any]]

AGREEMENT_NOUNS = frozenset(
    """agreement agreements treaty treaties charter accord accords pact pacts deal deals
    memorandum protocol convention declaration roadmap framework""".split()
)


@dataclass(frozen=True, slots=True)
class Trigger:
    """A family of trigger patterns and the event they make.

    ``roles``: "directed" (source before, target after), "mutual" (the parties together,
    e.g. "A and B met"), "membership" (a state and an organisation), "visit" (the visitor
    and the place), "host" (the host and the guest). ``needs``: "agreement" when the
    sentence must name an agreement near the trigger. ``announced``: the event to make
    instead when the act is only announced ("intention to withdraw").
    """

    name: str
    event_type: str
    roles: str
    patterns: list[Pattern]
    cameo: str | None = None
    needs: str | None = None
    announced: str | None = None
    topic_after: bool = False
    # A verb of saying or intending: acts named after it in the sentence are its content
    # ("rejected a US offer to host talks", "agreed to hold exercises"), not acts of their own.
    governs: bool = False


def lemma(*words: str) -> dict[str, Any]:
    return {"LEMMA": {"IN": list(words)}}


def lower(*words: str) -> dict[str, Any]:
    return {"LOWER": {"IN": list(words)}}


def gap(up_to: int) -> dict[str, Any]:
    """Up to ``up_to`` tokens of anything but sentence punctuation."""
    return {"IS_PUNCT": False, "OP": "{0," + str(up_to) + "}"}


_TALK_NOUNS = ("talk", "talks", "negotiation", "negotiations", "discussion", "discussions")
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

TRIGGERS: tuple[Trigger, ...] = (
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
        ],
    ),
    Trigger(
        "meet",
        "MeetingHeld",
        "mutual",
        [
            [lemma("meet")],
            [lower("met", "meets", "meeting")],
            [lower("meeting"), lower("with", "between")],
            [lemma("hold"), gap(2), lower("meeting", "meetings", "summit")],
        ],
    ),
    Trigger(
        "talks",
        "TalksHeld",
        "mutual",
        [
            [lemma(*_HOLD), gap(2), lower(*_TALK_NOUNS)],
            [lower(*_TALK_NOUNS), lower("with", "between")],
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
            [
                lemma("travel", "fly", "head", "arrive", "come", "go", "return"),
                lower("to", "in", "into"),
            ],
            [lower("trip", "tour", "journey"), lower("to", "of")],
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
    # -- commitments -----------------------------------------------------------------
    Trigger(
        "pledge",
        "PledgeMade",
        "directed",
        [
            [lemma("pledge", "promise", "vow"), lower("to")],
            [lower("committed"), lower("to")],
            [lemma("commit"), lower("to")],
        ],
        topic_after=True,
        governs=True,
    ),
    Trigger(
        "pledge-kept",
        "PledgeFulfilled",
        "directed",
        [
            [
                lemma("fulfil", "fulfill", "honour", "honor", "keep"),
                gap(2),
                lower("pledge", "promise", "promises", "commitment", "commitments"),
            ],
        ],
        topic_after=True,
    ),
    # -- stances ---------------------------------------------------------------------
    Trigger(
        "intent",
        "CooperationIntentExpressed",
        "directed",
        [
            [
                lemma("reaffirm", "reiterate", "express", "confirm", "underline"),
                gap(2),
                lower("commitment", "support", "readiness", "willingness", "intention"),
            ],
            [lemma("agree", "offer"), lower("to")],
            [lower("ready", "willing", "prepared"), lower("to")],
            [
                lemma("deepen", "strengthen", "expand", "boost", "enhance"),
                gap(2),
                lower("partnership", "ties", "cooperation", "relations"),
            ],
            [lower("agreed"), lower("on", "upon")],
        ],
        topic_after=True,
        governs=True,
    ),
    Trigger(
        "praise",
        "PraiseExpressed",
        "directed",
        [
            [lemma("praise", "hail", "commend", "laud", "applaud", "thank", "congratulate")],
            [lower("praised", "hailed", "commended", "welcomed")],
            [lemma("express"), gap(2), lower("gratitude", "appreciation")],
        ],
    ),
    Trigger(
        "accuse",
        "AccusationMade",
        "directed",
        [
            [lemma("accuse", "blame")],
            [lower("accused", "blamed", "accusing")],
            [lemma("allege")],
            [lower("alleged")],
        ],
        governs=True,
    ),
    Trigger(
        "criticize",
        "CriticismVoiced",
        "directed",
        [
            [
                lemma(
                    "criticize",
                    "criticise",
                    "condemn",
                    "denounce",
                    "slam",
                    "censure",
                    "rebuke",
                    "decry",
                    "deplore",
                )
            ],
            [lower("criticized", "criticised", "condemned", "denounced")],
        ],
        governs=True,
    ),
    Trigger(
        "protest",
        "ProtestLodged",
        "directed",
        [
            [lemma("lodge", "file"), gap(2), lower("protest", "complaint")],
            [lemma("summon"), gap(3), lower("ambassador", "envoy", "charge")],
            [lower("summoned")],
            [lemma("protest"), lower("to")],
            [lemma("complain")],
        ],
        governs=True,
    ),
    Trigger(
        "demand",
        "DemandMade",
        "directed",
        [
            [lemma("demand", "urge")],
            [lower("demanded", "urged")],
            [lemma("call"), lower("on", "upon")],
            [lemma("press"), gap(1), lower("to")],
        ],
        governs=True,
    ),
    Trigger(
        "reject",
        "ProposalRejected",
        "directed",
        [
            [lemma("reject", "rebuff", "refuse", "decline")],
            [lower("rejected", "refused", "declined")],
            [lemma("turn"), lower("down")],
            [lower("opposed"), lower("to")],
        ],
        governs=True,
    ),
    Trigger(
        "threaten",
        "ThreatIssued",
        "directed",
        [
            [lemma("threaten")],
            [lower("threatened", "threatens")],
            [lemma("issue"), gap(2), lower("ultimatum", "warning")],
        ],
        governs=True,
    ),
    Trigger(
        "sanction",
        "SanctionsImposed",
        "directed",
        [
            [
                lemma("impose", "slap", "announce", "extend", "tighten"),
                gap(3),
                lower("sanctions", "embargo", "tariffs", "restrictions"),
            ],
            [lemma("sanction")],
            [lower("sanctioned")],
            [lemma("embargo", "boycott")],
        ],
    ),
    Trigger(
        "recall",
        "AmbassadorRecalled",
        "directed",
        [
            [lemma("recall"), gap(3), lower("ambassador", "envoy")],
        ],
    ),
    Trigger(
        "expel",
        "DiplomatsExpelled",
        "directed",
        [
            [lemma("expel"), gap(3), lower("diplomat", "diplomats", "ambassador", "envoy")],
            [lower("expelled"), gap(3), lower("diplomat", "diplomats", "ambassador", "envoy")],
        ],
    ),
    Trigger(
        "aid",
        "AidProvided",
        "directed",
        [
            [
                lemma("provide", "give", "send", "deliver", "supply", "grant", "donate", "offer"),
                gap(4),
                lower(
                    "aid",
                    "assistance",
                    "arms",
                    "weapons",
                    "grant",
                    "loan",
                    "funding",
                    "support",
                    "equipment",
                    "supplies",
                ),
            ],
            [lower("supplied", "supplies", "supply")],
        ],
    ),
    Trigger(
        "cooperate",
        "MaterialCooperationUndertaken",
        "mutual",
        [
            [lower("joint"), gap(1), lower("exercises", "drills", "patrols", "operation")],
            [lower("war"), lower("games")],
            [lemma("extradite")],
            [lower("extradited")],
            [lemma("share"), gap(2), lower("intelligence", "information", "evidence", "expertise")],
        ],
    ),
)
