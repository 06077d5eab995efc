"""Geometry of the report's two charts, as data: where each mark and label goes.

`timeline_chart()` lays out one row per event on a date axis; `margin_chart()`
plots the margin of a `certcli margin` history with the recount thresholds.
Both return plain dataclasses of integer coordinates and words, which the HTML
template draws as SVG; nothing here writes markup.

Each chart comes in two layouts: `WIDE` (a desktop page, and print) puts event
titles in a column beside the plot; `NARROW` (a phone) puts each title above
its row, so that text keeps a readable size instead of being scaled down.
Widths of text are estimated from the number of characters (`CHAR_WIDTH`), with
room to spare: an estimate that is too generous only leaves more white space.
"""

from __future__ import annotations

import textwrap
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from fractions import Fraction
from typing import Literal

from certcli.calendar.status import EventStatus
from certcli.figures.margins import MarginReport, MarginRow
from certcli.figures.recount import RecountVerdict, describe_limits

Anchor = Literal["start", "middle", "end"]
Shape = Literal["point", "deadline", "span"]

CHAR_WIDTH = Fraction(15, 2)  # px per character of 13px text, generously
MAX_TITLE_LINES = 3


@dataclass(frozen=True)
class Layout:
    """The fixed measures of one layout, in SVG user units (CSS pixels)."""

    name: Literal["wide", "narrow"]
    width: int
    title_chars: int  # characters per line of an event title
    label_column: int  # width of the title column beside the plot; 0: above
    max_ticks: int  # date ticks on the axis


WIDE = Layout("wide", 960, 44, 360, 9)
NARROW = Layout("narrow", 360, 44, 0, 4)
LAYOUTS = (WIDE, NARROW)

LINE = 16  # height of a line of text
MARGIN = 12  # outer margin
AXIS = 34  # height of the date axis at the top of the timeline


@dataclass(frozen=True)
class Tick:
    position: int  # x for a date axis, y for a value axis
    label: str
    label_x: int | None = None  # a date label's centre, moved to stay in the chart


# --- the timeline -------------------------------------------------------------


@dataclass(frozen=True)
class TimelineRow:
    """One event: its title lines, its mark and its deadline state."""

    event_id: str
    title: str  # the whole title (the lines may end in "…")
    lines: tuple[str, ...]
    line_x: int
    line_y: int  # baseline of the first title line
    kind: str
    shape: Shape
    x: int  # a point's centre, or a span's start
    x_end: int  # a span's end (== x for a point)
    y: int  # centre of the mark
    status: str  # past / today / ongoing / upcoming
    state: str | None  # met / missed / open, for a deadline actions name
    label: str  # words beside the mark: the state, e.g. "✓ met"
    label_x: int
    label_anchor: Anchor
    band_y: int  # the row's band (for zebra stripes)
    band_height: int
    is_next: bool  # the next open deadline

    @property
    def diamond(self) -> str:
        """The points of a deadline's diamond mark."""
        r = 7
        x, y = self.x, self.y
        return f"{x},{y - r} {x + r},{y} {x},{y + r} {x - r},{y}"


@dataclass(frozen=True)
class Frame:
    """A chart's size and the rectangle its data is plotted in."""

    layout: str
    width: int
    height: int
    plot_left: int
    plot_right: int
    plot_top: int
    plot_bottom: int


@dataclass(frozen=True)
class TimelineChart(Frame):
    first: date
    last: date
    ticks: tuple[Tick, ...]
    rows: tuple[TimelineRow, ...]
    as_of_x: int | None  # None when the as-of date is outside the axis
    as_of_label: str
    as_of_anchor: Anchor


# A deadline's state and a claim's verdict are never told by colour alone.
STATE_SYMBOL = {"met": "✓", "missed": "✗", "open": "○"}
VERDICT_SYMBOL = {"consistent": "✓", "inconsistent": "✗", "unverifiable": "?"}


def date_label(day: date, *, with_year: bool) -> str:
    """ "Nov 3", or "Nov 3, 2020"."""
    text = f"{day:%b} {day.day}"
    return f"{text}, {day.year}" if with_year else text


