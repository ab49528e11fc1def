"""Bar charts: horizontal labelled bars, and stacked bars of counts (RAG by group).

Bars are horizontal so that long labels (agency names, indicator titles) read on one line
above each bar, and every bar carries its number in words beside it: the length shows the
proportion, the label gives the figure. Stacked segments are separated by a white gap and
filled with a pattern as well as a colour (solid green, dotted amber, hatched red, lined
grey), and the legend names both.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from .svg import (
    AMBER,
    BLUE,
    GREEN,
    GREY,
    GRID,
    RED,
    Chart,
    Scale,
    chart_id,
    document,
    esc,
    fmt,
    n,
    to_float,
    value_range,
)

LEFT, RIGHT, TOP = 8, 8, 8
VALUE_ROOM = 90  # room after the longest bar for its figure
BAR_HEIGHT, ROW_HEIGHT = 18, 44
STACK_HEIGHT, STACK_ROW = 22, 50


@dataclass(frozen=True)
class Segment:
    """One part of a stacked bar: its key in the data, its label, colour and fill pattern."""

    key: str
    label: str
    colour: str
    pattern: str = "solid"  # solid, dots, hatch or lines


RAG_SEGMENTS = (
    Segment("red", "Red", RED, "hatch"),
    Segment("amber", "Amber", AMBER, "dots"),
    Segment("green", "Green", GREEN, "solid"),
)
RAG_WITH_GREY = (*RAG_SEGMENTS, Segment("grey", "No target or no value", GREY, "lines"))


def _pattern(ident: str, segment: Segment) -> tuple[str, str]:
    """(defs markup, fill) for a segment: a solid colour, or the colour with a white pattern."""
    if segment.pattern == "solid":
        return "", segment.colour
    pid = f"{ident}-{esc(segment.key)}"
    base = f'<rect width="8" height="8" fill="{segment.colour}"/>'
    marks = {
        "dots": '<circle cx="4" cy="4" r="1.6" fill="#ffffff"/>',
        "hatch": '<line x1="0" y1="8" x2="8" y2="0" stroke="#ffffff" stroke-width="1.5"/>',
        "lines": '<line x1="0" y1="4" x2="8" y2="4" stroke="#ffffff" stroke-width="1.5"/>',
    }[segment.pattern]
    defs = f'<pattern id="{pid}" width="8" height="8" patternUnits="userSpaceOnUse">{base}{marks}</pattern>'
    return defs, f"url(#{pid})"


def bar_chart(*, title: str, bars: Sequence[tuple[str, object]], unit: str = "", description: str = "",
              value_label: str = "Value", width: int = 640) -> Chart:  # fmt: skip
    """One horizontal bar per (label, value), from zero, each labelled with its figure."""
    bars = [(str(label), value) for label, value in bars]
    ident = chart_id("bar", title, bars)
    _low, high, _step = value_range([v for _l, v in bars])
    x = Scale(0.0, high, LEFT, width - RIGHT - VALUE_ROOM)
    body = []
    for index, (label, value) in enumerate(bars):
        top = TOP + index * ROW_HEIGHT
        body.append(f'<text x="{LEFT}" y="{top + 13}">{esc(label)}</text>')
        number = to_float(value)
        end = x(max(number, 0.0)) if number is not None else LEFT
        bar_top = top + 18
        body.append(f'<rect x="{LEFT}" y="{bar_top}" width="{n(end - LEFT)}" height="{BAR_HEIGHT}" fill="{BLUE}" '
                    f'data-value="{esc(fmt(value))}"><title>{esc(label)}: {esc(fmt(value))}{esc(unit)}</title></rect>')  # fmt: skip
        body.append(f'<text x="{n(end + 6)}" y="{bar_top + 14}">{esc(fmt(value))}{esc(unit)}</text>')
    body.append(
        f'<line x1="{LEFT}" y1="{TOP}" x2="{LEFT}" y2="{TOP + ROW_HEIGHT * len(bars)}" stroke="{GRID}"/>'
    )
    height = TOP * 2 + ROW_HEIGHT * max(1, len(bars))
    if not description:
        listed = "; ".join(f"{label}: {fmt(value)}{unit}" for label, value in bars)
        description = f"{title}. Bar chart. {listed}." if bars else f"{title}: nothing to show yet."
    svg = document(ident=ident, width=width, height=height, title=title, description=description, body=body)
    rows = [[label, "" if value is None else f"{fmt(value)}{unit}"] for label, value in bars]
    return Chart(svg=svg, title=title, description=description, columns=["", value_label], rows=rows)


def stacked_bar_chart(*, title: str, rows: Sequence[tuple[str, Mapping[str, int]]],
                      segments: Sequence[Segment] = RAG_SEGMENTS, description: str = "",
                      width: int = 640) -> Chart:  # fmt: skip
    """One bar per (label, counts by segment key), its segments in `segments` order; bar
    lengths compare the rows' totals. Each row's counts are also written out in words."""
    rows = [(str(label), {s.key: int(counts.get(s.key, 0) or 0) for s in segments}) for label, counts in rows]
    ident = chart_id("stack", title, rows, [s.key for s in segments])
    defs, fills = [], {}
    for segment in segments:
        markup, fills[segment.key] = _pattern(ident, segment)
        defs.append(markup)
    body = []
    # The legend: a swatch with the fill and the name of each segment.
    lx = LEFT
    for segment in segments:
        body.append(
            f'<rect x="{lx}" y="{TOP}" width="18" height="14" fill="{fills[segment.key]}" stroke="{segment.colour}"/>'
        )
        body.append(f'<text x="{lx + 24}" y="{TOP + 12}">{esc(segment.label)}</text>')
        lx += 24 + 8 * len(segment.label) + 24
    top0 = TOP + 30
    biggest = max([sum(c.values()) for _l, c in rows] + [1])
    x = Scale(0.0, float(biggest), LEFT, width - RIGHT)
    for index, (label, counts) in enumerate(rows):
        top = top0 + index * STACK_ROW
        total = sum(counts.values())
        words = ", ".join(f"{counts[s.key]} {s.label.lower()}" for s in segments if counts[s.key])
        body.append(f'<text x="{LEFT}" y="{top + 13}">{esc(label)}: {esc(words or "none")}</text>')
        start = LEFT
        for segment in segments:
            count = counts[segment.key]
            if not count:
                continue
            end = x(x.low + (sum(counts[s.key] for s in segments[: segments.index(segment) + 1])))
            body.append(f'<rect x="{n(start)}" y="{top + 18}" width="{n(max(end - start - 2, 1))}" height="{STACK_HEIGHT}" '
                        f'fill="{fills[segment.key]}" stroke="{segment.colour}" data-segment="{esc(segment.key)}" '
                        f'data-count="{count}"><title>{esc(label)}: {count} {esc(segment.label.lower())}</title></rect>')  # fmt: skip
            start = end
        if not total:
            body.append(f'<rect x="{LEFT}" y="{top + 18}" width="1" height="{STACK_HEIGHT}" fill="{GREY}"/>')
    height = top0 + STACK_ROW * max(1, len(rows)) + TOP
    if not description:
        listed = "; ".join(
            f"{label}: " + ", ".join(f"{counts[s.key]} {s.label.lower()}" for s in segments)
            for label, counts in rows
        )
        description = f"{title}. Stacked bar chart. {listed}." if rows else f"{title}: nothing to show yet."
    svg = document(ident=ident, width=width, height=height, title=title, description=description, body=body,
                   defs="".join(defs))  # fmt: skip
    table = [
        [label, *[str(counts[s.key]) for s in segments], str(sum(counts.values()))] for label, counts in rows
    ]
    return Chart(svg=svg, title=title, description=description, columns=["", *[s.label for s in segments], "Total"],
                 rows=table)  # fmt: skip
