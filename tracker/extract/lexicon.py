"""The word lists of the extractor's reading rules, read from ``seeds/extractor/lexicon.toml``.

Every rule of the coder that recognises words by a list ("things received that are not
guests", "nouns that name a contact told before") takes its list from that file, by the
module and the rule's name (``coder.not_a_guest``). The file is validated when first read:
a list that is missing, empty, or holds something other than lower-case words stops the
extractor with a message naming the file and the list.
"""

from __future__ import annotations

from functools import cache
from typing import Any

from pydantic import BaseModel, ConfigDict, Field

import seeds
from tracker.errors import UsageError
from tracker.extract.knowledge import Source, read_toml, validated

__all__ = ["LEXICON_FILE", "lexicon", "load_lexicon"]

LEXICON_FILE = "lexicon.toml"


class _List(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)
    words: list[str] = Field(min_length=1)


def _check(source: Source, name: str, words: list[str]) -> frozenset[str]:
    for word in words:
        if not word or word != word.lower() or word != " ".join(word.split()):
            raise UsageError(f"{source}: {name}: {word!r} is not a word (or words) in lower case")
    return frozenset(words)


def load_lexicon(source: Source | None = None) -> dict[str, frozenset[str]]:
    """Every list of ``lexicon.toml`` by its name ("coder.not_a_guest")."""
    source = source or seeds.path("extractor").joinpath(LEXICON_FILE)
    raw: dict[str, Any] = read_toml(source)
    lists: dict[str, frozenset[str]] = {}
    for module, tables in raw.items():
        if not isinstance(tables, dict):
            raise UsageError(f"{source}: {module}: expected tables of word lists")
        for rule, table in tables.items():
            name = f"{module}.{rule}"
            if not isinstance(table, dict) or not table.get("words"):
                raise UsageError(f"{source}: [{name}] needs words = [...], at least one word")
            entry = validated(_List, source, table, name)
            lists[name] = _check(source, name, entry.words)
    return lists


@cache
def _bundled() -> dict[str, frozenset[str]]:
    return load_lexicon()


def lexicon(name: str) -> frozenset[str]:
    """The bundled word list ``name`` ("coder.not_a_guest")."""
    lists = _bundled()
    if name not in lists:
        raise UsageError(f"seeds/extractor/{LEXICON_FILE}: no word list [{name}]")
    return lists[name]
