"""Commands over extraction: reextract, export, evaluate."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from tracker.cli.common import (
    counted,
    db_option,
    echo_json,
    json_option,
    parse_date,
    require_database,
)
from tracker.errors import UsageError
from tracker.extract.article_score import LEVELS

__all__ = ["evaluate", "export", "reextract"]

_MAP_NAME = "CAMEO2PLOVER-2021.txt"


@click.command()
@click.option("--since", help="Only articles published on or after this date (YYYY-MM-DD).")
@click.option(
    "--workers",
    type=click.IntRange(min=1),
    help="Processes that read articles (default: the number of cores).",
)
@click.option("--force", is_flag=True, help="Also re-read articles this version has read.")
@db_option
@json_option
def reextract(since: str | None, workers: int | None, force: bool, db: str, as_json: bool) -> None:
    """Re-run the current extractor over stored articles and reconcile the log.

    Events it no longer finds are retracted, new ones appended, all tagged with the
    extractor version. Each article is one transaction, so an interrupted run is resumed
    by running it again: articles this version has read are skipped (--force reads them
    too), and running it again with no change appends nothing.

    Example:

        tracker reextract --since 2025-01-01 --workers 4 --db tracker.db
    """
    import os

    from tracker.app import Tracker
    from tracker.cli.render import progress_bar
    from tracker.extract.reextract import reextract as run
    from tracker.extract.version import EXTRACTOR_NAME, EXTRACTOR_VERSION

    start = parse_date(since, "--since")
    require_database(db)
    with Tracker.open(db) as t, progress_bar(transient=as_json) as bar:
        task = bar.add_task("re-reading articles", total=None)
        result = run(
            t,
            start,
            workers=workers or os.cpu_count() or 1,
            force=force,
            progress=lambda done, total: bar.update(task, completed=done, total=total),
        )
    summary = {
        "extractor": f"{EXTRACTOR_NAME} {EXTRACTOR_VERSION}",
        "articles": result.articles,
        "skipped": result.skipped,
        "appended": result.appended,
        "retracted": result.retracted,
    }
    if as_json:
        echo_json(summary)
        return
    click.echo(
        f"{summary['extractor']}: {result.articles} articles read "
        f"({result.skipped} already read by this version), "
        f"{counted(result.appended, 'event')} appended, {result.retracted} retracted"
    )


@click.command()
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["jsonl", "csv"]),
    default="jsonl",
    show_default=True,
    help="Output format.",
)
@click.option("--relationship", help="Only events of this pair, e.g. ARM-USA.")
@click.option("--json", "as_json", is_flag=True, help="Print one JSON array instead.")
@db_option
def export(fmt: str, relationship: str | None, as_json: bool, db: str) -> None:
    """Print one row per diplomatic event, with its sources and extractor.

    Example:

        tracker export --format csv --relationship ARM-USA --db tracker.db > arm-usa.csv
    """
    from events import Relationship
    from tracker.app import Tracker
    from tracker.extract.export import export_rows, to_csv, to_jsonl

    key = None
    if relationship is not None:
        try:
            key = Relationship.model_validate(relationship.upper()).key
        except ValueError:
            raise UsageError(
                f"--relationship {relationship!r} is not a pair of actor codes like ARM-USA"
            ) from None
    require_database(db)
    with Tracker.open(db) as t:
        rows = export_rows(t.store, key)
        if as_json:
            echo_json(list(rows))
            return
        lines = to_csv(rows) if fmt == "csv" else (line + "\n" for line in to_jsonl(rows))
        for line in lines:
            sys.stdout.write(line)


def _plover_map(given: Path | None) -> Path | None:
    """The CAMEO-to-PLOVER map: the one given, else ../shared/reference if present."""
    if given is not None:
        return given
    for base in (Path.cwd(), Path(__file__).resolve().parents[2]):
        candidate = base.parent / "shared" / "reference" / _MAP_NAME
        if candidate.is_file():
            return candidate
    return None


@click.command()
@click.argument("gold", type=click.Path(exists=True, path_type=Path), required=False)
@click.option(
    "--sample",
    is_flag=True,
    help="Score against the bundled sample gold sentences instead of GOLD.",
)
@click.option(
    "--plover-map",
    type=click.Path(dir_okay=False, path_type=Path),
    help=f"The {_MAP_NAME} file, for PLOVER gold (default: ../shared/reference).",
)
@click.option(
    "--states",
    "states_file",
    type=click.Path(exists=True, dir_okay=False, path_type=Path),
    help="Expected states of an article set (default: states.jsonl beside its articles).",
)
@click.option("--no-states", is_flag=True, help="Do not score the states of an article set.")
@click.option(
    "--level",
    type=click.Choice(LEVELS),
    default="modality",
    show_default=True,
    help="For an article set: the level whose misses and false events --errors lists.",
)
@click.option("--errors", "show_errors", is_flag=True, help="List what it got wrong.")
@json_option
def evaluate(
    gold: Path | None,
    sample: bool,
    plover_map: Path | None,
    states_file: Path | None,
    no_states: bool,
    level: str,
    show_errors: bool,
    as_json: bool,
) -> None:
    """Score the extractor against a gold file or an article set: precision and recall.

    GOLD is a file of gold sentences (sample, PETR2 or PLOVER: acts compared on source
    country, target country and CAMEO root, or PLOVER category; the sample on dates and
    modality too), or an article set: a directory holding articles.jsonl (or that file),
    whose articles are read through the tracker into a fresh log and scored at five levels
    (pair, root, date, modality, grounded), per CAMEO root, and on its expected states
    fact by fact.

    Example:

        tracker evaluate --sample --errors
    """
    from tracker.extract.article_set import is_article_set

    if (gold is None) == (not sample):
        raise UsageError("give a GOLD file or set, or --sample (one of the two)")
    if gold is None:
        from tracker.cli.samples import sample_path

        gold = Path(sample_path("gold"))

    if is_article_set(gold):
        _evaluate_articles(gold, states_file, no_states, level, show_errors, as_json)
        return
    if gold.is_dir():
        raise UsageError(f"{gold} is a directory without articles.jsonl: give a gold file")
    if states_file is not None:
        raise UsageError("--states is for an article set (a directory with articles.jsonl)")
    _evaluate_sentences(gold, plover_map, show_errors, as_json)


def _evaluate_sentences(
    gold: Path, plover_map: Path | None, show_errors: bool, as_json: bool
) -> None:
    from tracker.extract.coder import Coder
    from tracker.extract.evaluate import evaluate as score
    from tracker.extract.gold import load_gold, load_plover_map

    rows = load_gold(gold)
    table = None
    if any(row.plover for row in rows):
        path = _plover_map(plover_map)
        if path is None:
            raise UsageError(f"{gold} holds PLOVER rows: give the map with --plover-map")
        table = load_plover_map(path)
    report = score(rows, Coder(), table).as_dict()
    if as_json:
        echo_json(report)
        return
    overall = report["overall"]
    click.echo(
        f"{gold}: {report['scored_rows']} of {report['rows']} rows scored; "
        f"P {overall['precision']:.3f}  R {overall['recall']:.3f}  F1 {overall['f1']:.3f} "
        f"(tp {overall['tp']}, fp {overall['fp']}, fn {overall['fn']}); "
        f"{report['false_alarms_outside_scored_rows']} acts read in unscored rows"
    )
    for code, s in report["by_code"].items():
        click.echo(
            f"  {code:<11} P {s['precision']:.3f}  R {s['recall']:.3f}  F1 {s['f1']:.3f}"
            f"  (tp {s['tp']}, fp {s['fp']}, fn {s['fn']})"
        )
    if show_errors:
        for error in report["errors"]:
            click.echo(f"- {error['id']}: wrong {error['wrong']} missed {error['missed']}")
            click.echo(f"    {error['text']}")


def _evaluate_articles(
    gold: Path,
    states_file: Path | None,
    no_states: bool,
    level: str,
    show_errors: bool,
    as_json: bool,
) -> None:
    from tracker.cli.evaluate_render import error_lines, levels_table, roots_table, states_line
    from tracker.cli.render import console, progress_bar
    from tracker.extract.article_score import score_article_set
    from tracker.extract.article_set import load_articles, load_states, states_beside

    articles = load_articles(gold)
    if not articles:
        raise UsageError(f"{gold} holds no article: give a set with one article a line")
    if no_states:
        states_file = None
    elif states_file is None:
        states_file = states_beside(gold)
    states = load_states(states_file) if states_file is not None else None
    with progress_bar(transient=as_json) as bar:
        task = bar.add_task("reading articles", total=len(articles))
        report = score_article_set(
            articles, states, progress=lambda n: bar.advance(task, n), error_level=level
        ).as_dict()
    if as_json:
        echo_json(report)
        return
    console.print(levels_table(report, str(gold)))
    console.print(roots_table(report))
    line = states_line(report)
    if line is not None:
        click.echo(f"{line} — {states_file}")
    if show_errors:
        urls = {article.id: article.url for article in articles}
        click.echo()
        for text in error_lines(report, urls):
            click.echo(text)
