"""Benchmark of the contradiction engine on PostgreSQL (a benchmark, not a test: it asserts nothing).

    .venv/bin/python -m bench.contradictions --n 1000000 \\
        --database-url postgres://postgres@127.0.0.1:5432/bench3 [--workers 2] [--write-doc]

The database named by ``--database-url`` is dropped and recreated (never point it at real data).
In one run it measures:

1. small corpus (``--small-n``): the engine's full scan against naive all-pairs in Python (same rules,
   no blocking), and checks that both find the same set;
2. large corpus (``--n``): generation with COPY (``bench.corpus``); the SQL floor, i.e. the same
   blocking and pre-conditions as one hand-written self-join statement; the engine's full scan
   (``contradictions_rescan_block`` over blocks of claim ids on ``--workers`` processes, as the
   Celery chord runs it), first on fresh claims (which also marks a million claims checked, deleting
   their ``ClaimCheckPending`` rows, and fills every incident's cached figures) and again as a rescan
   of checked claims (after a rule change); planted contradictions found and none invented;
   incremental ``claim_check`` latency (median, p99) on the loaded database, each timed check after a
   real change (``changed_at`` bumped and the claim marked pending, as an edit does); the candidate
   query's plan.

It prints a table with the ratios; ``--write-doc`` writes it under "## Contradiction engine" in
docs/performance.md.
"""

from __future__ import annotations

import argparse
import json
import multiprocessing
import os
import random
import statistics
import time
from typing import Any

from bench.contradictions_report import render, write_doc
from bench.setup import recreate_database, setup_django


def parse_args(argv=None):
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--n", type=int, default=1_000_000, help="claims in the large corpus")
    parser.add_argument(
        "--planted", type=int, default=1000, help="planted contradictions in the large corpus"
    )
    parser.add_argument("--small-n", type=int, default=1000, help="claims for the naive all-pairs comparison")
    parser.add_argument("--database-url", default="postgres://postgres@127.0.0.1:5432/bench3")
    parser.add_argument(
        "--workers",
        default="2",
        help="processes for the full scan; a list (1,2) times the rescan at each count and reports the speed-up",
    )
    parser.add_argument("--block-size", type=int, default=50_000, help="claim ids per block")
    parser.add_argument("--samples", type=int, default=1000, help="incremental checks to time")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument(
        "--corpus",
        choices=("easy", "realistic"),
        default="easy",
        help="easy: a consistent background, only the planted contradictions; realistic: contested blame, "
        "competing tolls and ungrouped accusations denied in the background too (bench.corpus, disagreement)",
    )
    parser.add_argument("--write-doc", action="store_true", help="write the figures into docs/performance.md")
    return parser.parse_args(argv)


def timed(function, *args, **kwargs):
    started = time.perf_counter()
    result = function(*args, **kwargs)
    return time.perf_counter() - started, result


def truncate_corpus() -> None:
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute(
            "TRUNCATE claims_contradiction, claims_claimcheckpending, claims_claim, claims_incident, "
            "sources_article RESTART IDENTITY CASCADE"
        )


def sql_floor() -> tuple[float, int]:
    """The engine's blocking and pre-conditions as one statement over the whole table (best of two)."""
    from django.db import connection

    from claims.selectors.rescan_pairs import prefilter_sql

    sql, params = prefilter_sql()
    best, count = float("inf"), 0
    for _ in range(2):
        with connection.cursor() as cursor:
            started = time.perf_counter()
            cursor.execute(f"SELECT count(*) FROM (SELECT DISTINCT * FROM ({sql}) pairs) d", params)
            count = cursor.fetchone()[0]
            best = min(best, time.perf_counter() - started)
    return best, count


def raw_blocking() -> tuple[float, int]:
    """Blocking alone (same incident, or ungrouped by kind + place + time bucket), no rule conditions."""
    from django.db import connection

    from claims.contradictions.facts import LOOSE_BUCKET

    sql = """
        SELECT count(*) FROM (
          SELECT a.id, b.id FROM claims_claim a JOIN claims_claim b ON b.incident_id = a.incident_id AND b.id > a.id
          UNION ALL
          SELECT a.id, b.id FROM claims_claim a JOIN claims_claim b
            ON b.incident_id IS NULL AND b.kind = a.kind AND b.place_id IS NOT DISTINCT FROM a.place_id AND b.id > a.id
           AND COALESCE(b.event_start, b.stated_at)
               BETWEEN COALESCE(a.event_start, a.stated_at) - %s AND COALESCE(a.event_start, a.stated_at) + %s
          WHERE a.incident_id IS NULL AND a.kind IN ('accusation', 'denial', 'control')
        ) pairs"""
    with connection.cursor() as cursor:
        started = time.perf_counter()
        params: list[Any] = [LOOSE_BUCKET, LOOSE_BUCKET]
        cursor.execute(sql, params)
        return time.perf_counter() - started, cursor.fetchone()[0]


