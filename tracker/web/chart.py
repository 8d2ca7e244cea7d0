"""The timeline chart's geometry: where each event, band and tick goes (the SVG template draws).

Time runs left to right over the relationship's events and the as-of date; Goldstein values
(-10 conflict to +10 cooperation) run bottom to top. Above the plot, each agreement has a
lane of bands, one per realized lifecycle step until the next, with planned, denied and
failed steps marked on it. Past :data:`MAX_POINTS` events, events of the same month (a span
of months, for a long history), quad class and marker share one point (mean Goldstein; see
:mod:`tracker.web.months`), so a relationship with tens of thousands of events over decades
still draws in a page of bounded size.
"""

from __future__ import annotations

import math
from bisect import bisect_right
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from functools import lru_cache

from markupsafe import Markup, escape

from tracker.projections import Agreement
from tracker.web.data import EventItem
from tracker.web.months import MAX_POINTS, MonthGroup, marker
from tracker.words import modality_words, status_words, type_words

__all__ = [
    "MAX_POINTS",
    "Band",
    "Chart",
    "Point",
    "StepMark",
    "Tick",
    "lanes_markup",
    "points_markup",
    "timeline_chart",
]

WIDTH, LEFT, RIGHT = 960, 48, 16
LANE, LANE_GAP, PLOT_HEIGHT, AXIS = 16, 4, 220, 28


@dataclass(frozen=True, slots=True)
class Point:
    """One event (or several of a kind on nearby days) on the plot."""

    x: float
    y: float
    radius: float
    quad_class: int
    marker: str  # "realized" (filled), "planned" (hollow, dashed) or "failed" (a cross)
    dimmed: bool  # after the as-of date
    title: str
    anchor: str  # the event list row it links to
    index: int  # that event's index in the timeline (which page of the list holds it)


@dataclass(frozen=True, slots=True)
class Band:
    """A stretch of an agreement's life at one status."""

    x: float
    width: float
    y: float
    status: str
    title: str
    dimmed: bool  # after the as-of date


@dataclass(frozen=True, slots=True)
class StepMark:
    """A lifecycle step that moved nothing: planned, denied or failed."""

    x: float
    y: float
    marker: str
    title: str
    dimmed: bool  # after the as-of date


@dataclass(frozen=True, slots=True)
class Tick:
    """A label at ``at``: x for dates and lane names, y for Goldstein values."""

    at: float
    label: str


@dataclass(frozen=True, slots=True)
class Chart:
    """Everything the SVG template needs, in pixels."""

    width: int
    height: int
    left: int
    right_edge: int
    plot_top: int
    plot_bottom: int
    zero_y: float
    points: tuple[Point, ...]
    bands: tuple[Band, ...]
    steps: tuple[StepMark, ...]
    lane_labels: tuple[Tick, ...]
    x_ticks: tuple[Tick, ...]
    y_ticks: tuple[Tick, ...]
    as_of_x: float
    as_of: date

    @property
    def lane_y(self) -> tuple[float, ...]:
        """The baseline of each agreement's name, by lane."""
        return tuple(8 + i * (LANE + LANE_GAP) + LANE - 4 for i in range(len(self.lane_labels)))

    @property
    def as_of_label(self) -> tuple[float, str, str]:
        """Where the as-of line's caption goes (x, text-anchor) and what it says."""
        text = f"as of {self.as_of.isoformat()}"
        if self.as_of_x >= self.right_edge - 1:
            return self.as_of_x - 4, "end", text + " →"
        if self.as_of_x <= self.left + 1:
            return self.as_of_x + 4, "start", "← " + text
        near_right = self.as_of_x > self.right_edge - 120
        return (self.as_of_x - 4, "end", text) if near_right else (self.as_of_x + 4, "start", text)


def _event_title(e: EventItem) -> str:
    """A point's tooltip: "2025-01-14 agreement signed Charter ... (Goldstein +8)"."""
    said = " ".join(w for w in (e.occurred, type_words(e.event_type), e.name) if w)
    modality = modality_words(e.modality)
    return f"{said} ({modality + ', ' if modality else ''}Goldstein {e.goldstein:+g})"


