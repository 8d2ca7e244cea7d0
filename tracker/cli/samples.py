"""``tracker samples``: where the bundled sample data lies, wherever the tracker is installed."""

from __future__ import annotations

import click

from tracker.cli.common import echo_json, json_option

__all__ = ["SAMPLES", "sample_path", "samples"]

# name -> (file in seeds/, what it is, a command that uses it)
SAMPLES: dict[str, tuple[str, str, str]] = {
    "feed": (
        "sample_feed.xml",
        "ten US-Armenia articles as an RSS feed (what `tracker demo` reads)",
        "tracker demo",
    ),
    "timeline": (
        "timeline.jsonl",
        "a US-Armenia timeline of events, one JSON object a line",
        "tracker import --sample timeline",
    ),
    "gold": (
        "sample_gold.jsonl",
        "gold sentences to score the extractor against",
        "tracker evaluate --sample",
    ),
}


def sample_path(name: str) -> str:
    """The path of the bundled sample ``name`` on this machine."""
    import seeds

    return str(seeds.path(SAMPLES[name][0]))


@click.command()
@json_option
def samples(as_json: bool) -> None:
    """Print the paths of the bundled sample data, and a command that uses each.

    They ship inside the package, so these paths work after `uv tool install` from any
    directory.

    Example:

        tracker samples && tracker import --sample timeline --db tracker.db
    """
    if as_json:
        echo_json(
            [
                {"name": name, "path": sample_path(name), "about": about, "try": command}
                for name, (_, about, command) in SAMPLES.items()
            ]
        )
        return
    for name, (_, about, command) in SAMPLES.items():
        click.echo(f"{name}: {sample_path(name)}")
        click.echo(f"  {about}; try: {command}")