def date_ticks(first: date, last: date, most: int) -> list[date]:
    """Days for the axis: every 1, 2, 7 or 14 days, or every n months, at most
    `most` of them (and at least one)."""
    days = (last - first).days + 1
    for step in (1, 2, 7, 14):
        if days <= step * most:
            return [first + timedelta(days=n) for n in range(0, days, step)]
    months = 1
    span_months = (last.year - first.year) * 12 + last.month - first.month + 1
    while span_months > months * most:
        months = {1: 2, 2: 3, 3: 6, 6: 12}.get(months, months + 12)
    ticks = []
    year, month = first.year, first.month
    while True:
        tick = date(year, month, 1)
        if tick > last:
            break
        if tick >= first:
            ticks.append(tick)
        month += months
        year, month = year + (month - 1) // 12, (month - 1) % 12 + 1
    return ticks or [first]


def _title_lines(title: str, chars: int) -> tuple[str, ...]:
    lines = textwrap.wrap(
        " ".join(title.split()), chars, break_long_words=True, break_on_hyphens=False
    ) or [""]
    if len(lines) > MAX_TITLE_LINES:
        lines = lines[:MAX_TITLE_LINES]
        last = lines[-1]
        lines[-1] = (last[: chars - 1] if len(last) >= chars else last) + "…"
    return tuple(lines)


def _text_width(text: str) -> int:
    return int(len(text) * CHAR_WIDTH) + 1


def timeline_chart(
    events: Sequence[EventStatus],
    as_of: date,
    next_deadline: EventStatus | None,
    layout: Layout = WIDE,
) -> TimelineChart | None:
    """One row per event, in the given (timeline) order; None without events."""
    if not events:
        return None
    first = min(status.event.day("start") for status in events)
    last = max(status.event.day("end") for status in events)
    days = (last - first).days + 1
    wide = layout.label_column > 0
    plot_left = layout.label_column + MARGIN if wide else MARGIN + 8
    plot_right = layout.width - MARGIN - 8
    span = plot_right - plot_left

    def x_of(day: date, offset: Fraction = Fraction(0)) -> int:
        return plot_left + round(span * (Fraction((day - first).days) + offset) / days)

    rows = []
    y = AXIS + 6
    for status in events:
        event = status.event
        lines = _title_lines(event.event.title, layout.title_chars)
        top = y
        if wide:
            height = max(len(lines) * LINE + 8, 26)
            mark_y = top + height // 2
            line_x, line_y = MARGIN, mark_y - (len(lines) - 1) * LINE // 2 + 4
        else:
            height = len(lines) * LINE + 28
            line_x, line_y = MARGIN, top + LINE - 2
            mark_y = top + len(lines) * LINE + 12
        kind = event.event.kind.value
        if event.is_span:
            shape: Shape = "span"
            x, x_end = x_of(event.day("start")), x_of(event.day("end"), Fraction(1))
            x_end = max(x_end, x + 4)
        else:
            shape = "deadline" if kind == "deadline" else "point"
            x = x_end = x_of(event.day("start"), Fraction(1, 2))
        state = status.deadline
        label = f"{STATE_SYMBOL[state]} {state}" if state is not None else ""
        if x_end + 12 + _text_width(label) <= layout.width - 2:
            label_x, anchor = x_end + 12, "start"
        else:
            label_x, anchor = x - 12, "end"
        rows.append(
            TimelineRow(
                event_id=event.id,
                title=event.event.title,
                lines=lines,
                line_x=line_x,
                line_y=line_y,
                kind=kind,
                shape=shape,
                x=x,
                x_end=x_end,
                y=mark_y,
                status=status.status,
                state=state,
                label=label,
                label_x=label_x,
                label_anchor=anchor,  # type: ignore[arg-type]
                band_y=top,
                band_height=height,
                is_next=status is next_deadline,
            )
        )
        y = top + height
    plot_bottom = y + 4
    ticks = []
    previous_year = None
    for day in date_ticks(first, last, layout.max_ticks):
        x = x_of(day, Fraction(1, 2))  # at noon, where single days are drawn
        text = date_label(day, with_year=day.year != previous_year)
        half = _text_width(text) // 2
        # A label centred on a tick near an edge would be cut off there.
        centre = min(max(x, half + 2), layout.width - half - 2)
        ticks.append(Tick(x, text, centre))
        previous_year = day.year
    as_of_x = x_of(as_of, Fraction(1, 2)) if first <= as_of <= last else None
    label = f"as of {as_of.isoformat()}"
    as_of_anchor: Anchor = "start"
    if as_of_x is not None and as_of_x + 4 + _text_width(label) > layout.width:
        as_of_anchor = "end"
    return TimelineChart(
        layout=layout.name,
        width=layout.width,
        height=plot_bottom + MARGIN + LINE,
        plot_left=plot_left,
        plot_right=plot_right,
        plot_top=AXIS,
        plot_bottom=plot_bottom,
        first=first,
        last=last,
        ticks=tuple(ticks),
        rows=tuple(rows),
        as_of_x=as_of_x,
        as_of_label=label,
        as_of_anchor=as_of_anchor,
    )


