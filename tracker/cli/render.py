"""Rich tables and progress bars for the terminal."""

from __future__ import annotations

import sys
from collections.abc import Mapping, Sequence

from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn
from rich.table import Table
from rich.text import Text

from events import RecordedEvent
from tracker.describe import describe

__all__ = ["console", "err_console", "log_table", "progress_bar"]

_MARK_STYLE = {"retracted": "strike red", "confirmed": "green"}

console = Console()
err_console = Console(stderr=True)


def progress_bar(transient: bool = False) -> Progress:
    """A progress bar on stderr (so --json output on stdout stays clean)."""
    return Progress(
        TextColumn("{task.description}"),
        BarColumn(),
        MofNCompleteColumn(),
        TimeElapsedColumn(),
        console=err_console,
        transient=transient,
        disable=not sys.stderr.isatty() and transient,
    )


def log_table(
    rows: Sequence[RecordedEvent], title: str | None = None, marks: Mapping[str, str] = {}
) -> None:
    """The log as a table: position, recorded at, valid time and what happened.

    ``marks`` says which events an analyst retracted or confirmed (by event id).
    """
    table = Table(title=title, show_lines=False)
    table.add_column("pos", justify="right")
    table.add_column("recorded at (UTC)")
    table.add_column("occurred")
    table.add_column("event")
    table.add_column("id", overflow="fold", style="dim")
    for row in rows:
        span = row.event.valid_time()
        mark = marks.get(str(row.event.event_id))
        said = Text(describe(row.event), style=_MARK_STYLE.get(mark or "", ""))
        if mark:
            said.append(f" [{mark}]", style=_MARK_STYLE[mark].replace("strike", "").strip())
        table.add_row(
            str(row.position),
            row.recorded_at.strftime("%Y-%m-%d %H:%M:%S"),
            str(span) if span else "",
            said,
            str(row.event.event_id)[:8],
        )
    console.print(table)
