"""Commands of the analyst: record an event by hand, retract or confirm one."""

from __future__ import annotations

import difflib
import json
import textwrap
from pathlib import Path
from typing import TYPE_CHECKING, Any

import click

from tracker.cli.common import db_option, echo_json, json_option, require_database
from tracker.errors import UsageError

if TYPE_CHECKING:
    from events import RecordedEvent

__all__ = ["confirm", "record", "retract"]

_BY_HELP = "Who does it: a name or initials, kept in the log beside the event."


def _types_epilog() -> str:
    """The event types a person may record, by family, for ``record --help``."""
    from events import DiplomaticEvent, event_types

    families: dict[str, list[str]] = {}
    for name, cls in sorted(event_types().items()):
        if issubclass(cls, DiplomaticEvent) and not name.startswith("Test"):
            families.setdefault(cls.family, []).append(name)
    lines = [
        textwrap.fill(", ".join(names), 76, initial_indent=f"{family}: ", subsequent_indent="  ")
        for family, names in sorted(families.items())
    ]
    return "\b\nEvent types:\n" + "\n".join(lines)


@click.command(epilog=_types_epilog())
@click.argument("event_type", required=False)
@click.option("--source", help="Acting party: code or name (ARM, Armenia).")
@click.option("--target", help="Party acted upon: code or name.")
@click.option("--date", "occurred", help="When it happened: 2025-01-14, 2025-01 or 2025.")
@click.option(
    "--modality",
    type=click.Choice(["realized", "planned", "negated", "failed"]),
    help="Whether it happened (default realized).",
)
@click.option("--due", help="For planned events: when it is due (2025-02).")
@click.option("--agreement", help="Agreement name, for agreement events.")
@click.option("--commitment", help="What was pledged, for commitment events.")
@click.option("--topic", help="What a stance is about.")
@click.option("--level", help="Contact level: head_of_state, foreign_minister, ...")
@click.option("--area", "areas", multiple=True, help="Cooperation area (repeatable).")
@click.option("--person", "people", multiple=True, help="A person involved (repeatable).")
@click.option("--url", help="Source article URL.")
@click.option("--sentence", help="The sentence in the source that supports the event.")
@click.option("--note", help="A note of the analyst's.")
@click.option("--by", default="analyst", show_default=True, help=_BY_HELP)
@click.option(
    "--file",
    "file",
    type=click.Path(exists=True, dir_okay=False, path_type=Path),
    help="A JSON file holding one event object instead of the flags.",
)
@db_option
@json_option
def record(
    event_type: str | None, file: Path | None, by: str, db: str, as_json: bool, **flags: Any
) -> None:
    """Record a diplomatic event by hand.

    Example:

        tracker record AgreementSigned --source ARM --target USA --date 2025-01-14
        --agreement "Charter on Strategic Partnership" --url https://example.org/a
    """
    from tracker.app import Tracker
    from tracker.event_json import event_from_json

    data = _load_file(file) if file else _from_flags(event_type, flags)
    item = event_from_json(data)
    with Tracker.open(db) as t:
        recorded = t.record(item.event, by=by, metadata=item.metadata)
        t.run_followers()
    if recorded is None:
        message = f"already in the log: {item.event.event_id}"
        echo_json({"event_id": str(item.event.event_id), "new": False}) if as_json else click.echo(
            message
        )
        return
    if as_json:
        echo_json(
            {"event_id": str(recorded.event.event_id), "position": recorded.position, "new": True}
        )
    else:
        click.echo(
            f"recorded {recorded.event.event_type} {recorded.event.event_id} "
            f"at position {recorded.position}"
        )


def _load_file(file: Path) -> dict[str, Any]:
    try:
        data = json.loads(file.read_text(encoding="utf-8"))
    except json.JSONDecodeError as exc:
        raise UsageError(f"{file} is not valid JSON ({exc.msg} at line {exc.lineno})") from None
    except UnicodeDecodeError as exc:
        raise UsageError(
            f"{file} is not UTF-8 text (a bad byte at offset {exc.start}): save it as UTF-8"
        ) from None
    if not isinstance(data, dict):
        raise UsageError(f'{file} must hold one JSON object with a "type"')
    return data