# --- the margin -----------------------------------------------------------------


@dataclass(frozen=True)
class MarginPoint:
    tally_id: str
    stage: str
    margin: int
    value: str  # "+12,670"
    when: str  # "Nov 20" (narrow) or "Nov 20 16:00" (wide)
    x: int
    y: int
    stage_y: int  # baseline of the stage's name
    value_y: int  # baseline of the margin, under the stage's name
    below: bool  # labels under the point instead of over it


@dataclass(frozen=True)
class ThresholdLine:
    rule_id: str
    limits: str  # the rule's limits in words
    votes: tuple[int, ...]  # the limit in votes at each point it is drawn
    points: str  # SVG polyline points
    mirror: str | None  # the same limit below zero, when a margin is negative
    label: str
    label_x: int
    label_y: int
    label_anchor: Anchor


@dataclass(frozen=True)
class MarginChart(Frame):
    zero_y: int
    y_ticks: tuple[Tick, ...]
    points: tuple[MarginPoint, ...]
    line: str  # SVG polyline points through the margins
    thresholds: tuple[ThresholdLine, ...]
    candidate: str
    opponent: str  # "the runner-up" when each tally's strongest other candidate


def threshold_votes(verdict: RecountVerdict) -> Fraction | None:
    """The largest margin, in votes, that the rule admits for this tally's
    denominator (both limits when both are set); None when unknown."""
    rule = verdict.rule
    limits: list[Fraction] = []
    if rule.margin_votes_at_most is not None:
        limits.append(Fraction(rule.margin_votes_at_most))
    if rule.margin_percent_at_most is not None:
        if verdict.denominator_votes is None:
            return None
        limits.append(
            Fraction(rule.margin_percent_at_most)
            * verdict.denominator_votes
            / Fraction(100)
        )
    return min(limits) if limits else None


def nice_step(extent: Fraction, most: int) -> int:
    """A step of 1, 2 or 5 times a power of ten that cuts `extent` in at most
    `most` parts."""
    step = 1
    while True:
        for factor in (1, 2, 5):
            if extent <= step * factor * most:
                return step * factor
        step *= 10


def _moment_label(value: date | datetime, wide: bool) -> str:
    text = f"{value:%b} {value.day}"
    if wide and isinstance(value, datetime):
        text += f" {value:%H:%M}"
    return text


def _limit_label(rule_id: str, votes: int, room: int, rules: int) -> str:
    """A recount limit's label, short enough to stay right of the value axis's
    labels (on a phone the rule's id, also in the line's title, may not fit)."""
    for label in (
        f"recount limit ({rule_id}): {votes:,}",
        f"{rule_id}: {votes:,}" if rules > 1 else f"recount limit: {votes:,}",
    ):
        if _text_width(label) <= room:
            return label
    return f"{votes:,}"


