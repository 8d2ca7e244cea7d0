"""The README's example sessions, run and compared with what they show, so it cannot drift.

A fenced block right after the line ``<!-- checked -->`` is a session: each line starting
``$ `` is a command (``uv run`` and a trailing ``# comment`` are dropped, a ``\\`` at the end
continues it on the next line), and the lines up to the next command are what it prints.
Each session runs in a fresh directory holding the demo's database (``demo.db``);
``<!-- checked: continues -->`` runs in the directory of the session before it instead.
Commands run in-process (tests/cli.py); ``| jq ...`` pipes the output through jq.

What differs from run to run is compared as a placeholder: instants and the dates of
"today" (the log records when it learned each event), the extractor's version hash. An
event id or an instant a command printed and a later command uses is carried over: the
later command is run with the value this run printed. To rewrite the README's outputs
from a run, after changing what a command prints::

    uv run python -m tests.readme --update
"""

from __future__ import annotations

import re
import shlex
import shutil
import subprocess
import sys
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

from tests.cli import run

README = Path(__file__).resolve().parent.parent / "README.md"
MARK = "<!-- checked -->"
CONTINUES = "<!-- checked: continues -->"

_UUID = r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}"
_INSTANT = r"\d{4}-\d\d-\d\d[T ]\d\d:\d\d(?::\d\d(?:\.\d+)?)?Z?"
# Values a later command may reuse: event ids and instants.
_CARRIED = re.compile(rf"{_UUID}|{_INSTANT}")
_VARYING = [
    (re.compile(_INSTANT), "<instant>"),
    (re.compile(r"\b20(?:2[6-9]|[3-9]\d)-\d\d-\d\d\b"), "<today>"),  # the data ends in 2025
    (re.compile(r"(policy-tracker-coder \S+?)\+[0-9a-f]{8}"), r"\1+<hash>"),
    (re.compile(r"[ \t]+$", re.M), ""),
]


@dataclass
class Command:
    """One ``$`` line (with its continuation lines) and the lines it printed."""

    lines: list[str]
    output: list[str] = field(default_factory=list)

    @property
    def complete(self) -> bool:
        """Whether the command ends on its last line (no ``\\``, no quote left open)."""
        if self.lines[-1].endswith("\\"):
            return False
        try:
            shlex.split(self.text, comments=True)
        except ValueError:
            return False
        return True

    @property
    def text(self) -> str:
        joined = " ".join(line.rstrip("\\").strip() for line in self.lines)
        return joined.removeprefix("$").strip()


@dataclass
class Session:
    """A checked block: where it starts in the README and its commands."""

    start: int  # index of the line after the opening fence
    end: int  # index of the closing fence
    continues: bool
    commands: list[Command]


def sessions(lines: list[str]) -> list[Session]:
    """The checked blocks of the README's ``lines``."""
    found = []
    for i, line in enumerate(lines):
        if line.strip() not in (MARK, CONTINUES) or not lines[i + 1].startswith("```"):
            continue
        start = i + 2
        end = next(j for j in range(start, len(lines)) if lines[j].startswith("```"))
        commands: list[Command] = []
        for line_ in lines[start:end]:
            if line_.startswith("$ "):
                commands.append(Command([line_]))
            elif commands and not commands[-1].output and not commands[-1].complete:
                commands[-1].lines.append(line_)
            elif commands:
                commands[-1].output.append(line_)
        found.append(Session(start, end, line.strip() == CONTINUES, commands))
    return found


def normalized(text: str) -> str:
    """``text`` with what differs from run to run made a placeholder."""
    for pattern, placeholder in _VARYING:
        text = pattern.sub(placeholder, text)
    return text.strip("\n")


@dataclass
class Outcome:
    """A command as the README shows it and as it ran."""

    lines: list[str]  # the command's lines as run, with the values carried into it
    shown: str
    printed: str

    @property
    def matches(self) -> bool:
        return normalized(self.shown) == normalized(self.printed)