def _from_flags(event_type: str | None, flags: dict[str, Any]) -> dict[str, Any]:
    from events import Evidence
    from tracker.actors import resolve_actor

    if not event_type:
        raise UsageError("give an event type (e.g. AgreementSigned) or --file EVENT.json")
    _known_type(event_type)
    for required in ("source", "target", "occurred"):
        if not flags.get(required):
            option = "--date" if required == "occurred" else f"--{required}"
            raise UsageError(f"{option} is required when recording from flags")
    data: dict[str, Any] = {"type": event_type}
    data["source"] = resolve_actor(flags.pop("source"))
    data["target"] = resolve_actor(flags.pop("target"))
    url, sentence = flags.pop("url"), flags.pop("sentence")
    if url or sentence:
        data["evidence"] = [Evidence(url=url, sentence=sentence).model_dump()]
    for key, value in flags.items():
        if value not in (None, ()):
            data[key] = list(value) if isinstance(value, tuple) else value
    return data


def _known_type(event_type: str) -> None:
    """Refuse an unknown type, naming the closest ones (as actor names do)."""
    from events import event_types

    known = [name for name in event_types() if not name.startswith("Test")]
    if event_type in known:
        return
    folded = {name.casefold(): name for name in known}
    close = difflib.get_close_matches(event_type.casefold(), list(folded), n=3, cutoff=0.6)
    hint = (
        f"did you mean {' or '.join(folded[c] for c in close)}?"
        if close
        else "`tracker record --help` lists the types"
    )
    raise UsageError(f"unknown event type {event_type!r}: {hint}")


@click.command()
@click.argument("event_id")
@click.option("--reason", required=True, help="Why the event is withdrawn.")
@click.option("--by", default="analyst", show_default=True, help=_BY_HELP)
@db_option
@json_option
def retract(event_id: str, reason: str, by: str, db: str, as_json: bool) -> None:
    """Retract an event: states known from now on leave it out, earlier ones keep it.

    EVENT_ID is the whole id or its first 8 or more characters, as `tracker log` shows.

    Example:

        tracker retract 3f0c12e1 --reason "misread the source: the visit was planned"
    """
    from tracker.app import Tracker
    from tracker.cli.event_ids import resolve_event_id

    require_database(db)
    with Tracker.open(db) as t:
        subject = resolve_event_id(t, event_id)
        recorded = t.retract(subject, reason, by=by)
        t.run_followers()
    _report("retracted", subject, recorded, as_json)


@click.command()
@click.argument("event_id")
@click.option("--note", help="What was checked.")
@click.option("--by", default="analyst", show_default=True, help=_BY_HELP)
@db_option
@json_option
def confirm(event_id: str, note: str | None, by: str, db: str, as_json: bool) -> None:
    """Confirm an event after checking its sources.

    EVENT_ID is the whole id or its first 8 or more characters, as `tracker log` shows.

    Example:

        tracker confirm 3f0c12e1 --note "checked against the State Department readout"
    """
    from tracker.app import Tracker
    from tracker.cli.event_ids import resolve_event_id

    require_database(db)
    with Tracker.open(db) as t:
        subject = resolve_event_id(t, event_id)
        recorded = t.confirm(subject, by=by, note=note)
        t.run_followers()
    _report("confirmed", subject, recorded, as_json)


def _report(verb: str, subject: str, recorded: RecordedEvent, as_json: bool) -> None:
    """What an annotation command appended, as a line or as JSON."""
    if as_json:
        echo_json(
            {
                "subject": subject,
                "event_id": str(recorded.event.event_id),
                "type": recorded.event.event_type,
                "position": recorded.position,
                "recorded_at": recorded.recorded_at,
            }
        )
    else:
        click.echo(f"{verb} {subject} at position {recorded.position}")
