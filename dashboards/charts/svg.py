"""The building blocks every chart shares: escaping, number labels, scales and the document.

A chart is one standalone `<svg>` element (valid XML, with its own namespace) so the same
markup works inline in a page and in a WeasyPrint PDF. It carries `role="img"` and a `<title>`
and `<desc>` that say in words what it shows; the same data comes back as rows for a table,
because a chart alone is never the only way to read the figures. Styling is done with SVG
presentation attributes (no `style` attribute, no CSS), so a strict Content Security Policy and
a PDF renderer both leave it as drawn.
"""

from __future__ import annotations

import hashlib
import math
from dataclasses import dataclass, field
from decimal import Decimal
from xml.sax.saxutils import escape as _xml_escape

from django.utils.safestring import SafeString, mark_safe

# Colours with at least 3:1 contrast against white (WCAG 2.2 1.4.11 non-text contrast); each
# is paired with a line pattern or marker shape so that colour is never the only cue.
BLUE = "#1d70b8"  # 5.2:1
BLACK = "#0b0c0c"  # 19.6:1
PURPLE = "#912b88"  # 7.2:1
GREEN = "#00703c"  # 6.2:1
RED = "#d4351c"  # 4.9:1
AMBER = "#c25700"  # 4.5:1 (GOV.UK's yellow is too light against white)
GREY = "#505a5f"  # 7.1:1
GRID = "#b1b4b6"  # gridlines only: decoration, not information
TEXT = "#0b0c0c"
FONT = "Arial, Helvetica, sans-serif"


def esc(value) -> str:
    """Text made safe for an SVG element or a double-quoted attribute."""
    return _xml_escape(str(value), {'"': "&quot;", "'": "&#x27;"})


def fmt(value, places: int = 1) -> str:
    """A number as a label: thousands separated, at most `places` decimals, no trailing zeros."""
    if value is None:
        return "no value"
    number = float(value)
    text = f"{number:,.{places}f}"
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    return "0" if text in {"-0", ""} else text


def to_float(value) -> float | None:
    if value is None:
        return None
    if isinstance(value, Decimal):
        return float(value)
    return float(value)


def nice_step(span: float, ticks: int = 5) -> float:
    """A round step (1, 2, 2.5 or 5 times a power of ten) that cuts `span` into about `ticks`."""
    if span <= 0:
        return 1.0
    raw = span / ticks
    power = 10 ** math.floor(math.log10(raw))
    for multiple in (1, 2, 2.5, 5, 10):
        if raw <= multiple * power:
            return multiple * power
    return 10 * power


@dataclass(frozen=True)
class Scale:
    """A linear scale from data values to pixels: `low` maps to `start`, `high` to `end`."""

    low: float
    high: float
    start: float
    end: float

    def __call__(self, value: float) -> float:
        if self.high == self.low:
            return self.start
        return self.start + (value - self.low) / (self.high - self.low) * (self.end - self.start)


def value_range(values, *, include_zero: bool = True, ticks: int = 5) -> tuple[float, float, float]:
    """(low, high, step) of the axis for `values`: round numbers that hold them all, from zero
    when the values are all positive (so bar lengths and heights compare honestly)."""
    numbers = [v for v in (to_float(v) for v in values) if v is not None]
    if not numbers:
        return 0.0, 1.0, 0.2
    low, high = min(numbers), max(numbers)
    if include_zero:
        low, high = min(low, 0.0), max(high, 0.0)
    if high == low:
        high = low + (abs(low) or 1.0)
    step = nice_step(high - low, ticks)
    return math.floor(low / step) * step, math.ceil(high / step) * step, step


def ticks_between(low: float, high: float, step: float) -> list[float]:
    count = round((high - low) / step)
    return [low + i * step for i in range(count + 1)]


def chart_id(*parts) -> str:
    """A stable id prefix for one chart's elements, so two charts on a page never clash."""
    digest = hashlib.blake2s("\x1f".join(str(p) for p in parts).encode(), digest_size=5).hexdigest()
    return f"chart-{digest}"


@dataclass(frozen=True)
class Chart:
    """A drawn chart: `svg` (safe markup) plus the same figures as a table (`columns`, `rows`).

    In a template: `{{ chart }}` (or `{{ chart.svg }}`) draws it; the table view loops over
    `chart.columns` and `chart.rows`. `description` is the chart's text alternative.
    """

    svg: SafeString
    title: str
    description: str
    columns: list[str] = field(default_factory=list)
    rows: list[list[str]] = field(default_factory=list)

    def __html__(self) -> str:
        return self.svg

    def __str__(self) -> str:
        return self.svg


def document(*, ident: str, width: int, height: int, title: str, description: str, body: list[str],
             defs: str = "", css_class: str = "app-chart", fluid: bool = True) -> SafeString:  # fmt: skip
    """The whole `<svg>`: scalable (width 100%, fixed aspect ratio) unless not `fluid` (a
    sparkline keeps its size), announced as one image whose name is the title and whose
    description says what the chart shows."""
    size = 'width="100%"' if fluid else f'width="{width}" height="{height}"'
    head = (
        f'<svg xmlns="http://www.w3.org/2000/svg" class="{esc(css_class)}" role="img" '
        f'viewBox="0 0 {width} {height}" {size} preserveAspectRatio="xMinYMin meet" '
        f'aria-labelledby="{ident}-title {ident}-desc" font-family="{FONT}" font-size="13" fill="{TEXT}">'
        f'<title id="{ident}-title">{esc(title)}</title>'
        f'<desc id="{ident}-desc">{esc(description)}</desc>'
    )
    defs_markup = f"<defs>{defs}</defs>" if defs else ""
    return mark_safe(head + defs_markup + "".join(body) + "</svg>")  # noqa: S308 - every text is escaped


def n(value: float) -> str:
    """A coordinate, rounded to 0.1 px so the markup stays short and tests can compare it."""
    return f"{round(value, 1):g}"
