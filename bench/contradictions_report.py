"""The contradiction benchmark's report: the table of results with their ratios, and its section in
docs/performance.md (``python -m bench.contradictions --write-doc``).
"""

from __future__ import annotations

from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DOC = ROOT / "docs" / "performance.md"
HEADING = "## Contradiction engine"


def _render_rows(r: dict, floor: float) -> list[tuple[str, str, str]]:
    """(measure, figure, notes) per line of the table."""
    naive_rate = r["naive_pairs"] / r["naive_s"] if r["naive_s"] else float("inf")
    all_pairs = r["claims"] * (r["claims"] - 1) / 2
    return [
        (
            "corpus generation (COPY)",
            f"{r['generate_s']:.1f} s",
            f"{r['claims']:,} claims, {r['incidents']:,} incidents",
        ),
        (
            "blocking alone, one SQL self-join",
            f"{r['raw_blocking_s']:.2f} s",
            f"{r['raw_blocking_pairs']:,} candidate pairs",
        ),
        (
            "SQL floor: blocking + rule pre-conditions, one statement",
            f"{floor:.2f} s",
            f"{r['floor_pairs']:,} pairs ({100 * r['floor_pairs'] / max(1, r['raw_blocking_pairs']):.1f} % of the blocked pairs survive)",
        ),
        (
            "full scan, fresh claims (marks all checked, fills incident figures)",
            f"{r['first_scan_s']:.1f} s",
            f"{r['first_scan_s'] / floor:.1f}x floor; {r['first_scan']['found']:,} findings; "
            f"{r['first_scan']['checked']:,} marked checked, {r['pending_after_first_scan']:,} left pending",
        ),
        (
            "full rescan of checked claims (after a rule change)",
            f"{r['rescan_s']:.1f} s",
            f"{r['rescan_s'] / floor:.1f}x floor; {r['rescan']['created']} created, {r['rescan']['closed']} closed",
        ),
        *(
            (
                f"rescan on {count} worker{'s' if count > 1 else ''}",
                f"{seconds:.1f} s",
                f"{seconds / floor:.1f}x floor; speed-up {r['rescan_by_workers'][min(r['rescan_by_workers'])] / seconds:.2f}x",
            )
            for count, seconds in r["rescan_by_workers"].items()
            if len(r["rescan_by_workers"]) > 1
        ),
        (
            f"naive all-pairs in Python, {r['small_claims']:,} claims",
            f"{r['naive_s']:.1f} s",
            f"{naive_rate:,.0f} pairs/s; at {r['claims']:,} claims ≈ {all_pairs / naive_rate / 86400:,.0f} days; "
            f"agrees with the engine: {r['naive_agrees']}",
        ),
        (
            "incremental claim_check, after a changed_at bump",
            f"median {r['check_median_ms']:.1f} ms",
            f"p99 {r['check_p99_ms']:.1f} ms, mean {r['check_mean_ms']:.1f} ms (incident refresh included)",
        ),
        (
            "planted contradictions found",
            f"{r['planted_found']} / {r['planted']}",
            (
                f"{r['invented']} invented"
                if r["invented"] is not None
                else f"{r['background_found']:,} background contradictions (realistic corpus)"
            )
            + f"; updates {r['updates_found']} / {r['updates_expected']}",
        ),
    ]


def render(r: dict) -> str:
    """The benchmark's table and notes, as text."""
    floor = r["floor_s"]
    rows = _render_rows(r, floor)
    width = max(len(name) for name, _, _ in rows)
    lines = [f"{'measure':<{width}} | {'figure':>18} | notes", f"{'-' * width}-|-{'-' * 18}-|------"]
    lines += [f"{name:<{width}} | {figure:>18} | {notes}" for name, figure, notes in rows]
    lines += [
        "",
        f"SQL floor measured again after the scans: {r['floor_after_s']:.2f} s (ratios use the first, {floor:.2f} s)",
        f"small corpus ({r['corpus']}): planted all found"
        + (" (among the background's own)" if r["corpus"] == "realistic" else ", nothing else")
        + f": {r['small_planted_ok']}",
        f"load average (1, 5, 15 min) before: {r['load_before']}; after: {r['load_after']} (2 cores)",
        "",
        "candidate query plans (EXPLAIN ANALYZE):",
        r["plan"],
    ]
    return "\n".join(lines)


def write_doc(report: str, args) -> None:
    text = DOC.read_text()
    start = text.index(HEADING)
    rest = text[start + len(HEADING) :]
    following = rest.find("\n## ")
    end = start + len(HEADING) + (following if following >= 0 else len(rest))
    command = (
        f".venv/bin/python -m bench.contradictions --n {args.n} --planted {args.planted} "
        f"--workers {args.workers} --block-size {args.block_size} --database-url {args.database_url}"
    )
    section = (
        f"{HEADING}\n\nMeasured with `{command}` (2 cores; PostgreSQL 15 on the same machine).\n\n"
        f"```\n{report}\n```\n"
    )
    DOC.write_text(text[:start] + section + "\n" + text[end:].lstrip("\n"))
