"""``tracker bench``: run the benchmark sections and print their figures."""

from __future__ import annotations

import importlib
from typing import Any

import click

from tracker.bench import SECTIONS
from tracker.cli.common import echo_json, json_option
from tracker.errors import UsageError

__all__ = ["bench"]


@click.command()
@click.option(
    "--only",
    "only",
    multiple=True,
    type=click.Choice([*SECTIONS, "postgresql"]),
    help="Run only this section (repeatable).",
)
@click.option("--quick", is_flag=True, help="Smaller workloads: a quick look, not the figures.")
@click.option(
    "--db",
    "db",
    metavar="URL",
    help="Also measure this PostgreSQL server beside SQLite (section postgresql; the bench "
    "creates and drops databases of its own there).",
)
@json_option
def bench(only: tuple[str, ...], quick: bool, db: str | None, as_json: bool) -> None:
    """Measure the tracker against raw baselines run alongside it.

    Each figure is a median over several runs, printed beside its baseline and the ratio.

    Example:

        tracker bench --only log
        tracker bench --only postgresql --db postgresql://tracker@localhost/tracker
    """
    from rich.table import Table

    from tracker.bench import Figure
    from tracker.cli.render import console, err_console

    figures: list[Figure] = []
    for name, target in SECTIONS.items():
        if only and name not in only:
            continue
        module_name, attr = target.split(":")
        err_console.print(f"[bold]bench {name}[/bold] ...")
        figures.extend(getattr(importlib.import_module(module_name), attr)(quick))
    if db or "postgresql" in only:
        figures.extend(_postgresql(db, quick))
    if as_json:
        echo_json(
            [
                {
                    "section": f.section,
                    "name": f.name,
                    "value": f.value,
                    "unit": f.unit,
                    "baseline": f.baseline,
                    "baseline_name": f.baseline_name,
                    "ratio": f.ratio,
                    "target": f.target,
                    "target_kind": f.target_kind,
                    "meets_target": f.meets_target,
                    "note": f.note,
                }
                for f in figures
            ]
        )
        return
    table = Table(title="tracker bench")
    for column in ("section", "figure", "value", "baseline", "ratio", "target", "ok"):
        table.add_column(column, justify="right" if column in {"value", "ratio"} else "left")
    for f in figures:
        ok = {True: "[green]yes", False: "[red]no", None: ""}[f.meets_target]
        baseline = f"{f.baseline:,.1f} {f.unit} ({f.baseline_name})" if f.baseline else ""
        target = "" if f.target is None else f"{f.target_kind.replace('value', '')} {f.target:g}"
        table.add_row(
            f.section,
            f.name,
            f"{f.value:,.1f} {f.unit}",
            baseline,
            f"{f.ratio:.2f}x" if f.ratio is not None else "",
            target,
            ok,
        )
    console.print(table)


def _postgresql(db: str | None, quick: bool) -> list[Any]:
    from tracker.store.postgres.connection import is_postgres_url

    if not is_postgres_url(db):
        raise UsageError("the postgresql section measures a server: give --db postgresql://...")
    assert db is not None
    from tracker.bench.postgres_bench import run_against
    from tracker.cli.render import err_console

    err_console.print("[bold]bench postgresql[/bold] ...")
    return list(run_against(db, quick))