def _run_block(block: dict):
    """One block of the plan, in a worker process (``block`` holds the service's keyword arguments)."""
    from claims.services.rescan import contradictions_rescan_block

    return contradictions_rescan_block(**block)


def full_scan(workers: int, block_size: int) -> tuple[float, dict]:
    """Group pending claims, then every block on ``workers`` forked processes (what the chord does)."""
    from django.db import connections
    from django.utils import timezone

    from claims.services.rescan import claims_group_pending, rescan_needs_bookkeeping, rescan_plan

    started = time.perf_counter()
    started_at = timezone.now()
    claims_group_pending()
    bookkeeping = rescan_needs_bookkeeping()
    bounds = ("lo", "hi", "incident_lo", "incident_hi")
    blocks = [
        {**dict(zip(bounds, block, strict=True)), "started_at": started_at, "bookkeeping": bookkeeping}
        for block in rescan_plan(block_size=block_size)
    ]
    connections.close_all()
    totals: dict[str, int] = {}
    with multiprocessing.get_context("fork").Pool(workers) as pool:
        for result in pool.imap_unordered(_run_block, blocks):
            for key in ("pairs", "found", "created", "updated", "closed", "checked"):
                totals[key] = totals.get(key, 0) + result[key]
    return time.perf_counter() - started, totals


def pending_count() -> int:
    """Claims still awaiting their check (after a first scan begun with none changing: 0)."""
    from claims.models import ClaimCheckPending

    return ClaimCheckPending.objects.count()


def stored_sets() -> tuple[set, set]:
    from claims.models import Contradiction, ContradictionKind, ContradictionStatus

    live = Contradiction.objects.exclude(status=ContradictionStatus.CLOSED)
    contradictions = set(
        live.exclude(kind=ContradictionKind.UPDATE).values_list("claim_a_id", "claim_b_id", "kind")
    )
    updates = set(live.filter(kind=ContradictionKind.UPDATE).values_list("claim_a_id", "claim_b_id"))
    return contradictions, updates


def naive_all_pairs() -> tuple[float, int, set]:
    from claims.contradictions import check
    from claims.models import Claim
    from claims.selectors.candidates import claims_facts

    facts = list(claims_facts(claim_ids=Claim.objects.values_list("pk", flat=True)).values())
    started = time.perf_counter()
    found = {
        (min(a.id, b.id), max(a.id, b.id), finding.kind)
        for i, a in enumerate(facts)
        for b in facts[i + 1 :]
        for finding in check(a, b)
    }
    return time.perf_counter() - started, len(facts) * (len(facts) - 1) // 2, found


def _change(claim_id: int) -> None:
    """What an edit does to a claim's check state (not timed): ``changed_at`` bumped and the claim
    marked pending through the services' own helper (its enqueue left out: the check is timed here)."""
    from unittest import mock

    from django.db import transaction
    from django.utils import timezone

    from claims.models import Claim
    from claims.services.checks import claims_await_check

    now = timezone.now()
    with transaction.atomic(), mock.patch("claims.services.checks.enqueue_claim_checks"):
        Claim.objects.filter(pk=claim_id).update(changed_at=now)
        claims_await_check(claim_ids=[claim_id], changed_at=now)


def incremental(samples: int, seed: int) -> tuple[float, float, float]:
    """``claim_check`` of random claims, each just changed (see ``_change``), so every timed check does
    its whole work: grouping look-up, candidates, sync, incident refresh, its pending row deleted."""
    from claims.models import Claim
    from claims.selectors.checks import claim_awaiting_check
    from claims.services.checking import claim_check

    rng = random.Random(seed)
    first, last = Claim.objects.order_by("pk").values_list("pk", flat=True)[0], Claim.objects.latest("pk").pk
    ids = [rng.randint(first, last) for _ in range(samples)]
    for claim_id in ids[:20]:
        claim_check(claim_id=claim_id)  # warm the connection and caches
    times = []
    for claim_id in ids:
        _change(claim_id)
        started = time.perf_counter()
        claim_check(claim_id=claim_id)
        times.append((time.perf_counter() - started) * 1000)
        if claim_awaiting_check(claim_id=claim_id) is not None:
            raise RuntimeError(f"claim {claim_id} still awaits its check after claim_check")
    times.sort()
    return statistics.median(times), times[int(len(times) * 0.99) - 1], statistics.mean(times)


