"""Trigger patterns for commitments, stances and measures."""

from __future__ import annotations

from tracker.extract.pattern_syntax import Trigger, gap, lemma, lower, optional

__all__ = ["STANCES"]

STANCES: tuple[Trigger, ...] = (
    # -- commitments -----------------------------------------------------------------
    Trigger(
        "pledge",
        "PledgeMade",
        "directed",
        [
            [lemma("pledge", "promise", "vow"), lower("to")],
            [lower("committed"), lower("to")],
            [lemma("commit"), lower("to")],
            # "pledged $100 million in aid to Armenia": what is pledged, then to whom.
            [lower("pledged", "promised", "pledges", "promises")],
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
            # "agreed on Saturday to restore relations"
            [lemma("agree"), lower("on", "last", "this", "in"), gap(1), lower("to")],
            [lower("ready", "willing"), lower("to")],
            [lemma("reach"), gap(1), lower("consensus", "understanding", "agreement")],
            [
                lower("came", "come", "comes"),
                lower("to"),
                gap(1),
                lower("consensus", "understanding", "agreement"),
            ],
            [
                lemma("deepen", "strengthen", "expand", "boost", "enhance"),
                gap(2),
                lower("partnership", "ties", "cooperation", "relations"),
            ],
            [lemma("agree"), lower("on", "upon")],
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
            # "alleged" is also an adjective ("alleged bombers"): only "alleged that".
            [lower("alleges", "allege", "alleging")],
            [lower("alleged"), lower("that")],
            # "Baku and Yerevan traded accusations": each accused the other.
            [lemma("exchange", "trade"), gap(1), lower("accusations", "charges", "blame")],
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
                    "regret",
                )
            ],
            [lower("criticized", "criticised", "condemned", "denounced")],
            # "expressed concern over Baku's statements", "is concerned about India's arms
            # supplies": disapproval of what the target did.
            [
                lemma("express", "voice", "raise"),
                gap(2),
                lower("concern", "concerns", "alarm", "dismay", "indignation"),
                lower("over", "about", "at", "regarding"),
            ],
            [lower("concerned", "alarmed"), lower("about", "over", "by")],
            [lemma("exchange", "trade"), gap(1), lower("criticism", "barbs", "recriminations")],
        ],
        governs=True,
    ),
    Trigger(
        "protest",
        "ProtestLodged",
        "directed",
        [
            [lemma("lodge", "file"), gap(2), lower("protest", "complaint")],
            # "handed Azerbaijan a formal protest", "sent a note of protest to"
            [lemma("hand", "send", "deliver"), gap(4), lower("protest")],
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
            # Verb forms: the noun ("their demands") is not an act of demanding.
            [lower("demand", "demanded", "demanding", "urge", "urges", "urged", "urging")],
            [lower("demands"), lower("that")],
            [lemma("call"), lower("on", "upon")],
            # "called for the lifting of sanctions on Zimbabwe": the lifting is asked for.
            [lower("called", "calls", "calling"), lower("for")],
            [lemma("press"), gap(1), lower("to")],
            # "asked the Security Council to condemn Azerbaijan": a request, whose content
            # is not done.
            [lower("asked", "asks", "ask")],
        ],
        governs=True,
    ),
    Trigger(
        "must",
        "DemandMade",
        "reported",
        [[lower("must")], [lower("should"), lower("immediately")]],
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
        # "declined an invitation to become a partner in October 2024": the refusal's date.
        content_dated=False,
    ),
    Trigger(
        "threaten",
        "ThreatIssued",
        "directed",
        [
            [lemma("threaten")],
            [lower("threatened", "threatens")],
            [lemma("issue"), gap(2), lower("ultimatum", "warning")],
            # "warned Chisinau against deepening ties with NATO", "warns Japan over remarks":
            # a warning addressed to the target (a warning "of" a danger names none).
            [lower("warned", "warns", "warn", "warning")],
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
                lower("sanctions", "embargo", "tariffs", "restrictions", "ban", "bans"),
            ],
            # "adopted a new package of sanctions" (only such words between: "adopted a
            # resolution calling for sanctions" adopts none).
            [
                lemma("approve", "adopt", "agree"),
                optional(
                    "a",
                    "the",
                    "new",
                    "fresh",
                    "further",
                    "additional",
                    "another",
                    "package",
                    "round",
                    "set",
                    "of",
                    "tougher",
                    "sweeping",
                    "its",
                    "their",
                    "eu",
                    up_to=5,
                ),
                lower("sanctions", "embargo", "restrictions"),
            ],
            # "banned imports of Moldovan fruit", "suspended imports of flowers from Armenia"
            [
                lower("banned", "bans", "banning"),
                gap(2),
                lower("imports", "exports", "flights", "entry", "products"),
            ],
            [
                lemma("suspend", "halt", "restrict", "stop"),
                gap(1),
                lower("imports", "exports", "flights"),
            ],
            # Verb forms: "the sanctions on Burma" names a measure, not an act.
            [lower("sanctioned", "sanctioning", "embargoed")],
            [lower("boycott", "boycotted", "boycotting")],
        ],
    ),
    Trigger(
        "aid-cut",
        "SanctionsImposed",
        "directed",
        [
            [
                lemma("suspend", "halt", "freeze", "cut", "stop", "prohibit", "withhold", "pause"),
                optional("off", "all", "its", "their", "some", up_to=2),
                gap(1),
                # Supplies cut off are a measure too: "cut off gas supplies to Iran".
                lower("aid", "assistance", "funding", "supplies", "deliveries", "exports"),
            ],
            # "froze 30 million euros in military assistance to Georgia"
            [
                lemma("freeze", "suspend", "withhold", "halt"),
                gap(6),
                lower("aid", "assistance", "funding"),
            ],
            [
                lower("suspension", "halt", "freeze", "end", "cut", "cuts", "cutoff"),
                lower("of", "in", "to"),
                gap(2),
                lower("aid", "assistance", "funding"),
            ],
        ],
        cameo="162",
    ),
    Trigger(
        "sanctions-eased",
        "SanctionsEased",
        "directed",
        [
            [
                lemma("lift", "ease", "relax", "remove", "suspend", "waive", "loosen", "end"),
                gap(3),
                lower("sanctions", "embargo", "embargoes", "boycott", "ban", "restrictions"),
            ],
            # "the lifting of sanctions on Cuba" announced or decided by the source.
            [
                lower("lifting", "easing", "relaxation", "removal", "suspension", "waiver"),
                lower("of"),
                gap(2),
                lower("sanctions", "embargo", "embargoes", "boycott"),
            ],
        ],
    ),
    Trigger(
        "recall",
        "AmbassadorRecalled",
        "directed",
        [
            [lemma("recall"), gap(3), lower("ambassador", "envoy")],
            # "withdrew its ambassador from Niger"
            [lemma("withdraw"), gap(2), lower("ambassador", "envoy")],
            # "Georgia's ambassador to the United States was recalled" (see roles)
            [lower("was", "were", "been"), lower("recalled")],
        ],
    ),
    Trigger(
        "expel",
        "DiplomatsExpelled",
        "directed",
        [
            [
                lemma("expel"),
                gap(3),
                lower("diplomat", "diplomats", "ambassador", "ambassadors", "envoy", "envoys"),
            ],
            [
                lower("expelled"),
                gap(3),
                lower("diplomat", "diplomats", "ambassador", "ambassadors", "envoy", "envoys"),
            ],
            # "ordered the expulsion of three Iranian diplomats"
            [
                lower("expulsion", "expulsions"),
                lower("of"),
                gap(3),
                lower("diplomat", "diplomats", "ambassador", "ambassadors", "envoy", "envoys"),
            ],
            # "gave Belgian diplomats 48 hours to leave the country"
            [
                lemma("give", "order"),
                gap(2),
                lower("diplomat", "diplomats", "ambassador", "ambassadors", "envoy", "envoys"),
                gap(3),
                lower("leave"),
            ],
        ],
    ),
    Trigger(
        "aid",
        "AidProvided",
        "directed",
        [
            [
                lemma("provide", "give", "send", "deliver", "supply", "grant", "donate", "offer"),
                # "provided $50 million in humanitarian aid"
                gap(6),
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
                    # Deliveries: "delivered a second batch of armoured vehicles to Armenia".
                    "batch",
                    "shipment",
                    "consignment",
                    "vehicles",
                    "howitzers",
                    "drones",
                    "missiles",
                    "radars",
                    "ammunition",
                    "boats",
                    "ships",
                    "vessels",
                    "helicopters",
                    "aircraft",
                    "tanks",
                    "system",
                    "systems",
                    # Money: "would provide an additional 270 million euros to Armenia".
                    "euros",
                    "dollars",
                ),
            ],
            # The past tense only: "supplies" and "supply" are as often nouns ("gas supplies").
            [lower("supplied")],
            # Military hardware delivered, its name often long: "delivered a second IRIS-T
            # air defence system to Ukraine".
            [
                lemma("deliver", "supply", "send", "transfer"),
                gap(8),
                lower("system", "systems", "howitzers", "tanks", "missiles", "drones", "vehicles"),
            ],
            # "announced $50 million in new assistance for Armenia": money committed. Only
            # words for money: "announced its support for" is a stance, not aid.
            [
                lemma("announce", "allocate", "approve", "earmark", "disburse"),
                gap(5),
                lower(
                    "aid",
                    "assistance",
                    "grant",
                    "grants",
                    "loan",
                    "loans",
                    "funding",
                    "euros",
                    "dollars",
                ),
            ],
            # "approved the sale of three radars to Armenia": an arms sale cleared.
            [
                lemma("approve", "authorize", "authorise", "clear"),
                gap(2),
                lower("sale", "sales", "delivery", "deliveries", "transfer", "export", "exports"),
            ],
        ],
    ),
    # Goods sold or supplied are trade, not aid: "ready to supply wheat to Egypt",
    # "Russia supplies gas to Armenia" (the longer match wins over the bare "supply").
    Trigger(
        "trade-goods",
        "MaterialCooperationUndertaken",
        "directed",
        [
            [
                lemma("supply", "sell", "export", "ship", "deliver"),
                gap(3),
                lower(
                    "gas", "oil", "wheat", "grain", "electricity", "fuel", "lng", "crude", "coal"
                ),
            ],
            [
                lower("supplied", "supplies", "sold", "exported"),
                gap(3),
                lower("gas", "oil", "wheat", "grain", "electricity", "fuel"),
            ],
        ],
        cameo="061",
    ),
    Trigger(
        "cooperate",
        "MaterialCooperationUndertaken",
        "mutual",
        [
            [
                lower("joint"),
                gap(1),
                lower("exercise", "exercises", "drill", "drills", "patrols", "operation"),
            ],
            # "inaugurated a gas pipeline linking A and B": infrastructure opened together.
            [
                lemma("inaugurate", "commission"),
                gap(3),
                lower(
                    "pipeline",
                    "railway",
                    "railroad",
                    "bridge",
                    "highway",
                    "corridor",
                    "interconnector",
                    "checkpoint",
                    "crossing",
                ),
            ],
            [lower("war"), lower("games")],
            [lemma("extradite")],
            [lower("extradited")],
            [lemma("share"), gap(2), lower("intelligence", "information", "evidence", "expertise")],
            # "deployed a civilian monitoring mission to Armenia"
            # "extended its monitoring mission in Armenia until 2027"
            [
                lemma("deploy", "launch", "extend", "prolong"),
                gap(3),
                lower("mission", "monitors", "observers"),
            ],
        ],
    ),
)
