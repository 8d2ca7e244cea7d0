"""Rich tables and progress bars for the terminal.

Every table fits the terminal, 80 columns when piped: one line per row where a row is a
feed (long errors go on lines of their own, cut to the width, the whole text in
``--json``), and the log takes two lines per event when a table would squeeze its words.
"""

from __future__ import annotations

import sys
from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING

from rich.console import Console
from rich.table import Table
from rich.text import Text

if TYPE_CHECKING:
    from rich.progress import Progress

    from events import RecordedEvent

__all__ = ["console", "err_console", "log_table", "problem_lines", "progress_bar"]

_MARK_STYLE = {"retracted": "strike red", "confirmed": "green"}
# Below this width the log's table would leave its event column a few words wide.
_WIDE_LOG = 120
_INDENT = 7  # of an event's words under its line in the narrow log

console = Console()
err_console = Console(stderr=True)


def progress_bar(transient: bool = False) -> Progress:
    """A progress bar on stderr (so --json output on stdout stays clean)."""
    # Imported here: `tracker state` prints a panel and never a bar (a tenth of its start).
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

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
    if console.width < _WIDE_LOG:
        _log_lines(rows, title, marks)
        return
    table = Table(title=title, show_lines=False)
    table.add_column("pos", justify="right")
    table.add_column("recorded at (UTC)")
    table.add_column("occurred")
    table.add_column("event")
    table.add_column("id", overflow="fold", style="dim")
    for row in rows:
        span = row.event.valid_time()
        table.add_row(
            str(row.position),
            row.recorded_at.strftime("%Y-%m-%d %H:%M:%S"),
            str(span) if span else "",
            _said(row, marks),
            str(row.event.event_id)[:8],
        )
    console.print(table)


def _said(row: RecordedEvent, marks: Mapping[str, str]) -> Text:
    """What happened, struck through when retracted, marked when confirmed."""
    mark = marks.get(str(row.event.event_id))
    from tracker.describe import describe  # the event vocabulary: only the log's tables

    said = Text(describe(row.event), style=_MARK_STYLE.get(mark or "", ""))
    if mark:
        said.append(f" [{mark}]", style=_MARK_STYLE[mark].replace("strike", "").strip())
    return said


def _log_lines(rows: Sequence[RecordedEvent], title: str | None, marks: Mapping[str, str]) -> None:
    """The log on a narrow terminal: a line of position, times and id, then the event's
    words beneath it, wrapped with an indent."""
    if title:
        console.print(title, style="italic")
    console.print(Text("  pos  recorded at (UTC)    occurred    id", style="bold"))
    for row in rows:
        span = row.event.valid_time()
        head = (
            f"{row.position:>5}  {row.recorded_at:%Y-%m-%d %H:%M:%S}  "
            f"{str(span) if span else '':<10}  "
        )
        console.print(Text.assemble(head, (str(row.event.event_id)[:8], "dim")), no_wrap=True)
        for line in _said(row, marks).wrap(console, console.width - _INDENT):
            line.rstrip()
            console.print(Text(" " * _INDENT) + line, no_wrap=True)


def problem_lines(problems: Sequence[tuple[str, str]]) -> None:
    """Each feed's problem on a line of its own, cut to the terminal's width."""
    for name, error in problems:
        line = Text(f"{name}: {' '.join(str(error).split())}", style="red")
        line.truncate(console.width, overflow="ellipsis")
        console.print(line, no_wrap=True)
    if problems:
        console.print("(the full text of each: --json)", style="dim")
