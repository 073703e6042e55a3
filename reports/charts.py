"""Inline SVG charts for the HTML report: no JavaScript, no image files, every label escaped.

Pure functions from report data to an SVG string, so the page stays one self-contained file that
mail clients and browsers render the same way.
"""

from __future__ import annotations

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

PALETTE = ["#1f6feb", "#d1242f", "#8250df", "#1a7f37", "#bf8700", "#0a7ea4", "#e16f24", "#6e7781"]
FONT_SIZE = 12
FONT = f'font-family="system-ui, -apple-system, Segoe UI, sans-serif" font-size="{FONT_SIZE}"'
_NARROW = set(" .,:;'!|()[]ijlftr")
_WIDE = set("mwMW@%…")


def text_width(text: str, size: float = FONT_SIZE) -> float:
    """A generous estimate of the width of ``text`` in pixels, so layouts leave room for every label.

    Based on DejaVu Sans (the sans-serif fallback on Debian, wider than most system fonts): digits and
    most letters 0.64 em, capitals 0.75 em, narrow punctuation 0.4 em, m, w and the ellipsis 0.95 em.
    """
    width = 0.0
    for char in text:
        if char in _WIDE:
            width += 0.95
        elif char in _NARROW:
            width += 0.4
        elif char.isupper():
            width += 0.75
        else:
            width += 0.64
    return width * size


def fit_text(text: str, width: float) -> str:
    """``text``, cut with an ellipsis so it fits in ``width`` pixels."""
    if text_width(text) <= width:
        return text
    while text and text_width(text + "…") > width:
        text = text[:-1]
    return text.rstrip() + "…"


def _svg(width: int, height: int, body: list[str], title: str) -> SafeString:
    return mark_safe(  # noqa: S308 - every interpolated label below goes through escape()
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {height}" width="{width}" height="{height}" '
        f'role="img" aria-label="{escape(title)}" {FONT}><title>{escape(title)}</title>{"".join(body)}</svg>'
    )


def _nice_max(value: int) -> int:
    if value <= 5:
        return 5
    for step in (
        10,
        20,
        25,
        30,
        40,
        50,
        60,
        80,
        100,
        150,
        200,
        250,
        300,
        400,
        500,
        1000,
        2000,
        5000,
        10000,
        20000,
        50000,
        100000,
    ):
        if value <= step:
            return step
    return value


def grouped_bars(*, categories: list[str], series: dict[str, list[int]], title: str) -> SafeString:
    """Horizontal bars, one group per category (e.g. new and still-open contradictions per kind)."""
    width, label_w, bar_h, gap = 760, 190, 14, 10
    names = list(series)
    group_h = bar_h * len(names) + gap
    height = 30 + group_h * len(categories) + 24
    top = max([v for values in series.values() for v in values] + [1])
    scale = (width - label_w - 60) / _nice_max(top)
    body = []
    x: float = label_w
    for i, name in enumerate(names):
        body.append(f'<rect x="{x:.1f}" y="6" width="12" height="12" fill="{PALETTE[i % len(PALETTE)]}"/>')
        body.append(f'<text x="{x + 18:.1f}" y="16">{escape(name)}</text>')
        x += 18 + text_width(name) + 16
    for c, category in enumerate(categories):
        y0 = 30 + c * group_h
        label = fit_text(category, label_w - 12)
        body.append(
            f'<text x="{label_w - 8}" y="{y0 + group_h / 2}" text-anchor="end">{escape(label)}'
            f"<title>{escape(category)}</title></text>"
        )
        for i, name in enumerate(names):
            value = series[name][c]
            y = y0 + i * bar_h
            w = max(value * scale, 0.5 if value else 0)
            body.append(
                f'<rect x="{label_w}" y="{y}" width="{w:.1f}" height="{bar_h - 2}" '
                f'fill="{PALETTE[i % len(PALETTE)]}"><title>{escape(name)}: {value}</title></rect>'
            )
            body.append(f'<text x="{label_w + w + 4:.1f}" y="{y + bar_h - 4}">{value}</text>')
    body.append(f'<line x1="{label_w}" y1="26" x2="{label_w}" y2="{height - 20}" stroke="#8c959f"/>')
    return _svg(width, height, body, title)


