"""Rich renderings of an article-set evaluation: the levels, the CAMEO roots, the errors."""

from __future__ import annotations

from functools import cache
from typing import Any

from rich.table import Table

__all__ = ["error_lines", "levels_table", "root_name", "roots_table", "states_line"]

# What each level adds, in a reader's words (the set's README defines them).
_LEVEL_WORDS = {
    "pair": "pair of parties",
    "root": "+ CAMEO root",
    "date": "+ date",
    "modality": "+ modality",
    "grounded": "root + sentence",
}


@cache
def root_name(root: str) -> str:
    """The name of a CAMEO root: its ``x0`` code's, else its first code's in the table.

    ``-`` for a root with no code in ``seeds/cameo_codes.csv``.
    """
    from events.cameo import cameo_table

    table = cameo_table()
    if f"{root}0" in table:
        return table[f"{root}0"].name
    codes = sorted(code for code in table if code.startswith(root))
    return table[codes[0]].name if codes else "-"


def _add_row(table: Table, label: list[str], tally: dict[str, Any]) -> None:
    table.add_row(
        *label,
        f"{tally['precision']:.3f}",
        f"{tally['recall']:.3f}",
        str(tally["matched"]),
        str(tally["predicted"]),
        str(tally["expected"]),
    )


def _figures_table(title: str, heads: list[str]) -> Table:
    table = Table(title=title, title_justify="left")
    for head in heads:
        table.add_column(head)
    for head in ("P", "R", "matched", "predicted", "expected"):
        table.add_column(head, justify="right")
    return table


def levels_table(report: dict[str, Any], name: str) -> Table:
    """Precision and recall of the events at each level."""
    table = _figures_table(f"{name}: {report['articles']} articles", ["level"])
    for level, tally in report["levels"].items():
        _add_row(table, [f"{level} ({_LEVEL_WORDS[level]})"], tally)
    return table


def roots_table(report: dict[str, Any]) -> Table:
    """Precision and recall at the root level, per CAMEO root."""
    table = _figures_table("by CAMEO root (root level)", ["root", "name"])
    for root, tally in report["by_root"].items():
        _add_row(table, [root, root_name(root)], tally)
    return table


def states_line(report: dict[str, Any]) -> str | None:
    """The state facts' figures in one line, or ``None`` when states were not scored."""
    tally = report["states"]
    if tally is None:
        return None
    return (
        f"state facts: P {tally['precision']:.3f}  R {tally['recall']:.3f}  "
        f"({tally['matched']} matched, {tally['predicted']} shown, {tally['expected']} expected)"
    )


def _coding(error: dict[str, Any]) -> str:
    return (
        f"{error['source']}->{error['target']} {error['cameo']} {error['type']} "
        f"({error['modality']}) {error['date']}"
    )


def error_lines(report: dict[str, Any], urls: dict[str, str]) -> list[str]:
    """Every false prediction and miss beside its sentence, by article; then the state facts."""
    lines: list[str] = []
    level = report["error_level"]
    by_article: dict[str, list[dict[str, Any]]] = {}
    for error in report["errors"]:
        by_article.setdefault(error["article"], []).append(error)
    if by_article:
        lines.append(f"Errors at the {level} level (reached = the furthest level it got to):")
    for article, errors in by_article.items():
        lines.append("")
        lines.append(f"{article}  {urls.get(article, '')}".rstrip())
        for error in errors:
            if error["kind"] == "false":
                lines.append(f"  false: {_coding(error)} — reached: {error['reached']}")
            else:
                closest = error["closest"] or "no prediction with this pair"
                lines.append(
                    f"  missed: {_coding(error)} [{error['event_id']}] — closest: {closest}"
                )
            lines.append(f"      {error['sentence'] or '(no sentence)'}")
    facts = report["state_errors"]
    if facts:
        lines.append("")
        lines.append("State facts missed or false:")
    current = None
    for fact in facts:
        if fact["state"] != current:
            current = fact["state"]
            lines.append(f"  {current}")
        lines.append(f"    {fact['kind']}: {fact['fact']}")
    return lines
