"""A report's data rendered as a self-contained HTML page, CSV tables and JSON.

Pure functions of the data dict built by ``reports.selectors.report_data``: rendering never queries.
"""

from __future__ import annotations

import csv
import io
import json
import zipfile

from django.template.loader import render_to_string

from reports import charts

# Spreadsheet programs run cells that start with these as formulas; a quoted claim must stay text.
_FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")


def _cell(value) -> object:
    if isinstance(value, str) and value.startswith(_FORMULA_PREFIXES):
        return "'" + value
    return value


def report_json(*, data: dict) -> str:
    return json.dumps(data, indent=2, ensure_ascii=False, sort_keys=False)


def _widest_ranges_table(data: dict) -> tuple[list[str], list[list]]:
    """One row per source of each widest casualty range."""
    return (
        [
            "incident_id",
            "incident",
            "place",
            "victim_group",
            "range_min",
            "range_max",
            "conservative",
            "most_likely",
            "claim_id",
            "claimant",
            "outlet",
            "figure",
            "quote",
            "article_url",
        ],
        [
            [
                r["incident_id"],
                r["title"],
                r["place"],
                r["victim_group"],
                r["low"],
                r["high"],
                r["conservative"],
                r.get("likely"),
                s["claim_id"],
                s["claimant"],
                s["outlet"],
                s["figure"],
                s["quote"],
                s["article_url"],
            ]
            for r in data["widest_ranges"]
            for s in r["sources"]
        ],
    )


def _top_open_table(data: dict) -> tuple[list[str], list[list]]:
    """The highest-scored open contradictions, both claims side by side."""
    return (
        [
            "contradiction_id",
            "kind",
            "score",
            "detected_at",
            "incident",
            "explanation",
            "claim_a_claimant",
            "claim_a_quote",
            "claim_b_claimant",
            "claim_b_quote",
            "admin_url",
        ],
        [
            [
                r["id"],
                r["kind"],
                r["score"],
                r["detected_at"],
                r["incident"],
                r["explanation"],
                r["claims"][0]["claimant"],
                r["claims"][0]["quote"],
                r["claims"][1]["claimant"],
                r["claims"][1]["quote"],
                r["admin_url"],
            ]
            for r in data["top_open"]
        ],
    )


def _party_pairs_table(data: dict) -> tuple[list[str], list[list]]:
    """The party pairs, with their counts by kind."""
    return (
        ["party_a", "party_b", "contradictions", "by_kind"],
        [
            [
                r["party_a"],
                r["party_b"],
                r["count"],
                ";".join(f"{k}={n}" for k, n in sorted(r["by_kind"].items())),
            ]
            for r in data["party_pairs"]["rows"]
        ],
    )


def _newly_detected_table(data: dict) -> tuple[list[str], list[list]]:
    """What the engine found during the period, with the days of its claims' events."""
    return (
        ["contradiction_id", "kind", "status", "detected_at", "event_days", "incident", "explanation"],
        [
            [
                r["id"],
                r["kind"],
                r["status"],
                r["detected_at"],
                ";".join(r["event_days"]),
                r["incident"],
                r["explanation"],
            ]
            for r in data.get("newly_detected", [])
        ],
    )


def _reliability_table(data: dict) -> tuple[list[str], list[list]]:
    """The most and least reliable parties of the period."""
    return (
        ["list", "party", "side", "score", "claims_in_period", "claims_counted", "confirmed", "refuted"],
        [
            [
                which,
                r["party"],
                r["side"],
                r["score"],
                r["period_claims"],
                r["claims_counted"],
                r["confirmed"],
                r["refuted"],
            ]
            for which in ("most", "least")
            for r in data.get("reliability", {}).get(which, [])
        ],
    )


def report_csv_tables(*, data: dict) -> dict[str, str]:
    """One CSV text per table, keyed by file name."""
    tables: dict[str, tuple[list[str], list[list]]] = {
        "contradictions_by_kind.csv": (
            ["kind", "label", "new_in_period", "still_open", "events_in_period", "events_in_period_open"],
            [
                [r["kind"], r["label"], r["new"], r["open"], r.get("in_period"), r.get("in_period_open")]
                for r in data["contradictions_by_kind"]
            ],
        ),
        "party_pairs.csv": _party_pairs_table(data),
        "widest_casualty_ranges.csv": _widest_ranges_table(data),
        "claims_per_party_per_day.csv": (
            ["party", "day", "claims"],
            [[r["party"], r["day"], r["count"]] for r in data["claims_per_party_per_day"]["rows"]],
        ),
        "reviewed.csv": (
            ["kind", "label", "confirmed", "dismissed"],
            [[r["kind"], r["label"], r["confirmed"], r["dismissed"]] for r in data["reviewed"]],
        ),
        "top_open_contradictions.csv": _top_open_table(data),
        "newly_detected_contradictions.csv": _newly_detected_table(data),
        "party_reliability.csv": _reliability_table(data),
    }
    out = {}
    for name, (header, rows) in tables.items():
        buffer = io.StringIO()
        writer = csv.writer(buffer)
        writer.writerow(header)
        writer.writerows([[_cell(v) for v in row] for row in rows])
        out[name] = buffer.getvalue()
    return out


def report_csv_zip(*, data: dict) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, text in report_csv_tables(data=data).items():
            # A fixed timestamp keeps the zip identical when the data is.
            archive.writestr(zipfile.ZipInfo(name, date_time=(2020, 1, 1, 0, 0, 0)), text)
    return buffer.getvalue()


def report_charts(*, data: dict) -> dict:
    by_kind = data["contradictions_by_kind"]
    per_day = data["claims_per_party_per_day"]
    stacks: dict[str, dict[str, int]] = {party: {} for party in per_day["parties"]}
    for row in per_day["rows"]:
        stacks[row["party"]][row["day"]] = row["count"]
    return {
        "by_kind": charts.grouped_bars(
            categories=[r["label"] for r in by_kind],
            series={
                "Events in period": [r.get("in_period", 0) for r in by_kind],
                "Of these open": [r.get("in_period_open", 0) for r in by_kind],
                "Detected in period": [r["new"] for r in by_kind],
            },
            title="Contradictions by kind",
        ),
        "per_day": charts.stacked_columns(
            days=per_day["days"], stacks=stacks, title="Claims per party per day"
        )
        if per_day["rows"]
        else "",
        "ranges": charts.range_dots(rows=data["widest_ranges"], title="Widest casualty ranges (killed)")
        if data["widest_ranges"]
        else "",
    }


def report_html(*, data: dict) -> str:
    """The self-contained page: inline CSS and SVG, no external requests; every text auto-escaped."""
    return render_to_string(
        "reports/report.html", {"data": data, "meta": data["report"], "charts": report_charts(data=data)}
    )
