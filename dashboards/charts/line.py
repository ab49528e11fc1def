"""Line charts: a trend over periods, with an optional target line and comparator series, and
the small "sparkline" a table row can carry.

Each series has its own colour, line pattern and marker shape (solid with circles, dashed with
squares, dotted with triangles), and the target is a long-dashed line labelled in words, so
the chart can be read without telling colours apart, and printed in black and white.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from .svg import (
    BLACK,
    BLUE,
    GREEN,
    GREY,
    GRID,
    PURPLE,
    Chart,
    Scale,
    chart_id,
    document,
    esc,
    fmt,
    n,
    ticks_between,
    to_float,
    value_range,
)

# (colour, stroke-dasharray, marker) for the first, second and third series.
SERIES_STYLES = ((BLUE, "", "circle"), (BLACK, "7 4", "square"), (PURPLE, "2 3", "triangle"))
TARGET_DASH = "12 5"

LEFT, RIGHT, TOP, PLOT_HEIGHT = 64, 24, 20, 220
LEGEND_ROW = 22


@dataclass(frozen=True)
class Series:
    """One line: its name (for the legend and the table) and a value per period (None: none)."""

    name: str
    values: Sequence


def _marker(shape: str, x: float, y: float, colour: str, tip: str) -> str:
    tip_markup = f"<title>{esc(tip)}</title>"
    if shape == "square":
        return (f'<rect x="{n(x - 4)}" y="{n(y - 4)}" width="8" height="8" fill="{colour}" '
                f'data-x="{n(x)}" data-y="{n(y)}">{tip_markup}</rect>')  # fmt: skip
    if shape == "triangle":
        points = f"{n(x)},{n(y - 5)} {n(x + 5)},{n(y + 4)} {n(x - 5)},{n(y + 4)}"
        return f'<polygon points="{points}" fill="{colour}" data-x="{n(x)}" data-y="{n(y)}">{tip_markup}</polygon>'
    return f'<circle cx="{n(x)}" cy="{n(y)}" r="4" fill="{colour}" data-x="{n(x)}" data-y="{n(y)}">{tip_markup}</circle>'


def _path(points: list[tuple[float, float] | None]) -> str:
    """An SVG path through the points, broken where a value is missing."""
    parts, pen_down = [], False
    for point in points:
        if point is None:
            pen_down = False
            continue
        parts.append(f"{'L' if pen_down else 'M'}{n(point[0])} {n(point[1])}")
        pen_down = True
    return " ".join(parts)


def _label_lines(label: str) -> tuple[str, str]:
    """A period label on two lines ("Q2" over "2026/27") so eight of them fit side by side."""
    head, _, tail = str(label).partition(" ")
    return (head, tail) if tail else (head, "")


def describe_trend(title: str, periods: Sequence[str], series: Sequence[Series], target, unit: str) -> str:
    """The text alternative: what is plotted over which periods, the latest values, the target."""
    if not periods:
        return f"{title}: no values yet."
    names = ", ".join(s.name for s in series)
    text = f"{title}. Line chart of {names} from {periods[0]} to {periods[-1]}."
    for s in series:
        latest = next(((p, v) for p, v in zip(reversed(periods), reversed(list(s.values)), strict=False)
                       if v is not None), None)  # fmt: skip
        if latest:
            text += f" {s.name}, latest ({latest[0]}): {fmt(latest[1])}{unit}."
    if target is not None:
        text += f" Target: {fmt(target)}{unit}."
    return text + " The table view gives every value."


def line_chart(*, title: str, periods: Sequence[str], series: Sequence[Series], target=None,
               target_label: str = "Target", unit: str = "", description: str = "",
               width: int = 640) -> Chart:  # fmt: skip
    """A trend over `periods` for up to three `series` (the first is the indicator itself, the
    others its comparators), with `target` drawn as a labelled horizontal line. `unit` follows
    every number ("%" for a percentage). Missing values (None) break the line."""
    periods = [str(p) for p in periods]
    series = list(series)[: len(SERIES_STYLES)]
    ident = chart_id("line", title, periods, [(s.name, list(s.values)) for s in series], target)
    all_values = [v for s in series for v in s.values] + ([target] if target is not None else [])
    low, high, step = value_range(all_values)
    legend_items = len(series) + (1 if target is not None else 0)
    plot_bottom = TOP + PLOT_HEIGHT
    height = plot_bottom + 40 + LEGEND_ROW * legend_items + 6
    y = Scale(low, high, plot_bottom, TOP)
    plot_width = width - LEFT - RIGHT
    count = len(periods)

    def x(index: int) -> float:
        return LEFT + plot_width / 2 if count == 1 else LEFT + index * plot_width / (count - 1)

    body = []
    for tick in ticks_between(low, high, step):
        ty = y(tick)
        body.append(
            f'<line x1="{LEFT}" y1="{n(ty)}" x2="{width - RIGHT}" y2="{n(ty)}" stroke="{GRID}" stroke-width="1"/>'
        )
        body.append(f'<text x="{LEFT - 8}" y="{n(ty + 4)}" text-anchor="end" data-tick="{fmt(tick, 2)}">{esc(fmt(tick, 2))}{esc(unit)}</text>')  # fmt: skip
    body.append(
        f'<line x1="{LEFT}" y1="{plot_bottom}" x2="{width - RIGHT}" y2="{plot_bottom}" stroke="{GREY}" stroke-width="1"/>'
    )
    every = max(1, -(-count // 12))  # at most 12 labels along the axis
    for index, period in enumerate(periods):
        if index % every and index != count - 1:
            continue
        first, second = _label_lines(period)
        body.append(f'<text x="{n(x(index))}" y="{plot_bottom + 18}" text-anchor="middle">{esc(first)}'
                    + (f'<tspan x="{n(x(index))}" dy="15">{esc(second)}</tspan>' if second else "") + "</text>")  # fmt: skip
    if target is not None:
        ty = y(to_float(target))
        body.append(f'<line x1="{LEFT}" y1="{n(ty)}" x2="{width - RIGHT}" y2="{n(ty)}" stroke="{GREEN}" '
                    f'stroke-width="2" stroke-dasharray="{TARGET_DASH}" class="app-chart__target"/>')  # fmt: skip
        body.append(f'<text x="{width - RIGHT}" y="{n(ty - 6)}" text-anchor="end" fill="{GREEN}">'
                    f"{esc(target_label)}: {esc(fmt(target))}{esc(unit)}</text>")  # fmt: skip
    for number, s in enumerate(series):
        colour, dash, shape = SERIES_STYLES[number]
        points = [None if v is None else (x(i), y(to_float(v))) for i, v in enumerate(list(s.values)[:count])]
        dash_attr = f' stroke-dasharray="{dash}"' if dash else ""
        body.append(f'<g class="app-chart__series" data-series="{esc(s.name)}">')
        body.append(
            f'<path d="{_path(points)}" fill="none" stroke="{colour}" stroke-width="2.5"{dash_attr}/>'
        )
        for i, point in enumerate(points):
            if point is not None:
                tip = f"{s.name}, {periods[i]}: {fmt(s.values[i])}{unit}"
                body.append(_marker(shape, point[0], point[1], colour, tip))
        body.append("</g>")
    legend_top = plot_bottom + 48
    for row, (name, colour, dash, shape) in enumerate(
        [(s.name, *SERIES_STYLES[i]) for i, s in enumerate(series)]
        + ([(f"{target_label}: {fmt(target)}{unit}", GREEN, TARGET_DASH, "")] if target is not None else [])
    ):
        ly = legend_top + row * LEGEND_ROW
        dash_attr = f' stroke-dasharray="{dash}"' if dash else ""
        body.append(
            f'<line x1="{LEFT}" y1="{ly}" x2="{LEFT + 36}" y2="{ly}" stroke="{colour}" stroke-width="2.5"{dash_attr}/>'
        )
        if shape:
            body.append(_marker(shape, LEFT + 18, ly, colour, name))
        body.append(f'<text x="{LEFT + 44}" y="{ly + 4}">{esc(name)}</text>')
    description = description or describe_trend(title, periods, series, target, unit)
    columns = ["Period", *[s.name for s in series]] + ([target_label] if target is not None else [])
    rows = []
    for i, period in enumerate(periods):
        row = [period] + [("" if i >= len(s.values) or s.values[i] is None else f"{fmt(s.values[i])}{unit}")
                          for s in series]  # fmt: skip
        if target is not None:
            row.append(f"{fmt(target)}{unit}")
        rows.append(row)
    svg = document(ident=ident, width=width, height=height, title=title, description=description, body=body)
    return Chart(svg=svg, title=title, description=description, columns=columns, rows=rows)


def sparkline(values: Sequence, *, label: str, unit: str = "", width: int = 120, height: int = 28) -> Chart:
    """A small trend line for a table row (no axes): the figures are in the row beside it, and
    the text alternative repeats them."""
    ident = chart_id("spark", label, list(values))
    numbers = [to_float(v) for v in values]
    present = [v for v in numbers if v is not None]
    description = f"{label}: " + (", ".join("no value" if v is None else f"{fmt(v)}{unit}" for v in values)
                                  if present else "no values")  # fmt: skip
    body = []
    if present:
        low, high = min(present), max(present)
        y = Scale(low, high if high != low else low + 1, height - 4, 4)
        step = (width - 8) / max(1, len(numbers) - 1)
        points = [None if v is None else (4 + i * step, y(v) if high != low else height / 2)
                  for i, v in enumerate(numbers)]  # fmt: skip
        body.append(f'<path d="{_path(points)}" fill="none" stroke="{BLUE}" stroke-width="2"/>')
        last = next(p for p in reversed(points) if p is not None)
        body.append(f'<circle cx="{n(last[0])}" cy="{n(last[1])}" r="3" fill="{BLUE}"/>')
    svg = document(ident=ident, width=width, height=height, title=label, description=description, body=body,
                   css_class="app-chart app-chart--sparkline", fluid=False)  # fmt: skip
    rows = [[str(i + 1), "" if v is None else f"{fmt(v)}{unit}"] for i, v in enumerate(values)]
    return Chart(svg=svg, title=label, description=description, columns=["Point", "Value"], rows=rows)
