"""The extractor's knowledge, read from its data files: trigger patterns and office titles.

The files live in ``seeds/extractor/`` (its README.md describes them) and are validated when
loaded: an unknown event type, role, CAMEO code, set name or level, or a malformed pattern,
is a :class:`~tracker.errors.UsageError` naming the file, the trigger (or title) and the
pattern, and saying what is wrong.
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass
from importlib.resources.abc import Traversable
from pathlib import Path
from typing import Annotated, Any, Literal, TypeVar

from pydantic import AfterValidator, BaseModel, ConfigDict, Field, ValidationError

import seeds
from events import ContactLevel, DiplomaticEvent, event_class
from events.cameo import cameo_table
from tracker.errors import UsageError
from tracker.extract.pattern_syntax import Trigger, parse_pattern

__all__ = [
    "TRIGGER_FILES",
    "Titles",
    "load_titles",
    "load_triggers",
    "load_words",
    "read_toml",
    "validated",
]

# The trigger families, in the order the coder tries them.
TRIGGER_FILES = ("triggers_ties.toml", "triggers_stances.toml")
WORDS_FILE = "words.toml"
TITLES_FILE = "titles.toml"

Source = Path | Traversable
M = TypeVar("M", bound=BaseModel)


def _word(word: str) -> str:
    if not word or word != word.lower() or any(c.isspace() for c in word) or "|" in word:
        raise ValueError(f"{word!r} is not a single word in lower case")
    return word


def _event_type(name: str) -> str:
    try:
        cls = event_class(name)
    except KeyError:
        raise ValueError(f"unknown event type {name!r}") from None
    if not issubclass(cls, DiplomaticEvent):
        raise ValueError(f"{name!r} is not a diplomatic event type")
    return name


def _cameo_code(code: str) -> str:
    if code not in cameo_table():
        raise ValueError(f"CAMEO code {code!r} is not in seeds/cameo_codes.csv")
    return code


Word = Annotated[str, AfterValidator(_word)]
EventType = Annotated[str, AfterValidator(_event_type)]
CameoCode = Annotated[str, AfterValidator(_cameo_code)]


class _Strict(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")


class _TriggerEntry(_Strict):
    name: str = Field(min_length=1)
    event: EventType
    roles: Literal["directed", "mutual", "membership", "visit", "host", "reported", "conditional"]
    patterns: list[str] = Field(min_length=1)
    cameo: CameoCode | None = None
    needs: Literal["agreement", "pair"] | None = None
    announced: EventType | None = None
    topic_after: bool = False
    governs: bool = False
    content_dated: bool = True
    agreement_name: str | None = Field(default=None, min_length=1)
    source: Literal["organisation"] | None = None
    both_ways: bool = False
    stated: bool = False


class _TriggerFile(_Strict):
    sets: dict[str, list[Word]] = {}
    trigger: list[_TriggerEntry] = Field(min_length=1)


class _WordsFile(_Strict):
    sets: dict[str, list[Word]]


class _TitleEntry(_Strict):
    words: str = Field(min_length=1)
    office: str | None = None
    level: ContactLevel


class _TitlesFile(_Strict):
    possessive: list[str] = Field(min_length=1)
    portfolio: list[Word]
    max_portfolio_words: int = Field(ge=0)
    not_names: list[str]
    max_name_words: int = Field(ge=1)
    qualifiers: dict[Word, ContactLevel | Literal["same"]]
    title: list[_TitleEntry] = Field(min_length=1)


@dataclass(frozen=True, slots=True)
class Titles:
    """The title words of ``titles.toml``, in the shapes :mod:`~tracker.extract.titles` reads."""

    titles: tuple[tuple[tuple[str, ...], str | None, ContactLevel], ...]
    qualifiers: dict[str, ContactLevel | None]  # None: the title keeps its level
    portfolio: frozenset[str]
    max_portfolio: int
    possessive: frozenset[str]
    not_names: frozenset[str]
    max_name: int


def read_toml(source: Source) -> dict[str, Any]:
    try:
        return tomllib.loads(source.read_text(encoding="utf-8"))
    except OSError as exc:
        raise UsageError(f"{source}: cannot read the file ({exc})") from exc
    except tomllib.TOMLDecodeError as exc:
        raise UsageError(f"{source}: not valid TOML: {exc}") from exc


def validated(model: type[M], source: Source, raw: dict[str, Any], item: str) -> M:
    """``raw`` as ``model``; an error names the file, the entry (by its name) and the field."""
    try:
        return model.model_validate(raw)
    except ValidationError as exc:
        lines = []
        for error in exc.errors():
            loc = list(error["loc"])
            where = ".".join(str(part) for part in loc) or "the file"
            if len(loc) >= 2 and loc[0] == item and isinstance(loc[1], int):
                entries = raw.get(item, [])
                entry = entries[loc[1]] if loc[1] < len(entries) else {}
                label = entry.get("name") or entry.get("words") if isinstance(entry, dict) else None
                rest = ".".join(str(part) for part in loc[2:])
                where = f"{item} {label!r}" if label else f"{item} number {loc[1] + 1}"
                where += f", {rest}" if rest else ""
            message = error["msg"].removeprefix("Value error, ")
            lines.append(f"{source}: {where}: {message}")
        raise UsageError("\n".join(lines)) from None


def load_words(source: Source | None = None) -> dict[str, list[str]]:
    """The named word sets shared by every trigger file (``words.toml``)."""
    source = source or seeds.path("extractor").joinpath(WORDS_FILE)
    return dict(validated(_WordsFile, source, read_toml(source), "sets").sets)


def _triggers_of(source: Source, shared: dict[str, list[str]], seen: set[str]) -> list[Trigger]:
    data = validated(_TriggerFile, source, read_toml(source), "trigger")
    clash = sorted(data.sets.keys() & shared.keys())
    if clash:
        raise UsageError(f"{source}: the set {clash[0]!r} is already defined in {WORDS_FILE}")
    sets = {**shared, **data.sets}
    triggers = []
    for entry in data.trigger:
        if entry.name in seen:
            raise UsageError(f"{source}: trigger {entry.name!r}: the name is already used")
        seen.add(entry.name)
        patterns = []
        for number, text in enumerate(entry.patterns, start=1):
            try:
                patterns.append(parse_pattern(text, sets))
            except ValueError as exc:
                raise UsageError(
                    f"{source}: trigger {entry.name!r}, pattern {number} "
                    f"({' '.join(text.split())!r}): {exc}"
                ) from None
        triggers.append(
            Trigger(
                entry.name,
                entry.event,
                entry.roles,
                patterns,
                cameo=entry.cameo,
                needs=entry.needs,
                announced=entry.announced,
                topic_after=entry.topic_after,
                governs=entry.governs,
                content_dated=entry.content_dated,
                agreement_name=entry.agreement_name,
                source=entry.source,
                both_ways=entry.both_ways,
                stated=entry.stated,
            )
        )
    return triggers


def load_triggers(
    sources: tuple[Source, ...] | None = None, words: Source | None = None
) -> tuple[Trigger, ...]:
    """Every trigger of the trigger files (by default ``TRIGGER_FILES``), in their order."""
    folder = seeds.path("extractor")
    shared = load_words(words)
    seen: set[str] = set()
    triggers: list[Trigger] = []
    for source in sources or tuple(folder.joinpath(name) for name in TRIGGER_FILES):
        triggers += _triggers_of(source, shared, seen)
    return tuple(triggers)


def load_titles(source: Source | None = None) -> Titles:
    """The office titles, qualifiers and name rules of ``titles.toml``."""
    source = source or seeds.path("extractor").joinpath(TITLES_FILE)
    data = validated(_TitlesFile, source, read_toml(source), "title")
    titles = tuple((tuple(t.words.split()), t.office, t.level) for t in data.title)
    for number, (words, _, _) in enumerate(titles):
        if any(w != w.lower() for w in words):
            raise UsageError(f"{source}: title {' '.join(words)!r}: write its words in lower case")
        # A title is read as the first of the list that fits: a longer title must come
        # before a shorter one it starts or ends with ("foreign minister" before "minister").
        for longer, _, _ in titles[number + 1 :]:
            if longer == words:
                raise UsageError(f"{source}: title {' '.join(words)!r} is listed twice")
            if len(longer) > len(words) and words in (longer[: len(words)], longer[-len(words) :]):
                raise UsageError(
                    f"{source}: title {' '.join(words)!r} must come after "
                    f"{' '.join(longer)!r}, which it would hide"
                )
    if not any(words == ("minister",) for words, _, _ in titles):
        raise UsageError(f"{source}: the title 'minister' is missing (a portfolio precedes it)")
    return Titles(
        titles=titles,
        qualifiers={
            word: None if level == "same" else level for word, level in data.qualifiers.items()
        },
        portfolio=frozenset(data.portfolio),
        max_portfolio=data.max_portfolio_words,
        possessive=frozenset(data.possessive),
        not_names=frozenset(data.not_names),
        max_name=data.max_name_words,
    )