def margin_chart(report: MarginReport, layout: Layout = WIDE) -> MarginChart | None:
    """The margin of every tally that has one, in time order, evenly spaced, with
    each recount rule's limit where the tally gives it; None when no tally has a
    known margin."""
    rows: list[MarginRow] = [r for r in report.history if r.margin_votes is not None]
    if not rows:
        return None
    wide = layout is WIDE
    plot_left, plot_right = 76, layout.width - MARGIN - 8
    plot_top, plot_bottom = 44, (300 if wide else 260)
    margins = [row.margin_votes or 0 for row in rows]
    limits: list[list[Fraction | None]] = [
        [threshold_votes(verdict) for verdict in row.verdicts] for row in rows
    ]
    known_limits = [limit for each in limits for limit in each if limit is not None]
    negative = min(margins) < 0
    high = max([Fraction(0), *map(Fraction, margins), *known_limits])
    low = min([Fraction(0), *map(Fraction, margins)])
    if negative:
        low = min([low, *(-limit for limit in known_limits)])
    if high == low:
        high = low + 1
    step = nice_step((high - low) * Fraction(23, 20), 5)
    top = (int(high * Fraction(23, 20)) // step + 1) * step
    bottom = -((-int(low * Fraction(23, 20))) // step + (1 if low < 0 else 0)) * step

    def y_of(value: Fraction | int) -> int:
        share = (Fraction(value) - bottom) / (top - bottom)
        return plot_bottom - round((plot_bottom - plot_top) * share)

    ticks = tuple(Tick(y_of(v), f"{v:,}") for v in range(bottom, top + 1, step))
    slot = Fraction(plot_right - plot_left, len(rows))
    crowded = slot < 11 * 7
    points = []
    for index, (row, margin) in enumerate(zip(rows, margins, strict=True)):
        x = plot_left + round(slot * index + slot / 2)
        y = y_of(margin)
        below = crowded and index % 2 == 1
        if y - 2 * LINE - 6 < plot_top:
            below = True
        if y + 2 * LINE + 8 > plot_bottom and margin < 0:
            below = False
        points.append(
            MarginPoint(
                tally_id=row.tally_id,
                stage=row.stage.value,
                margin=margin,
                value=f"{margin:+,}" if margin else "0",
                when=_moment_label(row.as_of, wide),
                x=x,
                y=y,
                stage_y=y + LINE + 6 if below else y - 10 - LINE,
                value_y=y + 2 * LINE + 6 if below else y - 10,
                below=below,
            )
        )
    half = round(slot / 2)

    def polyline(sign: int, drawn: list[tuple[MarginPoint, Fraction | None]]) -> str:
        """A step line at each drawn point's limit, one slot wide per point."""
        return " ".join(
            f"{point.x + dx},{y_of(sign * (limit or 0))}"
            for point, limit in drawn
            for dx in (-half, half)
        )

    thresholds = []
    for position, rule in enumerate(report.rules):
        drawn = [
            (point, limit[position])
            for point, limit in zip(points, limits, strict=True)
            if limit[position] is not None
        ]
        if not drawn:
            continue
        values = tuple(int(limit) for _, limit in drawn if limit is not None)
        last_y = y_of(drawn[-1][1] or 0)
        thresholds.append(
            ThresholdLine(
                rule_id=rule.id,
                limits=describe_limits(rule),
                votes=values,
                points=polyline(1, drawn),
                mirror=polyline(-1, drawn) if negative else None,
                label=_limit_label(
                    rule.id, values[-1], plot_right - plot_left - 8, len(report.rules)
                ),
                label_x=plot_right,
                label_y=last_y - 6,
                label_anchor="end",
            )
        )
    return MarginChart(
        layout=layout.name,
        width=layout.width,
        height=plot_bottom + 2 * LINE + 12,
        plot_left=plot_left,
        plot_right=plot_right,
        plot_top=plot_top,
        plot_bottom=plot_bottom,
        zero_y=y_of(0),
        y_ticks=ticks,
        points=tuple(points),
        line=" ".join(f"{p.x},{p.y}" for p in points),
        thresholds=tuple(thresholds),
        candidate=report.candidate,
        opponent=report.opponent or "the runner-up",
    )
