"""Benchmark of source credibility (a benchmark, not a test: it asserts nothing).

    .venv/bin/python -m bench.credibility --n 1000000 \\
        --database-url postgres://postgres@127.0.0.1:5432/bench9 [--reuse] [--write-doc]

1. Synthetic worlds with known truth (``credibility.synthetic``; no database): accuracy of the most
   likely figure picked by TruthFinder against majority vote and the most conservative (lowest)
   figure, and the rank correlation of learned trust with true reliability, over ``--seeds`` seeds.
2. Recompute at ``--n`` claims on PostgreSQL: the corpus of ``bench.corpus`` (the database named by
   ``--database-url`` is dropped and recreated unless ``--reuse`` finds a corpus there already), with
   a share of claims relayed by agencies and a sample of reviewers' verdicts; then
   ``credibility_recompute()`` from empty (writes every row) and again over the same data (writes
   nothing), each split into load / algorithm / write, with the query count and peak memory.

``--write-doc`` writes the tables under "## Credibility" in docs/performance.md.
"""

from __future__ import annotations

import argparse
import json
import resource
import time
import tracemalloc

from bench.contradictions_report import DOC
from bench.setup import recreate_database, setup_django

HEADING = "## Credibility"
TABLE_KEYS = ("truthfinder", "majority", "conservative", "spearman")


def parse_args(argv=None):
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--n", type=int, default=1_000_000, help="claims in the corpus")
    parser.add_argument("--seeds", type=int, default=10, help="synthetic worlds to average over")
    parser.add_argument("--database-url", default="postgres://postgres@127.0.0.1:5432/bench9")
    parser.add_argument("--reuse", action="store_true", help="keep the corpus already in the database")
    parser.add_argument(
        "--relayed-every", type=int, default=5, help="every k-th claim is relayed by an agency"
    )
    parser.add_argument("--verdict-every", type=int, default=500, help="every k-th claim gets a verdict")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--skip-db", action="store_true", help="only the synthetic-world table")
    parser.add_argument("--write-doc", action="store_true", help="write the figures into docs/performance.md")
    return parser.parse_args(argv)


def synthetic_table(seeds: int) -> tuple[str, dict]:
    """Accuracy of TruthFinder, majority vote and most conservative over synthetic worlds."""
    import numpy as np

    from credibility.synthetic import evaluate, make_world

    rows = []
    for seed in range(1, seeds + 1):
        outcome = evaluate(make_world(seed))
        rows.append(
            (seed, outcome["truthfinder"], outcome["majority"], outcome["conservative"], outcome["spearman"])
        )
    lines = [
        "12 parties (reliability 0.95 .. 0.30), 300 incidents, 3-8 reporters each, 3% of claims with a verdict",
        f"{'seed':>17} | {'TruthFinder':>11} | {'majority':>8} | {'conservative':>12} | {'Spearman(trust, reliability)':>28}",
        f"{'-' * 17}-|-{'-' * 11}-|-{'-' * 8}-|-{'-' * 12}-|-{'-' * 28}",
    ]
    lines += [f"{s:>17} | {t:>11.1%} | {m:>8.1%} | {c:>12.1%} | {r:>28.3f}" for s, t, m, c, r in rows]
    mean = np.array([row[1:] for row in rows]).mean(axis=0)
    lines.append(f"{'mean':>17} | {mean[0]:>11.1%} | {mean[1]:>8.1%} | {mean[2]:>12.1%} | {mean[3]:>28.3f}")
    # The same worlds with no verdict at all: agreement between independent sources alone.
    bare = np.array(
        [
            [v for k, v in evaluate(make_world(seed, verdict_share=0.0)).items() if k in TABLE_KEYS]
            for seed in range(1, seeds + 1)
        ]
    ).mean(axis=0)
    lines.append(
        f"{'mean, no verdicts':>4} | {bare[0]:>11.1%} | {bare[1]:>8.1%} | {bare[2]:>12.1%} | {bare[3]:>28.3f}"
    )
    summary = {"truthfinder": mean[0], "majority": mean[1], "conservative": mean[2], "spearman": mean[3]}
    return "\n".join(lines), summary


def prepare_corpus(args) -> dict:
    """Generate the corpus (or reuse it), relay a share of claims through agencies, add verdicts."""
    from django.db import connection

    from bench.corpus import generate_corpus
    from claims.models import Claim
    from sources.models import Party

    if args.reuse and Claim.objects.exists():
        return {"generate_s": None, "claims": Claim.objects.count()}
    started = time.perf_counter()
    corpus = generate_corpus(args.n, seed=args.seed, planted=1000)
    generate_s = time.perf_counter() - started
    agencies = [
        Party.objects.create(name=f"Bench agency {index} {corpus['run']}", kind="media").pk
        for index in range(8)
    ]
    for agency in agencies:
        Party.objects.filter(pk=agency).update(tree_path=f"/{agency}/")
    with connection.cursor() as cursor:
        cursor.execute(
            "UPDATE claims_claim SET relayed_by_id = (%s::bigint[])[1 + (id / %s) %% %s] WHERE id %% %s = 0",
            [agencies, args.relayed_every, len(agencies), args.relayed_every],
        )
        cursor.execute(
            "INSERT INTO claims_verdict (claim_id, rating, summary, evidence_links, created_at, updated_at) "
            "SELECT id, CASE WHEN (id / %s) %% 4 = 0 THEN 'false' ELSE 'accurate' END, '', '[]', now(), now() "
            "FROM claims_claim WHERE id %% %s = 0 AND kind = 'casualty'",
            [args.verdict_every, args.verdict_every],
        )
        cursor.execute("ANALYZE claims_claim; ANALYZE claims_verdict")
    return {"generate_s": generate_s, "claims": corpus["claims"]}


