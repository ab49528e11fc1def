"""Server-rendered SVG charts: valid XML, a text alternative, values placed in proportion,
every text escaped, and the same figures as a table."""

import xml.etree.ElementTree as ET
from decimal import Decimal

import pytest

from dashboards.charts import RAG_SEGMENTS, Series, bar_chart, line_chart, sparkline, stacked_bar_chart

SVG = "{http://www.w3.org/2000/svg}"
NASTY = 'Children & <young> people\'s "voice"'


def parse(chart):
    return ET.fromstring(str(chart))  # noqa: S314 - our own markup


def text_alternative(root) -> tuple[str, str]:
    title, desc = root.find(f"{SVG}title"), root.find(f"{SVG}desc")
    assert root.get("role") == "img"
    assert root.get("aria-labelledby") == f"{title.get('id')} {desc.get('id')}"
    return title.text, desc.text


def markers(root, series_name: str) -> list[tuple[float, float]]:
    group = next(g for g in root.iter(f"{SVG}g") if g.get("data-series") == series_name)
    return [(float(m.get("data-x")), float(m.get("data-y"))) for m in group if m.get("data-x") is not None]


@pytest.fixture
def trend():
    return line_chart(
        title="Re-referrals within 12 months",
        periods=["Q1 2026/27", "Q2 2026/27", "Q3 2026/27"],
        series=[
            Series("This partnership", [0, 50, 100]),
            Series("England", [Decimal("20"), None, Decimal("30")]),
        ],
        target=Decimal("40"),
        unit="%",
    )


def test_line_chart_is_valid_svg_with_a_text_alternative(trend):
    root = parse(trend)
    assert root.tag == f"{SVG}svg"
    title, desc = text_alternative(root)
    assert title == "Re-referrals within 12 months"
    assert "Q1 2026/27 to Q3 2026/27" in desc
    assert "This partnership, latest (Q3 2026/27): 100%" in desc
    assert "England, latest (Q3 2026/27): 30%" in desc
    assert "Target: 40%" in desc


def test_line_chart_places_values_in_proportion(trend):
    root = parse(trend)
    (x0, y0), (x1, y50), (x2, y100) = markers(root, "This partnership")
    assert x1 - x0 == pytest.approx(x2 - x1)  # periods evenly spaced
    assert y0 > y50 > y100  # higher values are higher up (smaller y)
    assert y0 - y50 == pytest.approx(y50 - y100, abs=0.1)  # 50 is half way between 0 and 100
    ticks = {t.get("data-tick"): float(t.get("y")) - 4 for t in root.iter(f"{SVG}text") if t.get("data-tick")}
    assert y0 == pytest.approx(ticks["0"], abs=0.1)  # 0 sits on the axis's 0
    assert y100 == pytest.approx(ticks["100"], abs=0.1)
    # The target line sits at 40% of the way up.
    target = next(line for line in root.iter(f"{SVG}line") if line.get("class") == "app-chart__target")
    assert float(target.get("y1")) == pytest.approx(y0 - 0.4 * (y0 - y100), abs=0.1)
    # A missing value breaks the comparator's line: two points, two separate moves.
    england = markers(root, "England")
    assert [x for x, _ in england] == [x0, x2]
    path = next(g for g in root.iter(f"{SVG}g") if g.get("data-series") == "England").find(f"{SVG}path")
    assert path.get("d").count("M") == 2 and "L" not in path.get("d")


def test_line_chart_gives_the_figures_as_a_table(trend):
    assert trend.columns == ["Period", "This partnership", "England", "Target"]
    assert trend.rows == [
        ["Q1 2026/27", "0%", "20%", "40%"],
        ["Q2 2026/27", "50%", "", "40%"],
        ["Q3 2026/27", "100%", "30%", "40%"],
    ]


def test_series_are_told_apart_by_pattern_and_marker_not_colour_alone(trend):
    root = parse(trend)
    groups = [g for g in root.iter(f"{SVG}g") if g.get("data-series")]
    first, second = (g.find(f"{SVG}path") for g in groups)
    assert first.get("stroke-dasharray") is None and second.get("stroke-dasharray")
    assert groups[0].find(f"{SVG}circle") is not None and groups[1].find(f"{SVG}rect") is not None