class _Scale:
    """Dates to x pixels over [first, last], padded so that edge points stay inside."""

    def __init__(self, days: list[date], pad: bool = True) -> None:
        first, last = min(days), max(days)
        pad_days = max(15, (last - first).days // 20) if pad else 0
        self.first, self.last = first - timedelta(days=pad_days), last + timedelta(days=pad_days)
        self.span = (self.last - self.first).days

    def x(self, day: date) -> float:
        return round(LEFT + (WIDTH - LEFT - RIGHT) * (day - self.first).days / self.span, 1)


def _points(
    events: Sequence[EventItem],
    months: tuple[MonthGroup, ...],
    scale: _Scale,
    y: _GoldsteinScale,
    as_of: date,
) -> list[Point]:
    if not months:
        return [
            Point(
                x=scale.x(e.start),
                y=y(e.goldstein),
                radius=5.0,
                quad_class=e.quad_class,
                marker=marker(e.modality),
                dimmed=e.start > as_of,
                title=_event_title(e),
                anchor=f"ev-{e.event_id}",
                index=index,
            )
            for index, e in enumerate(events)
        ]
    points = []
    for group in months:
        # A month holding the as-of date is drawn as two points: by then, and after (faded).
        cut = bisect_right(group.starts, as_of)
        for low, high in ((0, cut), (cut, len(group.starts))):
            if low == high:
                continue
            count = high - low
            whole = count == len(group.starts)
            mean = (group.total if whole else sum(group.goldstein[low:high])) / count
            said = "event" if count == 1 else "events"
            points.append(
                Point(
                    x=scale.x(group.starts[low]),
                    y=y(mean),
                    radius=round(min(9.0, 3.0 + math.log2(count)), 1),
                    quad_class=group.quad_class,
                    marker=group.marker,
                    dimmed=low == cut,
                    title=f"{count} {said} in {group.span}, mean Goldstein {mean:+.1f}",
                    anchor=f"ev-{group.event_ids[low]}",
                    index=group.first_index + low,
                )
            )
    return points


class _GoldsteinScale:
    def __init__(self, top: int, bottom: int) -> None:
        self.top, self.bottom = top, bottom

    def __call__(self, value: float) -> float:
        return round(self.bottom - (value + 10) / 20 * (self.bottom - self.top), 1)


def _split(x: float, end: float, cut: float) -> list[tuple[float, float, bool]]:
    """The stretch [x, end] as (start, end, dimmed) pieces, dimmed to the right of ``cut``."""
    if end <= cut:
        return [(x, end, False)]
    if x >= cut:
        return [(x, end, True)]
    return [(x, cut, False), (cut, end, True)]


def _lanes(
    lifecycles: tuple[Agreement, ...], scale: _Scale, as_of: date
) -> tuple[list[Band], list[StepMark], list[Tick]]:
    # What lies after the as-of date is faded like the events: a band running across it is
    # cut there, its later part faded.
    cut = scale.x(as_of)
    bands, marks, labels = [], [], []
    for lane, agreement in enumerate(lifecycles):
        y = 8 + lane * (LANE + LANE_GAP)
        realized = [s for s in agreement.steps if s.modality == "realized"]
        # The name sits inside the band, from the agreement's first step onward.
        first = min(date.fromisoformat(_day(s.date)) for s in agreement.steps)
        labels.append(Tick(at=scale.x(first) + (4 if realized else 10), label=agreement.name))
        for i, step in enumerate(realized):
            start = scale.x(date.fromisoformat(_day(step.date)))
            end = (
                scale.x(date.fromisoformat(_day(realized[i + 1].date)))
                if i + 1 < len(realized)
                else WIDTH - RIGHT
            )
            title = f"{agreement.name}: {status_words('agreement', step.status)} {step.date}"
            for left, right, dimmed in _split(start, max(start + 2.0, end), cut):
                bands.append(
                    Band(
                        x=left,
                        width=round(right - left, 1),
                        y=y,
                        status=step.status,
                        title=title,
                        dimmed=dimmed,
                    )
                )
        for step in agreement.steps:
            if step.modality != "realized":
                day = date.fromisoformat(_day(step.date))
                said = f"{type_words(step.event_type)}, {modality_words(step.modality)}"
                title = f"{agreement.name}: {said} {step.date}"
                marks.append(
                    StepMark(
                        x=scale.x(day),
                        y=y + LANE / 2,
                        marker=marker(step.modality),
                        title=title,
                        dimmed=day > as_of,
                    )
                )
    return bands, marks, labels


def _day(fuzzy: str) -> str:
    """The first day of a FuzzyDate text (2025-02 -> 2025-02-01)."""
    return (fuzzy + "-01-01")[:10] if len(fuzzy) < 10 else fuzzy


def _x_ticks(scale: _Scale) -> tuple[Tick, ...]:
    """The date axis's labels: a function of the span alone, kept (a long pair's page
    labels each of its 25 years the same way on every request)."""
    return _x_ticks_over(scale.first, scale.last)


@lru_cache(maxsize=256)
def _x_ticks_over(first: date, last: date) -> tuple[Tick, ...]:
    scale = _Scale([first, last], pad=False)
    years = scale.span > 3 * 365
    ticks, cursor = [], date(scale.first.year, scale.first.month, 1)
    step_months = 12 if years else max(1, scale.span // 30 // 10)
    while cursor <= scale.last:
        if cursor >= scale.first and (not years or cursor.month == 1):
            ticks.append(
                Tick(at=scale.x(cursor), label=cursor.strftime("%Y" if years else "%Y-%m"))
            )
        month = cursor.month - 1 + (1 if years else step_months)
        cursor = date(cursor.year + month // 12, month % 12 + 1, 1)
    return tuple(ticks)


def timeline_chart(
    events: Sequence[EventItem],
    lifecycles: tuple[Agreement, ...],
    as_of: date,
    months: tuple[MonthGroup, ...] = (),
) -> Chart:
    """Lay out the relationship's events (in the order they happened) and agreement
    lifecycles around ``as_of``."""
    # The axis spans the events, not the as-of date: a date long after the last event would
    # squeeze them all to one side. The as-of line then stands at the edge, pointing on.
    scale = _Scale([events[0].start, events[-1].start] if events else [as_of])
    plot_top = 8 + len(lifecycles) * (LANE + LANE_GAP) + 8
    plot_bottom = plot_top + PLOT_HEIGHT
    goldstein = _GoldsteinScale(plot_top, plot_bottom)
    bands, marks, labels = _lanes(lifecycles, scale, as_of)
    return Chart(
        width=WIDTH,
        height=plot_bottom + AXIS,
        left=LEFT,
        right_edge=WIDTH - RIGHT,
        plot_top=plot_top,
        plot_bottom=plot_bottom,
        zero_y=goldstein(0),
        points=tuple(_points(events, months, scale, goldstein, as_of)),
        bands=tuple(bands),
        steps=tuple(marks),
        lane_labels=tuple(labels),
        x_ticks=_x_ticks(scale),
        y_ticks=tuple(
            Tick(at=goldstein(v), label=f"{v:+d}" if v else "0") for v in (-10, -5, 0, 5, 10)
        ),
        as_of_x=min(max(scale.x(as_of), float(LEFT)), float(WIDTH - RIGHT)),
        as_of=as_of,
    )


def points_markup(points: Iterable[Point], href: Callable[[int, str], str]) -> Markup:
    """The plot's points as SVG, each a link to ``href(index, anchor)``: made here rather than
    in the template, where a long pair's thousand points were a third of the page's time.
    Titles (names from feeds among them) and links are escaped."""
    parts = []
    for p in points:
        title = escape(p.title)
        dim = " dim" if p.dimmed else ""
        if p.marker == "failed":
            r = p.radius
            path = f"M{p.x - r} {p.y - r}l{2 * r} {2 * r}m0 {-2 * r}l{-2 * r} {2 * r}"
            shape = (
                f'<path class="q{p.quad_class} failed{dim}" d="{path}">'
                f"<title>{title}</title></path>"
            )
        else:
            planned = " planned" if p.marker == "planned" else ""
            shape = (
                f'<circle class="q{p.quad_class}{planned}{dim}" cx="{p.x}" cy="{p.y}" '
                f'r="{p.radius}"><title>{title}</title></circle>'
            )
        parts.append(f'<a href="{escape(href(p.index, p.anchor))}">{shape}</a>')
    return Markup("\n".join(parts))


def lanes_markup(bands: Iterable[Band], steps: Iterable[StepMark]) -> Markup:
    """The agreements' bands and step marks as SVG, made here for the reason the points are
    (a busy pair's six lanes of eleven steps were a quarter of the chart's template).
    Titles (agreement names from feeds among them) are escaped."""
    parts = [
        f'<rect class="band band-{escape(b.status)}{" dim" if b.dimmed else ""}" x="{b.x}" '
        f'y="{b.y}" width="{b.width}" height="16"><title>{escape(b.title)}</title></rect>'
        for b in bands
    ]
    for m in steps:
        dim = " dim" if m.dimmed else ""
        title = escape(m.title)
        if m.marker == "failed":
            parts.append(
                f'<path class="step{dim}" d="M{m.x - 4} {m.y - 4}l8 8m0 -8l-8 8" '
                f'stroke="#c92a2a" stroke-width="2.5"><title>{title}</title></path>'
            )
        else:
            parts.append(
                f'<path class="step{dim}" d="M{m.x} {m.y - 6}l6 6l-6 6l-6 -6z" fill="#fff" '
                f'stroke="#7a5b00" stroke-width="1.5" stroke-dasharray="2 1">'
                f"<title>{title}</title></path>"
            )
    return Markup("\n".join(parts))
