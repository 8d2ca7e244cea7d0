"""Rich renderings of relationship states, relations, timelines and replays."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from typing import TYPE_CHECKING, Protocol

from rich.console import Group
from rich.panel import Panel
from rich.table import Table
from rich.text import Text

from tracker.actors import actor_name
from tracker.narrate import (
    change_words,
    commitment_words,
    earlier_commitments_words,
    party_words,
    reason_words,
    step_actor,
)
from tracker.projections import (
    Contact,
    RelationshipView,
    SourceRef,
    Step,
    ToneFigures,
)
from tracker.words import (
    StatusKind,
    area_words,
    level_words,
    modality_words,
    status_words,
    type_words,
)

if TYPE_CHECKING:  # the queries (and the replay's machinery) load only where they run
    from tracker.queries import RelationSummary, ReplayStep, TimelineEntry

__all__ = ["relations_table", "replay_lines", "state_panel", "timeline_table"]

_STATUS_STYLE = {
    "candidate": "yellow",
    "invited": "yellow",
    "invitation_declined": "red",
    "participation_frozen": "red",
    "signed": "green",
    "ratified": "green",
    "in_force": "bold green",
    "member": "green",
    "fulfilled": "green",
    "pending": "yellow",
    "negotiating": "yellow",
    "applied": "yellow",
    "accession_suspended": "red",
    "overdue": "bold red",
    "failed": "red",
    "terminated": "red",
    "withdrawn": "red",
    "suspended": "red",
    "withdrawal_announced": "red",
    "established": "green",
    "downgraded": "yellow",
    "severed": "bold red",
}


def _status(kind: StatusKind, status: str) -> Text:
    return Text(status_words(kind, status), style=_STATUS_STYLE.get(status, ""))


def _steps(kind: StatusKind, steps: Sequence[Step], parties: tuple[str, ...]) -> str:
    """Steps in words: "signed 2025-01-14 by Armenia and the United States, ..."."""
    said = []
    for s in steps:
        text = f"{status_words(kind, s.status)} {s.date}"
        if kind == "relations":
            text += f" by {step_actor(s.event_type, s.actor, parties)}"
        if s.modality != "realized":
            text += f" ({modality_words(s.modality)})"
        said.append(text)
    return ", ".join(said)


class _Evidenced(Protocol):
    # What every fact of a state says of its sources.
    @property
    def confidence(self) -> float | None: ...
    @property
    def independent_sources(self) -> int: ...
    @property
    def confirmed(self) -> bool: ...


def _evidence(fact: _Evidenced) -> str:
    """A fact's backing, compactly: "3 sources, best 0.90", "1 source, confirmed"."""
    count = fact.independent_sources
    said = f"{count} source{'' if count == 1 else 's'}"
    if fact.confirmed:
        return f"{said}, confirmed"
    return f"{said}, best {fact.confidence:.2f}" if fact.confidence is not None else said


def _day(text: str) -> str:
    """A fact's date as a reader writes it: "8 Aug 2025", "Aug 2025", "2025"."""
    if len(text) == 10:
        day = date.fromisoformat(text)
        return f"{day.day} {day:%b %Y}"
    if len(text) == 7:
        return f"{date(int(text[:4]), int(text[5:]), 1):%b %Y}"
    return text


def _sources(refs: Sequence[SourceRef]) -> list[str]:
    """Each source once, with the events it backs: "https://... (events 001aca7d, cc10aec2)"."""
    events: dict[str, list[str]] = {}
    for ref in refs:
        where = ref.url or (f"article {ref.article_id}" if ref.article_id else "no source recorded")
        events.setdefault(where, []).append(ref.event_id[:8])
    return [
        f"{where} (event{'s' if len(ids) > 1 else ''} {', '.join(ids)})"
        for where, ids in events.items()
    ]


def _table(title: str, *columns: str) -> Table:
    table = Table(title=title, title_justify="left", expand=True, show_edge=False)
    for column in columns:
        table.add_column(column)
    return table


