"""An article set: real articles with the events and states a careful human coder reads in them.

The format is that of ``../shared/eval/articles-dev`` (see its README): ``articles.jsonl``
holds one article a line with its ``expected`` events, ``states.jsonl`` the expected states
of some relationships on some dates. Both are validated when loaded, so a malformed line is
named with its number instead of failing deep inside the scorer.
"""

from __future__ import annotations

import json
from datetime import date, datetime
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from events import FuzzyDate
from tracker.errors import UsageError

__all__ = [
    "Alternative",
    "ExpectedEvent",
    "ExpectedState",
    "GoldArticle",
    "load_articles",
    "load_states",
]


class _Row(BaseModel):
    model_config = ConfigDict(extra="ignore", frozen=True)


class Alternative(_Row):
    """Another coding a coder also accepts: any field left out is the expected one's."""

    type: str | None = None
    cameo: str | None = None
    modality: str | None = None
    source: str | None = None
    target: str | None = None


class ExpectedEvent(_Row):
    """One act a coder reads in an article, with the sentence that states it."""

    event_id: str
    actors: list[str] = Field(default_factory=list)
    source: str
    target: str
    type: str
    cameo: str = Field(pattern=r"^\d{2,4}$")
    date: str
    date_basis: str = ""
    modality: str
    object: str | None = None
    evidence: str
    note: str | None = None
    acceptable_alternatives: list[Alternative] = Field(default_factory=list)

    @property
    def when(self) -> FuzzyDate:
        return FuzzyDate.parse(self.date)


class GoldArticle(_Row):
    """An article as a feed gives it, and what a coder reads in it."""

    id: str
    url: str
    outlet: str = ""
    published: str
    title: str = ""
    text: str
    expected: list[ExpectedEvent] = Field(default_factory=list)

    @property
    def published_at(self) -> datetime:
        moment = datetime.fromisoformat(self.published)
        return moment if moment.tzinfo else moment.replace(hour=12)


class StateFact(_Row):
    """An agreement or membership of an expected state (the other fields are context)."""

    name: str | None = None
    status: str
    date: str | None = None
    member: str | None = None
    org: str | None = None
    since: str | None = None
    events: list[str] = Field(default_factory=list)


class LastContact(_Row):
    date: str
    type: str = ""
    events: list[str] = Field(default_factory=list)


class ExpectedState(_Row):
    """What a reader should be told about a pair on a date."""

    dyad: tuple[str, str]
    as_of: date
    agreements: list[StateFact] = Field(default_factory=list)
    memberships: list[StateFact] = Field(default_factory=list)
    last_contact: LastContact | None = None


def _lines(path: Path) -> list[tuple[int, dict[str, Any]]]:
    try:
        raw = path.read_bytes()
    except OSError as exc:
        raise UsageError(f"cannot read {path}: {exc.strerror or exc}") from exc
    rows: list[tuple[int, dict[str, Any]]] = []
    for number, line in enumerate(raw.splitlines(), 1):
        if not line.strip():
            continue
        try:
            value = json.loads(line)
        except (UnicodeDecodeError, json.JSONDecodeError) as exc:
            raise UsageError(f"{path}, line {number}: not a JSON object ({exc})") from exc
        if not isinstance(value, dict):
            raise UsageError(f"{path}, line {number}: not a JSON object")
        rows.append((number, value))
    return rows


def _articles_file(path: Path) -> Path:
    return path / "articles.jsonl" if path.is_dir() else path


def load_articles(path: Path) -> list[GoldArticle]:
    """The articles of a set (a directory holding ``articles.jsonl``, or that file)."""
    file = _articles_file(path)
    articles: list[GoldArticle] = []
    for number, row in _lines(file):
        try:
            article = GoldArticle.model_validate(row)
            article.published_at  # noqa: B018 (validates the date)
            for event in article.expected:
                event.when  # noqa: B018
        except (ValidationError, ValueError) as exc:
            first = str(exc).splitlines()[:3]
            raise UsageError(f"{file}, line {number}: not an article: {' '.join(first)}") from exc
        articles.append(article)
    return articles


def states_beside(path: Path) -> Path | None:
    """The ``states.jsonl`` of a set, when it has one."""
    folder = path if path.is_dir() else path.parent
    candidate = folder / "states.jsonl"
    return candidate if candidate.is_file() else None


def load_states(path: Path) -> list[ExpectedState]:
    """The expected states of a set, validated."""
    states: list[ExpectedState] = []
    for number, row in _lines(path):
        try:
            states.append(ExpectedState.model_validate(row))
        except ValidationError as exc:
            first = str(exc).splitlines()[:3]
            raise UsageError(f"{path}, line {number}: not a state: {' '.join(first)}") from exc
    return states


def is_article_set(path: Path) -> bool:
    """True for a directory with ``articles.jsonl`` or that file (whatever its lines hold,
    so that a malformed line is named by :func:`load_articles`), or for a JSONL file whose
    first line is an article with a url, a publication date and expected events.
    """
    file = _articles_file(path)
    if not file.is_file():
        return False
    if file.name == "articles.jsonl":
        return True
    try:
        with file.open("rb") as handle:
            first = next((line for line in handle if line.strip()), b"")
        row = json.loads(first) if first else {}
    except (OSError, UnicodeDecodeError, json.JSONDecodeError):
        return False
    return isinstance(row, dict) and "url" in row and "expected" in row and "published" in row
