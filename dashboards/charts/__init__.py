"""Charts drawn on the server as SVG: no JavaScript, no charting library, nothing fetched.

The same markup goes into pages and into PDFs (partnership/pdf.py). Every chart is a `Chart`:
the `<svg>` (role="img", a `<title>` and a `<desc>` with the text alternative, every text
escaped) and the same figures as `columns` and `rows` for a table view. Include
`dashboards/_chart.html` to show a chart with its table.

- `line_chart`: a trend over periods, with a target line and comparator series.
- `bar_chart`: horizontal labelled bars.
- `stacked_bar_chart`: counts by RAG (or any segments) per group.
- `sparkline`: a small trend for a table row.
"""

from .bars import RAG_SEGMENTS, RAG_WITH_GREY, Segment, bar_chart, stacked_bar_chart
from .line import Series, line_chart, sparkline
from .svg import Chart

__all__ = [
    "RAG_SEGMENTS",
    "RAG_WITH_GREY",
    "Chart",
    "Segment",
    "Series",
    "bar_chart",
    "line_chart",
    "sparkline",
    "stacked_bar_chart",
]