def stacked_columns(*, days: list[str], stacks: dict[str, dict[str, int]], title: str) -> SafeString:
    """One column per day, stacked by party (claims per party per day)."""
    parties = list(stacks)[: len(PALETTE) - 1]
    others = [p for p in stacks if p not in parties]
    if others:
        other_counts: dict[str, int] = {}
        for p in others:
            for d, n in stacks[p].items():
                other_counts[d] = other_counts.get(d, 0) + n
        stacks = {**{p: stacks[p] for p in parties}, "Others": other_counts}
        parties = [*parties, "Others"]
    legend_rows = (len(parties) + 3) // 4
    width, left, bottom, top_pad = 760, 48, 40, 24 + 16 * legend_rows
    height = 240 + top_pad
    totals = [sum(stacks[p].get(d, 0) for p in parties) for d in days]
    top = _nice_max(max([*totals, 1]))
    plot_h = height - bottom - top_pad
    col_w = min((width - left - 10) / max(len(days), 1), 90)
    body = []
    for i, party in enumerate(parties):
        x: float = left + (i % 4) * 175
        y: float = 6 + (i // 4) * 16
        body.append(f'<rect x="{x}" y="{y}" width="12" height="12" fill="{PALETTE[i % len(PALETTE)]}"/>')
        body.append(
            f'<text x="{x + 18}" y="{y + 10}">{escape(fit_text(party, 175 - 18 - 8))}'
            f"<title>{escape(party)}</title></text>"
        )
    for tick in (0, top // 2, top):
        y = height - bottom - tick / top * plot_h
        body.append(f'<line x1="{left}" y1="{y:.1f}" x2="{width - 10}" y2="{y:.1f}" stroke="#d0d7de"/>')
        body.append(f'<text x="{left - 6}" y="{y + 4:.1f}" text-anchor="end">{tick}</text>')
    label_every = max(1, len(days) // 12)
    for d_index, day in enumerate(days):
        x = left + d_index * col_w + col_w * 0.15
        y = height - bottom
        for i, party in enumerate(parties):
            n = stacks[party].get(day, 0)
            if not n:
                continue
            h = n / top * plot_h
            y -= h
            body.append(
                f'<rect x="{x:.1f}" y="{y:.1f}" width="{col_w * 0.7:.1f}" height="{h:.1f}" '
                f'fill="{PALETTE[i % len(PALETTE)]}"><title>{escape(party)} {escape(day)}: {n}</title></rect>'
            )
        if d_index % label_every == 0:
            body.append(
                f'<text x="{x + col_w * 0.35:.1f}" y="{height - bottom + 16}" text-anchor="middle">{escape(day[5:])}</text>'
            )
    return _svg(width, height, body, title)


def range_dots(*, rows: list[dict], title: str) -> SafeString:
    """Per incident, the min–max band of killed figures with one dot per source (Airwars-style range)."""
    width, label_w, row_h = 760, 230, 30
    height = 20 + row_h * len(rows) + 26
    top = _nice_max(max([r["high"] for r in rows] + [1]))
    # Room on the right for the widest range label written after its band's end (and the last tick).
    right = max([text_width(r["range"]) for r in rows] + [text_width(str(top)) / 2]) + 10 + 8
    scale = (width - label_w - right) / top
    body = []
    for tick in (0, top // 4, top // 2, 3 * top // 4, top):
        x = label_w + tick * scale
        body.append(f'<line x1="{x:.1f}" y1="10" x2="{x:.1f}" y2="{height - 22}" stroke="#eaeef2"/>')
        body.append(f'<text x="{x:.1f}" y="{height - 8}" text-anchor="middle">{tick}</text>')
    for i, row in enumerate(rows):
        y = 24 + i * row_h
        label = fit_text(row["title"], label_w - 8 - 4)
        body.append(
            f'<text x="{label_w - 8}" y="{y + 4}" text-anchor="end">{escape(label)}'
            f"<title>{escape(row['title'])} ({escape(row['victim_group'])})</title></text>"
        )
        x1, x2 = label_w + row["low"] * scale, label_w + row["high"] * scale
        body.append(
            f'<line x1="{x1:.1f}" y1="{y}" x2="{x2:.1f}" y2="{y}" stroke="#afb8c1" stroke-width="8" stroke-linecap="round">'
            f"<title>{escape(row['range'])}</title></line>"
        )
        for source in row["sources"]:
            x = label_w + source["killed_min"] * scale
            body.append(
                f'<circle cx="{x:.1f}" cy="{y}" r="5" fill="#d1242f" fill-opacity="0.75">'
                f"<title>{escape(source['claimant'])}: {escape(source['figure'])}</title></circle>"
            )
        body.append(f'<text x="{x2 + 10:.1f}" y="{y + 4}" fill="#57606a">{escape(row["range"])}</text>')
    return _svg(width, height, body, title)