def state_panel(state: RelationshipView) -> Panel:
    """The whole state of a relationship, as one panel."""
    parts: list[Text | Table] = [
        Text.assemble(
            ("label: ", "bold"),
            (state.label, "bold cyan"),
            f"  ({reason_words(state.label_reason)})",
        )
    ]
    if state.agreements:
        table = _table("Agreements", "agreement", "status", "since", "steps", "sources")
        for a in state.agreements:
            steps = _steps("agreement", a.steps, state.actors)
            table.add_row(
                a.name, _status("agreement", a.status), a.status_date, steps, _evidence(a)
            )
        parts.append(table)
    if state.memberships:
        table = _table("Memberships", "organisation", "member", "status", "since", "sources")
        for m in state.memberships:
            table.add_row(
                m.name,
                actor_name(m.member),
                _status("membership", m.status),
                m.status_date,
                _evidence(m),
            )
        parts.append(table)
    relations = state.relations
    if relations is not None:
        steps = _steps("relations", relations.steps, state.actors)
        parts.append(
            Text.assemble(
                ("diplomatic relations: ", "bold"),
                _status("relations", relations.status),
                f" since {relations.status_date} ({steps}; {_evidence(relations)})",
            )
        )
    if state.commitments:
        table = _table("Commitments", "commitment", "made", "due", "status", "since", "sources")
        for c in state.commitments:
            table.add_row(
                commitment_words(c.name, c.kind),
                c.made,
                c.due or "",
                _status("commitment", c.status),
                c.status_date,
                _evidence(c),
            )
        parts.append(table)
    earlier = earlier_commitments_words(state.earlier_commitments)
    if earlier is not None:
        parts.append(Text.assemble(("commitments ", "bold"), earlier, " (each in the timeline)"))
    for title, contact in (
        ("last contact: ", state.last_contact),
        ("last high-level contact: ", state.last_high_level_contact),
    ):
        parts.append(
            Text.assemble((title, "bold"), _contact(contact) if contact else "none recorded")
        )
    if state.areas:
        areas = ", ".join(f"{area_words(a.area)} ({a.first_date})" for a in state.areas)
        parts.append(Text.assemble(("areas: ", "bold"), areas))
    tone = state.tone
    parts.append(
        Text.assemble(
            ("tone: ", "bold"),
            f"last {tone.window_days} days: {_figures(tone.recent)}; ",
            f"overall: {_figures(tone.overall)}",
        )
    )
    if state.sources:
        parts.append(Text("sources:", style="bold"))
        parts.extend(Text(f"  {line}", style="dim") for line in _sources(state.sources))
    known = f"known at {state.known_at:%Y-%m-%d %H:%M}Z" if state.known_at else "known now"
    names = " – ".join(f"{actor_name(code)} ({code})" for code in state.actors)
    return Panel(Group(*parts), title=f"{names}, as of {state.as_of} ({known})")


def _contact(contact: Contact) -> str:
    """A contact in words: "8 Aug 2025, agreement signed: Joint Declaration; 2 sources"."""
    said = f"{_day(contact.date)}, {type_words(contact.event_type)}"
    if contact.topic:
        said += f": {contact.topic}"
    level = level_words(contact.level) if contact.level != "unknown" else None
    details = [d for d in (contact.place, level, ", ".join(contact.people)) if d]
    if details:
        said += f" ({'; '.join(details)})"
    return f"{said}; {_evidence(contact)}"


def _figures(tone: ToneFigures) -> str:
    if tone.mean_goldstein is None:
        return "no events"
    events = f"{tone.events} event{'' if tone.events == 1 else 's'}"
    return f"{events}, mean Goldstein {tone.mean_goldstein:+.2f}"


def relations_table(rows: Sequence[RelationSummary]) -> Table:
    """Relations, one per row."""
    table = Table(title=f"Relations as of {rows[0].as_of}" if rows else "Relations")
    for column in ("relationship", "label", "last contact", "tone (90 days)", "events"):
        table.add_column(column)
    for r in rows:
        contact = r.last_contact
        said = f"{type_words(contact.event_type)} {contact.date}" if contact else ""
        table.add_row(
            " – ".join(party_words(code) for code in r.actors),
            r.label,
            said,
            _figures(r.tone.recent),
            str(r.events),
        )
    return table


def timeline_table(entries: Sequence[TimelineEntry], title: str) -> Table:
    """A timeline: each event in valid-time order and what it changed."""
    table = Table(title=title, show_lines=True)
    table.add_column("occurred")
    table.add_column("event")
    table.add_column("change to the state")
    for e in entries:
        said = "\n".join(change_words(c) for c in e.changes)
        table.add_row(e.occurred or "", e.description, said or "(none)")
    return table


def replay_lines(step: ReplayStep) -> Table:
    """One replayed event and its changes, for printing as the replay runs; long lines
    wrap under their own text."""
    grid = Table.grid(padding=(0, 1))
    grid.add_column(justify="right", style="dim", min_width=6)
    grid.add_column(style="cyan", no_wrap=True, min_width=10)
    grid.add_column()
    said = Text.assemble(step.description, (f"  [{step.occurred}]" if step.occurred else "", "dim"))
    grid.add_row(str(step.position), step.relationship or "", said)
    if step.changes:
        changes = Table.grid(padding=(0, 1))
        changes.add_column(no_wrap=True)
        changes.add_column(style="green")
        for change in step.changes:
            changes.add_row("↻" if step.refolded else "→", change_words(change))
        grid.add_row("", "", changes)
    return grid
