"""Modality cues: is the act done, planned, denied, or planned and fallen through?"""

from __future__ import annotations

import re

from events import Modality

__all__ = ["CALLED_OFF", "headline_future", "is_conditional", "modality_of"]

# Cues read in the few words just before the trigger.
_PLANNED = re.compile(
    r"\b(?:will|'ll|would|shall|plans? to|planning to|planned|intends? to|intention to|"
    r"intent to|(?:is|are|was|were) to|"
    r"(?:is|are|was|were|has been|have been|had been) (?:expected|set|scheduled|due) to|"
    r"expected to|set to|scheduled to|going to|aims? to|seeks? to|seeking to|upcoming|"
    r"forthcoming|prepar(?:es|ed|ing) to|to be|hopes? to|wants? to|proposed|future|"
    r"invit(?:e|es|ed|ing)|"
    # The purpose of an effort is not achieved by it: "talks to normalize relations",
    # "steps towards restoring ties", "in order to lift the embargo".
    r"(?:talks|negotiations|efforts?|steps|moves?|attempts?|bids?|push|process|initiative|"
    r"measures|roadmap|in order|so as) to|aim(?:ed|ing) (?:at|to)|"
    r"(?:steps|moves?|efforts?|progress|path|roadmap) towards?)\s+"
    r"(?:[\w'\u2019-]+\s+){0,5}$",
    re.IGNORECASE,
)
_NEGATED = re.compile(
    r"\b(?:not|n't|never|no longer|neither|nor|refused to|declined to|deni(?:ed|es)|deny|"
    r"denying|against|rul(?:ed|es|ing) out|"
    r"no (?:plans?|intention|intentions) (?:to|of)|"
    # "would “under no circumstances” apologize", "will in no way accept"
    r"(?:under|in) no (?:circumstances|case|way)[\"'”’]?|by no means[\"'”’]?|"
    # "suspended visa-free travel talks with": talks that are broken off are not held.
    r"suspend(?:s|ed)?|halt(?:s|ed)?|(?:broke|breaks|break) off|froze|freezes)\s+"
    r"(?:[\w'\u2019-]+\s+){0,2}$",
    re.IGNORECASE,
)
# "is not opposed to talks", "has no objection to a meeting": a refusal denied is a
# willingness, the act meant (CAMEO's intent), not refused.
_WILLING = re.compile(
    r"\b(?:not|n't|never)\s+(?:be\s+|been\s+)?(?:opposed|averse|against|object)\s+to\s+"
    r"(?:[\w'\u2019-]+\s+){0,2}$|\bno objections?\s+to\s+(?:[\w'\u2019-]+\s+){0,2}$",
    re.IGNORECASE,
)
# "denied (reports) that Putin had met ...": what is denied is negated.
_DENIED_THAT = re.compile(
    r"\b(?:deni(?:ed|es)|dismissed|rejected)\s+(?:[\w'\u2019-]+\s+){0,2}that\s+"
    r"(?:[\w'\u2019-]+\s+){0,3}$",
    re.IGNORECASE,
)
_FAILED_BEFORE = re.compile(
    r"\b(?:failed to|fell short of|could not|couldn't|was unable to|were unable to|"
    r"cancell?(?:ed|s)?|call(?:ed|s) off|scrap(?:ped|s)?|postpone[sd]?)\s+"
    r"(?:[\w'\u2019-]+\s+){0,2}$",
    re.IGNORECASE,
)
# The words that say a plan was called off ("was postponed", "has been scrapped").
CALLED_OFF = r"(?:cancell?ed|called off|scrapped|postponed|shelved|put off)"
# Cues anywhere in the sentence saying the thing did not come about.
_FAILED_ANYWHERE = re.compile(
    r"\b(?:did not|didn't|never) (?:happen|take place|materiali[sz]e|occur|come about)|"
    r"never (?:happened|took place|materiali[sz]ed)|(?:was|were|has been|have been) "
    rf"{CALLED_OFF}|fell through|"
    r"failed to materiali[sz]e",
    re.IGNORECASE,
)


# "The visit by the Chinese defence minister to Vietnam was postponed": the act's own
# phrase, then its cancellation, in one clause (no comma or conjunction between them).
_CANCELLED_AFTER = re.compile(
    r"^(?:(?!(?:and|but|after|before|when|because|as|while|that|which|who)\b)"
    r"[\w'\u2019-]+\s+){0,12}?"
    r"(?:was|were|has been|have been|had been|is being) "
    r"(?:cancell?ed|called off|scrapped|(?:indefinitely )?postponed|shelved|put off|delayed)\b|"
    # A headline drops the auxiliary: "Lula-Milei meeting called off".
    rf"^{CALLED_OFF}\b",
    re.IGNORECASE,
)


# "would not establish relations until Yerevan signs a peace treaty", "whether Armenia
# will join", "mulls joining": a condition, an open question or an option weighed asserts
# nothing of the act it names.
_CONDITIONAL = re.compile(
    r"\b(?:until|unless|if|once(?! again| more)|whether|as soon as|provided(?: that)?|"
    r"only when|depends? on|depending on|depended on|conditional on|contingent on|"
    r"prerequisite for|precondition for)\s+"
    r"(?:[\w'\u2019-]+\s+){0,5}$|"
    # "Uzbekistan mulls joining the EAEU": what is weighed is neither done nor planned.
    r"\b(?:mull|consider|weigh|contemplate|explore|debate)(?:s|d|ed|ing)?\s+"
    r"(?:[\w'\u2019-]+\s+)?$",
    re.IGNORECASE,
)