def test_every_text_is_escaped():
    chart = line_chart(title=NASTY, periods=[NASTY, "Q2"], series=[Series(NASTY, [1, 2])], target=1)
    root = parse(chart)  # parses: nothing broke out of its element or attribute
    assert text_alternative(root)[0] == NASTY
    assert "<young>" not in str(chart)
    texts = "".join("".join(t.itertext()) for t in root.iter(f"{SVG}text"))
    assert NASTY in texts
    for chart in (
        bar_chart(title=NASTY, bars=[(NASTY, 3)]),
        stacked_bar_chart(title=NASTY, rows=[(NASTY, {"red": 1})]),
        sparkline([1, 2], label=NASTY),
    ):
        root = parse(chart)
        assert text_alternative(root)[0] == NASTY
        assert "<young>" not in str(chart)


def test_bar_chart_lengths_are_proportional_and_labelled():
    chart = bar_chart(title="Courses by agency", bars=[("Police", 10), ("Health", 20), ("Schools", 5)])
    root = parse(chart)
    bars = {r.find(f"{SVG}title").text.split(":")[0]: float(r.get("width")) for r in root.iter(f"{SVG}rect")}
    assert bars["Health"] == pytest.approx(2 * bars["Police"], abs=0.2)
    assert bars["Police"] == pytest.approx(2 * bars["Schools"], abs=0.2)
    labels = [t.text for t in root.iter(f"{SVG}text")]
    assert {"Police", "Health", "Schools", "10", "20", "5"} <= set(labels)
    assert "Police: 10; Health: 20; Schools: 5" in text_alternative(root)[1]
    assert chart.rows == [["Police", "10"], ["Health", "20"], ["Schools", "5"]]


def test_stacked_bar_segments_are_proportional_with_counts_in_words():
    chart = stacked_bar_chart(
        title="Actions by RAG",
        rows=[("Training", {"red": 2, "amber": 2, "green": 4}), ("Practice Review", {"green": 2})],
    )
    root = parse(chart)
    segments = [
        (r.get("data-segment"), float(r.get("width")) + 2)
        for r in root.iter(f"{SVG}rect")
        if r.get("data-segment")
    ]
    (_, red), (_, amber), (_, green), (_, other_green) = segments
    assert red == pytest.approx(amber) and green == pytest.approx(2 * red, abs=0.2)
    assert other_green == pytest.approx(red, abs=0.2)  # bars compare the rows' totals: 2 of 8
    texts = [t.text for t in root.iter(f"{SVG}text")]
    assert "Training: 2 red, 2 amber, 4 green" in texts
    assert "Training: 2 red, 2 amber, 4 green" in text_alternative(root)[1]
    # Red and amber are patterned as well as coloured; the legend names each segment.
    patterns = {p.get("id").rsplit("-", 1)[1] for p in root.iter(f"{SVG}pattern")}
    assert patterns == {"red", "amber"}
    assert {s.label for s in RAG_SEGMENTS} <= set(texts)
    assert chart.columns == ["", "Red", "Amber", "Green", "Total"]
    assert chart.rows == [["Training", "2", "2", "4", "8"], ["Practice Review", "0", "0", "2", "2"]]


def test_two_charts_on_one_page_never_share_ids():
    first = parse(stacked_bar_chart(title="A", rows=[("x", {"red": 1})]))
    second = parse(stacked_bar_chart(title="B", rows=[("x", {"red": 1})]))
    ids = lambda root: {e.get("id") for e in root.iter() if e.get("id")}  # noqa: E731
    assert not ids(first) & ids(second)


def test_sparkline_keeps_its_size_and_says_its_values():
    root = parse(sparkline([Decimal("1.5"), None, 3], label="Trend", unit="%"))
    assert root.get("width") == "120"
    assert text_alternative(root)[1] == "Trend: 1.5%, no value, 3%"


def test_empty_charts_still_say_so():
    root = parse(line_chart(title="Nothing", periods=[], series=[Series("x", [])]))
    assert text_alternative(root)[1] == "Nothing: no values yet."
    assert "nothing to show" in text_alternative(parse(bar_chart(title="None", bars=[])))[1]