def candidate_plan(seed: int) -> str:
    from claims.models import Claim, ClaimKind
    from claims.selectors.candidates import candidates_query, claims_facts

    lines = []
    for kind, grouped in ((ClaimKind.CASUALTY, True), (ClaimKind.DENIAL, False)):
        claim_id = (
            Claim.objects.filter(kind=kind, incident__isnull=not grouped)
            .order_by("pk")
            .values_list("pk", flat=True)[seed]
        )
        plan = candidates_query(facts=claims_facts(claim_ids=[claim_id])[claim_id]).explain(analyze=True)
        used = sorted(
            {line.split(" on ")[1].split()[0] for line in plan.splitlines() if "Index Scan on" in line}
        )
        seq = "Seq Scan" in plan
        timing = next((line.strip() for line in plan.splitlines() if line.startswith("Execution Time")), "")
        lines.append(
            f"{kind} ({'grouped' if grouped else 'no incident'}): indexes {', '.join(used)}; seq scan: {seq}; {timing}"
        )
    return "\n".join(lines)


def _small_corpus(args, *, realistic: bool) -> dict[str, object]:
    """Small corpus: the engine against naive all-pairs (then the corpus is dropped again)."""
    from bench.corpus import generate_corpus

    results: dict[str, object] = {}
    small = generate_corpus(args.small_n, seed=args.seed, planted=25, disagreement=realistic)
    results["small_claims"] = small["claims"]
    results["small_scan_s"], _ = timed(full_scan, 1, args.block_size)
    engine_found, engine_updates = stored_sets()
    naive_s, naive_pairs, naive_found = naive_all_pairs()
    results["naive_s"], results["naive_pairs"] = naive_s, naive_pairs
    results["naive_agrees"] = naive_found == engine_found | {(a, b, "update") for a, b in engine_updates}
    # The realistic background holds contradictions of its own: there the planted ones must be among those found.
    results["small_planted_ok"] = (
        set(small["planted"]) <= engine_found if realistic else engine_found == set(small["planted"])
    )
    truncate_corpus()
    return results


def main(argv=None) -> dict:
    """Run the benchmark (small corpus, then the large one), print the table and the figures as JSON."""
    args = parse_args(argv)
    recreate_database(args.database_url)
    setup_django(args.database_url)
    from django.core.management import call_command

    from bench.corpus import generate_corpus

    call_command("migrate", verbosity=0)
    workers = sorted({int(count) for count in str(args.workers).split(",")})
    results: dict[str, object] = {"n": args.n, "workers": workers, "block_size": args.block_size}
    results["load_before"] = " ".join(f"{value:.2f}" for value in os.getloadavg())

    realistic = args.corpus == "realistic"
    results["corpus"] = args.corpus
    results.update(_small_corpus(args, realistic=realistic))

    # Large corpus.
    results["generate_s"], big = timed(
        generate_corpus, args.n, seed=args.seed, planted=args.planted, disagreement=realistic
    )
    results["claims"], results["incidents"] = big["claims"], big["incidents"]
    results["raw_blocking_s"], results["raw_blocking_pairs"] = raw_blocking()
    results["floor_s"], results["floor_pairs"] = sql_floor()
    results["first_scan_s"], first = full_scan(workers[-1], args.block_size)
    results["first_scan"] = first
    results["pending_after_first_scan"] = pending_count()
    found, updates = stored_sets()
    planted = set(big["planted"])
    results["planted"] = len(planted)
    results["planted_found"] = len(planted & found)
    results["invented"] = None if realistic else len(found - planted)
    results["background_found"] = len(found - planted)
    results["updates_expected"], results["updates_found"] = (
        len(big["updates"]),
        len(updates & set(big["updates"])),
    )
    rescans = {count: full_scan(count, args.block_size) for count in workers}
    results["rescan_by_workers"] = {count: seconds for count, (seconds, _) in rescans.items()}
    results["rescan_s"], rescan = rescans[workers[-1]]
    results["rescan"] = rescan
    results["floor_after_s"], _ = sql_floor()
    results["check_median_ms"], results["check_p99_ms"], results["check_mean_ms"] = incremental(
        args.samples, args.seed
    )
    results["plan"] = candidate_plan(args.seed)
    results["load_after"] = " ".join(f"{value:.2f}" for value in os.getloadavg())
    report = render(results)
    print(report)
    print(json.dumps({k: v for k, v in results.items() if k != "plan"}, default=str))
    if args.write_doc:
        write_doc(report, args)
    return results


if __name__ == "__main__":
    main()