# A headline's future: "France to supply Armenia with howitzers", "US, Armenia to hold
# joint drills" (the act up to two words after "to"). Only names before "to" (capitalized
# words), so prose such as "Pashinyan went to Paris to sign" is not read as one.
_HEADLINE_FUTURE = re.compile(
    r"^(?:[A-Z][\w'\u2019.-]*,?\s+(?:and\s+)?){1,4}to\s+(?:[a-z][\w'\u2019-]*\s+){0,2}$"
)
_NOT_A_SUBJECT = re.compile(r"^(?:According|Due|Thanks|Next|Close|Prior|Contrary)\b")


def headline_future(prefix: str) -> bool:
    """Is ``prefix`` (the sentence up to the trigger) a headline's subject and "to"?"""
    return bool(_HEADLINE_FUTURE.match(prefix)) and not _NOT_A_SUBJECT.match(prefix)


# "a meeting with Zelensky was only possible at the final stage": a possibility, not a fact.
_POSSIBLE_AFTER = re.compile(
    r"^(?:[\w'\u2019-]+\s+){0,6}?(?:is|was|would be|will be|remains|remained)\s+(?:only\s+)?"
    r"(?:possible|impossible|conceivable|unlikely|out of the question)\b",
    re.IGNORECASE,
)


def is_conditional(before: str, after: str = "") -> bool:
    """Is the act between ``before`` (the words just before its trigger) and ``after`` (its
    clause after it) only a condition, an open question, an option or a possibility?"""
    return bool(_CONDITIONAL.search(before[-80:]) or _POSSIBLE_AFTER.search(after))


# "Iranian media reported that Tehran had summoned the ambassador, but both ministries
# denied the report": the report's act is denied.
_DENIED_AFTER = re.compile(
    r"\bbut\b[^.;]{0,60}\b(?:denied|dismissed|rejected|refuted)\s+(?:the|these|those|such)\s+"
    r"(?:report|reports|claim|claims|allegation|allegations)\b",
    re.IGNORECASE,
)
# Phrases set off by commas ("Zelensky's visit to Bratislava, planned for this week, was
# postponed"): the act's clause goes on after them.
_INSERTIONS = re.compile(r",[^,]*,")
# "and" between two names joins them ("the foreign ministers of Armenia and Turkey was
# cancelled"); any other "and" may begin a clause of its own.
_NAMES_JOINED = re.compile(r"\b([A-Z][\w'\u2019-]*) and (?=[A-Z])")


# "Trump-Putin phone call set for Thursday", "talks scheduled for next week": the act's
# own clause says when it is to happen.
_SCHEDULED_AFTER = re.compile(
    r"^(?:(?!(?:and|but|after|before|when|because|while|that|which|who)\b)"
    r"[\w'\u2019-]+\s+){0,6}?(?:(?:is|are|was|were|has been|have been)\s+)?"
    # "for"/"on"/"in" only: "signed a deal expected to double trade" is done.
    r"(?:set|scheduled|planned|slated|due|expected)\s+(?:for|on|in)\b",
    re.IGNORECASE,
)

# An act named by its noun and told as still to come: "a large-scale exchange of prisoners
# will take place", "the next round is to be held in Istanbul".
_TO_TAKE_PLACE_AFTER = re.compile(
    r"^(?:(?!(?:and|but|after|before|when|because|while|that|which|who)\b)"
    r"[\w'\u2019-]+\s+){0,6}?"
    r"(?:will|shall|is to|are to|is going to|are going to)\s+"
    r"(?:take place|be held|happen|begin|start|go ahead|be convened)\b",
    re.IGNORECASE,
)


def modality_of(before: str, sentence: str, future_date: bool, after: str = "") -> Modality:
    """The modality of an act from the words just ``before`` its trigger and the sentence.

    A planned act that the same sentence says did not happen is ``failed``, as is an act
    whose own clause says it was called off (``after`` is the text after the trigger: a
    cancelled visit was a planned one); a future date after the trigger ("in the coming
    weeks") makes an act ``planned`` even without a modal.
    """
    tail = before[-80:]
    clause = _NAMES_JOINED.sub(r"\1_and_", _INSERTIONS.sub(" ", after))
    planned = (
        bool(_PLANNED.search(tail))
        or future_date
        or bool(_SCHEDULED_AFTER.search(clause))
        or bool(_TO_TAKE_PLACE_AFTER.search(clause))
    )
    if _FAILED_BEFORE.search(tail) or (_FAILED_ANYWHERE.search(sentence) and planned):
        return Modality.FAILED
    if _CANCELLED_AFTER.search(clause):
        return Modality.FAILED
    if _WILLING.search(tail):
        return Modality.PLANNED
    if _NEGATED.search(tail) or _DENIED_THAT.search(tail) or _DENIED_AFTER.search(after):
        return Modality.NEGATED
    if planned:
        return Modality.PLANNED
    return Modality.REALIZED
