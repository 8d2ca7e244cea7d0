"""The spaCy frame: a blank English pipeline with a sentencizer and the lookup lemmatizer.

Everything is offline and identical on every machine: no trained model is loaded, the
lemma tables come from spacy-lookups-data, and the tokenizer is taught to split
"U.S.-Armenia" into its two actors.
"""

from __future__ import annotations

from typing import Any

import spacy
from spacy.util import compile_infix_regex

__all__ = ["blank_pipeline"]


def blank_pipeline() -> Any:
    """A fresh ``en`` pipeline: tokenizer, sentencizer, lookup lemmatizer."""
    nlp = spacy.blank("en")
    infixes = [*(nlp.Defaults.infixes or ()), r"(?<=[A-Za-z]\.)[-\u2013\u2014](?=[A-Z])"]
    # spaCy types the tokenizer as a plain callable; the blank pipeline's is a Tokenizer.
    nlp.tokenizer.infix_finditer = compile_infix_regex(infixes).finditer  # type: ignore[union-attr]
    nlp.add_pipe("sentencizer")
    nlp.add_pipe("lemmatizer", config={"mode": "lookup"})
    nlp.initialize()
    return nlp