def _execute(command: str, cwd: Path) -> str:
    """What a terminal shows for ``command`` (stdout, then stderr without progress bars)."""
    tracker, _, jq = command.partition(" | jq ")
    argv = shlex.split(tracker, comments=True)
    if argv[:2] == ["uv", "run"]:
        argv = argv[2:]
    if argv[0] != "tracker":
        raise ValueError(f"a checked README command runs tracker, not {argv[0]!r}: {command}")
    ran = run(*argv[1:], cwd=cwd)
    stdout = ran.stdout
    if jq:
        piped = subprocess.run(
            ["jq", *shlex.split(jq, comments=True)],
            input=stdout,
            capture_output=True,
            text=True,
            check=True,
        )
        stdout = piped.stdout
    errors = [line for line in ran.stderr.splitlines() if "━" not in line]
    return stdout + "".join(f"{line}\n" for line in errors)


def run_session(session: Session, cwd: Path, carried: dict[str, str]) -> list[Outcome]:
    """Run ``session``'s commands in ``cwd``; ``carried`` maps values the README shows to
    the values this run printed in their place, and grows as the session runs."""
    outcomes = []
    for command in session.commands:
        lines = list(command.lines)
        for shown, printed in carried.items():
            lines = [line.replace(shown, printed) for line in lines]
        printed = _execute(Command(lines).text, cwd)
        shown = "\n".join(command.output)
        was, now = _CARRIED.findall(shown), _CARRIED.findall(printed)
        if len(was) == len(now):
            pairs = [(a, b) for a, b in zip(was, now, strict=True) if a != b]
            carried.update(pairs)
            carried.update((a[:8], b[:8]) for a, b in pairs if re.fullmatch(_UUID, a))
        for was_shown, now_printed in carried.items():
            shown = shown.replace(was_shown, now_printed)
        outcomes.append(Outcome(lines, shown, printed))
    return outcomes


def needs_jq(session: Session) -> bool:
    return any(" | jq " in c.text for c in session.commands)


def run_all(demo_db: Path, *, jq: bool | None = None) -> list[tuple[Session, list[Outcome]]]:
    """Every checked session of the README, each in its directory; with ``jq`` True or
    False, only the sessions that pipe through jq, or only those that do not."""
    lines = README.read_text(encoding="utf-8").splitlines()
    results = []
    cwd, carried = Path(), dict[str, str]()
    with tempfile.TemporaryDirectory(prefix="readme-") as scratch:
        for number, session in enumerate(sessions(lines)):
            if not session.continues:
                cwd, carried = Path(scratch) / str(number), {}
                cwd.mkdir()
                shutil.copy(demo_db, cwd / "demo.db")
            if jq is not None and needs_jq(session) != jq:
                continue
            results.append((session, run_session(session, cwd, carried)))
    return results


def update(demo_db: Path) -> int:
    """Rewrite the README's sessions whose output differs from what the commands print now
    (each whole, with the ids and instants this run printed); return how many commands
    differed."""
    lines = README.read_text(encoding="utf-8").splitlines()
    changed = 0
    # From the end, so the earlier sessions' line numbers stay right.
    for session, outcomes in reversed(run_all(demo_db)):
        if all(outcome.matches for outcome in outcomes):
            continue  # kept as it is: no churn of instants and ids
        body: list[str] = []
        for command, outcome in zip(session.commands, outcomes, strict=True):
            body += outcome.lines
            body += [line.rstrip() for line in outcome.printed.rstrip("\n").splitlines()]
            # The blank lines that set the next command apart stay.
            blank = len(command.output) - len("\n".join(command.output).rstrip("\n").splitlines())
            body += [""] * blank
            changed += not outcome.matches
        lines[session.start : session.end] = body
    README.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return changed


def _demo_database(directory: Path) -> Path:
    path = directory / "demo.db"
    done = run("demo", "--db", str(path), cwd=directory)
    if done.returncode:
        raise SystemExit(done.stderr)
    return path


if __name__ == "__main__":
    if sys.argv[1:] != ["--update"]:
        raise SystemExit("usage: uv run python -m tests.readme --update")
    from tracker.cli.render import console

    console._width = 80  # the README's width, whatever this terminal's
    with tempfile.TemporaryDirectory() as built:
        print(f"{update(_demo_database(Path(built)))} outputs rewritten in {README}")
