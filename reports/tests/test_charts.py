"""The report's inline SVG charts keep every label whole and inside the picture.

Widths are measured with a per-character table of DejaVu Sans at 12 px (Debian's sans-serif, wider than
most): a label whose measured extent leaves the viewBox is cut off on screen (the range chart showed
"9–1" for "9–10")."""

import itertools
from xml.etree import ElementTree

import pytest

from reports import charts

SVG = "{http://www.w3.org/2000/svg}"
# DejaVu Sans advance widths in em for the characters the labels below use (the rest: 0.62 em).
DEJAVU = {
    **dict.fromkeys("0123456789", 0.636),
    "–": 0.5,
    "+": 0.838,
    " ": 0.318,
    "…": 1.0,
    "(": 0.39,
    ")": 0.39,
    "-": 0.361,
    "M": 0.863,
    "W": 0.989,
    "m": 0.974,
    "w": 0.818,
    "i": 0.278,
    "l": 0.278,
}


def measured(text: str) -> float:
    return sum(DEJAVU.get(c, 0.62) for c in text) * 12


def labels(svg: str) -> list[tuple[str, float, float]]:
    """(text, left, right) of every text element drawn (tooltips in <title> are not drawn)."""
    root = ElementTree.fromstring(str(svg))  # noqa: S314 - the project's own chart
    out = []
    for node in root.iter(f"{SVG}text"):
        text = node.text or ""
        x, width = float(node.get("x")), measured(text)
        anchor = node.get("text-anchor", "start")
        left = x - width if anchor == "end" else x - width / 2 if anchor == "middle" else x
        out.append((text, left, left + width))
    return out


def assert_inside(svg: str) -> None:
    width = float(ElementTree.fromstring(str(svg)).get("viewBox").split()[2])  # noqa: S314
    for text, left, right in labels(svg):
        assert left >= 0, f"{text!r} starts {-left:.0f}px left of the picture"
        assert right <= width, f"{text!r} runs {right - width:.0f}px past the right edge"


def range_row(title, low, high, figures):
    return {
        "title": title,
        "victim_group": "civilian",
        "low": low,
        "high": high,
        "range": f"{low}–{high}",
        "sources": [{"claimant": f"Source {n}", "figure": str(n), "killed_min": n} for n in figures],
    }


@pytest.mark.parametrize(
    ("low", "high"), [(9, 10), (9, 100), (1200, 15000), (0, 5), (48, 50), (99999, 100000)]
)
def test_the_range_chart_shows_the_whole_range_label_inside_the_picture(low, high):
    svg = charts.range_dots(rows=[range_row("Strike on a market town", low, high, [low, high])], title="r")
    drawn = [text for text, _, _ in labels(svg)]
    assert f"{low}–{high}" in drawn
    assert_inside(svg)


def test_long_incident_titles_are_shortened_to_fit_with_the_full_title_as_a_tooltip():
    title = "Overnight missile and artillery strikes on residential districts of a regional capital"
    svg = charts.range_dots(rows=[range_row(title, 9, 10, [9, 10])], title="r")
    drawn = [text for text, _, _ in labels(svg)]
    assert any(text.endswith("…") and title.startswith(text[:-1]) for text in drawn)
    assert title in str(svg)  # in the <title> tooltip
    assert_inside(svg)


def test_the_bars_and_their_legend_fit_and_do_not_overlap():
    svg = charts.grouped_bars(
        categories=["Casualty mismatch", "Conflicting blame", "Accusation vs denial", "Conflicting control"],
        series={
            "Events in period": [3, 1, 0, 12],
            "Of these open": [2, 1, 0, 9],
            "Detected in period": [1, 0, 0, 40],
        },
        title="b",
    )
    assert_inside(svg)
    legend = sorted(
        (left, right) for text, left, right in labels(svg) if text.endswith("period") or "open" in text
    )
    for (_, right), (next_left, _) in itertools.pairwise(legend):
        assert right <= next_left - 12  # room for the next swatch


def test_the_per_day_columns_fit_with_long_party_names():
    stacks = {
        f"Ministry of Defence of a Very Long Country Name {n}": {"2020-10-12": n, "2020-10-13": 2 * n}
        for n in range(1, 10)
    }
    svg = charts.stacked_columns(days=["2020-10-12", "2020-10-13"], stacks=stacks, title="c")
    assert_inside(svg)