def recompute(label: str) -> dict:
    """One full ``credibility_recompute()`` with its phases, queries and peak memory."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from credibility.services import credibility_recompute

    tracemalloc.start()
    with CaptureQueriesContext(connection) as queries:
        started = time.perf_counter()
        run = credibility_recompute()
        total = time.perf_counter() - started
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    return {
        "label": label,
        "total_s": total,
        "load_s": run.load_seconds,
        "compute_s": run.compute_seconds,
        "write_s": run.write_seconds,
        "claims": run.claims,
        "parties": run.parties,
        "incidents": run.incidents,
        "iterations": run.iterations,
        "changed": run.changed,
        # The packed claims read runs on a raw psycopg cursor the query log does not see: +1 per 4M ids.
        "queries": len(queries) + 1,
        "peak_traced_mb": peak / 2**20,
        "peak_rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
    }


def database_table(runs: list[dict], corpus: dict) -> str:
    from claims.models import Claim, Verdict

    relayed = Claim.objects.filter(relayed_by__isnull=False).count()
    header = (
        f"{corpus['claims']:,} claims in the corpus ({relayed:,} relayed by agencies, "
        f"{Verdict.objects.count():,} verdicts)"
        + (f"; corpus generated in {corpus['generate_s']:.1f} s" if corpus.get("generate_s") else "")
    )
    lines = [
        header,
        f"{'run':<37} | {'load':>6} | {'algorithm':>9} | {'write':>6} | {'total':>6} | {'queries':>7} | "
        f"{'peak mem':>8} | notes",
        f"{'-' * 37}-|-{'-' * 6}-|-{'-' * 9}-|-{'-' * 6}-|-{'-' * 6}-|-{'-' * 7}-|-{'-' * 8}-|------",
    ]
    for r in runs:
        lines.append(
            f"{r['label']:<37} | {r['load_s']:>5.1f}s | {r['compute_s']:>8.1f}s | {r['write_s']:>5.1f}s | "
            f"{r['total_s']:>5.1f}s | {r['queries']:>7} | {r['peak_traced_mb']:>6.0f}MB | "
            f"{r['claims']:,} claims took part, {r['parties']:,} parties, {r['incidents']:,} incident estimates, "
            f"{r['iterations']} iterations, {r['changed']:,} rows written"
        )
    lines.append(
        "peak mem: the run's own allocations (tracemalloc, numpy included); the process peak RSS, corpus "
        f"generation included, was {runs[-1]['peak_rss_mb']:.0f} MB. Queries include the packed claims read."
    )
    return "\n".join(lines)


def main(argv=None) -> dict:
    args = parse_args(argv)
    table, summary = synthetic_table(args.seeds)
    print(table)
    results: dict[str, object] = {"synthetic": summary}
    report = f"Synthetic worlds (exact figure picked per incident):\n\n{table}"
    if not args.skip_db:
        if not args.reuse:
            recreate_database(args.database_url)
        setup_django(args.database_url)
        from django.core.management import call_command

        from credibility.models import IncidentEstimate, PartyCredibility

        call_command("migrate", verbosity=0)
        corpus = prepare_corpus(args)
        PartyCredibility.objects.all().delete()
        IncidentEstimate.objects.all().delete()
        with open("/proc/loadavg") as handle:
            load_before = handle.read().split()[:3]
        runs = [
            recompute("first run (empty tables, writes all)"),
            recompute("second run (same data, no change)"),
        ]
        db_table = database_table(runs, corpus)
        print()
        print(db_table)
        print(f"load average before the runs: {' '.join(load_before)}")
        results["runs"] = runs
        report += (
            f"\n\nRecompute on PostgreSQL:\n\n{db_table}\n"
            f"load average before the runs: {' '.join(load_before)} (2 cores, shared)"
        )
    print(json.dumps(results, default=str))
    if args.write_doc:
        write_doc(report, args)
    return results


def write_doc(report: str, args) -> None:
    text = DOC.read_text()
    command = f".venv/bin/python -m bench.credibility --n {args.n} --seeds {args.seeds} --database-url {args.database_url}"
    section = (
        f"{HEADING}\n\nMeasured with `{command}` (2 cores shared with another job; PostgreSQL on the "
        f"same machine).\n\n```\n{report}\n```\n"
    )
    if HEADING in text:
        start = text.index(HEADING)
        rest = text[start + len(HEADING) :]
        following = rest.find("\n## ")
        end = start + len(HEADING) + (following if following >= 0 else len(rest))
        DOC.write_text(text[:start] + section + "\n" + text[end:].lstrip("\n"))
    else:
        DOC.write_text(text.rstrip("\n") + "\n\n" + section)


if __name__ == "__main__":
    main()
