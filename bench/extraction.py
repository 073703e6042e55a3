"""Extraction benchmark: articles per second per core, for the pure extractor and the full ingest path.

    .venv/bin/python -m bench.extraction                     # 3000 articles, SQLite in /tmp
    .venv/bin/python -m bench.extraction --articles 5000 --ingest 1000 --write
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/h4 .venv/bin/python -m bench.extraction --ingest 400 --bulk

Articles are generated wire copy of about 800 words (seeded, so runs compare): claim sentences of
every kind the extractor knows (attributed casualty figures, accusations, denials, control claims,
relays, quotes over several sentences) mixed with background sentences full of names, places and
numbers that are not claims.  Both measurements run in one process on one core:

- "extractor": ``claims.extraction.extract_candidates`` (text -> candidates, no database);
- "ingest": text files on disk through ``articles_ingest_paths`` (one transaction per article, one
  ``claim_create`` per claim) and, with ``--bulk``, through ``articles_ingest_bulk`` (``manage.py ingest
  --bulk``: one transaction and batched INSERTs per batch of files).  CPU counts this process and the
  PostgreSQL backend serving it; the extractor's phrase caches are emptied before each article unless
  ``--warm-caches``.  Contradiction checks are a worker's job (measured under "Contradiction engine"),
  so enqueueing them is switched off here.

With ``--real`` the extractor also runs over the real-text set's development texts
(``data/evaluation/real/``, rebuilt as claims/evaluation/README.md says), each with the lexicon of the
conflict ingestion would infer for it: real copy is more varied than the generated articles.

Prints a markdown table; ``--write`` puts it under "## Extraction" in docs/performance.md.
"""

from __future__ import annotations

import argparse
import io
import json
import os
import platform
import random
import re
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

from bench.extraction_corpus import BENCH_CONFLICT, generate_article
from bench.setup import setup_django

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_DB = "sqlite:////tmp/factcheck-bench-extraction.sqlite3"


def bench_extractor(articles: list[str], *, published: datetime, repeat: int = 3, cold: bool = False) -> dict:
    """Best of ``repeat`` passes over all articles (the machine is shared: the best pass is the least
    disturbed one).  ``cold`` empties the lexicon's per-phrase caches before each article (generated
    copy repeats its phrases far more than real copy, which warm caches would flatter)."""
    from claims.extraction import extract_candidates
    from claims.extraction.lexicon import shipped_lexicon

    lexicon = shipped_lexicon(BENCH_CONFLICT)
    outlet = lexicon.party_by_name("Reuters")
    extract_candidates(articles[0], lexicon=lexicon, published=published, outlet_party=outlet)
    best: dict | None = None
    for _ in range(max(1, repeat)):
        claims = 0
        wall, cpu = time.perf_counter(), time.process_time()
        for body in articles:
            if cold:
                lexicon.phrase_cache.clear()
                lexicon.places_cache.clear()
            claims += len(extract_candidates(body, lexicon=lexicon, published=published, outlet_party=outlet))
        wall, cpu = time.perf_counter() - wall, time.process_time() - cpu
        if best is None or cpu < best["cpu"]:
            best = {"articles": len(articles), "claims": claims, "wall": wall, "cpu": cpu}
    return best


REAL_MANIFEST = ROOT / "claims" / "evaluation" / "real" / "manifest.json"
REAL_TEXTS = ROOT / "data" / "evaluation" / "real"


def real_texts(folder: Path = REAL_TEXTS) -> list[tuple[str, dict]]:
    """(body, header fields) of each text of the real-text set's development part found in ``folder``
    (the blind parts are never read, not even to time them)."""
    from claims.evaluation.runner import read_text_file

    rows = json.loads(REAL_MANIFEST.read_text(encoding="utf-8"))["excerpts"]
    return [
        read_text_file(folder / row["file"])
        for row in rows
        if row["part"] == "dev" and (folder / row["file"]).exists()
    ]


def bench_real_extractor(texts: list[tuple[str, dict]], *, passes: int = 20) -> dict:
    """The extractor over real reports, each with the lexicon of the conflict ingestion would file it
    under (inferred from the shipped packs, before the clock starts) and the phrase caches emptied before
    each text; ``passes`` over the set, since one pass is too short to time.  Real copy is shorter and
    more varied than the generated articles: this row checks that those do not flatter the extractor."""
    from django.core.management import call_command

    from claims.evaluation.runner import published_from_fields
    from claims.extraction import extract_candidates
    from claims.services.conflict_inference import conflict_infer, inference_tables
    from claims.services.lexicons import lexicon_load

    call_command("migrate", verbosity=0)
    call_command("conflict", "load", "--shipped", verbosity=0, stdout=io.StringIO())
    tables = inference_tables()
    lexicons: dict = {}
    prepared = []
    for body, fields in texts:
        conflict_id = conflict_infer(text=body, tables=tables).conflict_id
        lexicon = lexicons.setdefault(conflict_id, lexicon_load(conflict_id))
        outlet = lexicon.party_by_name(fields.get("outlet_name") or "")
        prepared.append((body, lexicon, outlet, published_from_fields(fields)))
    claims = 0
    wall, cpu = time.perf_counter(), time.process_time()
    for _ in range(passes):
        for body, lexicon, outlet, published in prepared:
            lexicon.phrase_cache.clear()
            lexicon.places_cache.clear()
            claims += len(extract_candidates(body, lexicon=lexicon, published=published, outlet_party=outlet))
    wall, cpu = time.perf_counter() - wall, time.process_time() - cpu
    return {"articles": len(texts) * passes, "claims": claims, "wall": wall, "cpu": cpu}


def _server_cpu() -> float | None:
    """CPU seconds used so far by the PostgreSQL backend serving this connection (from /proc: the
    server runs on this machine in every setup we bench); None on SQLite, which runs in process."""
    from django.db import connection

    if connection.vendor != "postgresql":
        return None
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_backend_pid()")
        pid = cursor.fetchone()[0]
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except OSError:
        return None  # a server on another host: its CPU cannot be read here
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")  # utime + stime


def _write_archive(folder: Path, articles: list[str], *, published: datetime, tag: str) -> None:
    """The articles as text files with headers, as an archive to import would hold them."""
    folder.mkdir(parents=True, exist_ok=True)
    for number, body in enumerate(articles):
        (folder / f"{number:06d}.txt").write_text(
            f"URL: https://bench.example/{tag}/{number}\nOutlet: Bench Wire\n"
            f"Published: {(published + timedelta(minutes=number)).isoformat()}\n\n{body}\n\n(ref {tag}-{number})\n",
            encoding="utf-8",
        )


def bench_ingest(
    articles: list[str],
    *,
    published: datetime,
    bulk: bool,
    cold_caches: bool = True,
    conflict: str | None = None,
) -> dict:
    """The full path from files on disk to claims in the database: ``articles_ingest_paths`` (one
    transaction per article, one INSERT per claim) or, with ``bulk``, ``articles_ingest_bulk`` (one
    transaction and batched INSERTs per batch of files).

    ``cold_caches`` empties the extractor's per-phrase caches before each article: the generated
    articles repeat their template phrases far more than real copy does, so warm caches would flatter
    the extractor.  CPU is counted on both sides: this process, and the PostgreSQL backend serving it.
    ``conflict`` files every article under that conflict (``ingest --conflict``), sparing the inference.
    """
    import tempfile
    from contextlib import ExitStack
    from unittest import mock

    from django.core.management import call_command

    from claims.models import Claim
    from claims.services import extraction
    from claims.services.ingestion import article_ingest

    call_command("migrate", verbosity=0)
    tag = f"{int(time.time() * 1000)}-{random.randint(0, 10**6)}"
    real_extract = extraction.extract_candidates

    def extract_cold(text, *, lexicon, **kwargs):
        lexicon.phrase_cache.clear()
        lexicon.places_cache.clear()
        return real_extract(text, lexicon=lexicon, **kwargs)

    with ExitStack() as stack:
        folder = Path(stack.enter_context(tempfile.TemporaryDirectory(prefix="bench-ingest-")))
        _write_archive(folder, articles, published=published, tag=tag)
        # Contradiction checks are a worker's job (the "Contradiction engine" benchmark): not sent here.
        stack.enter_context(mock.patch("claims.services.checks.enqueue_claim_checks"))
        if cold_caches:
            stack.enter_context(mock.patch.object(extraction, "extract_candidates", side_effect=extract_cold))
        article_ingest(
            body=f"Warm-up {tag}. Armenian officials said two soldiers were killed.", extract="sync"
        )
        claims_before = Claim.objects.count()
        measured = _timed_ingest(folder, bulk=bulk, conflict=conflict)
    return {"articles": len(articles), "claims": Claim.objects.count() - claims_before, **measured}


def _timed_ingest(folder: Path, *, bulk: bool, conflict: str | None) -> dict:
    """Ingest every file of ``folder`` (normal or bulk path) and time it: wall, this process's CPU and
    the database backend's CPU.  A file of the benchmark's own that fails stops the benchmark."""
    from claims.services.ingestion import articles_ingest_paths
    from claims.services.ingestion_bulk import articles_ingest_bulk

    server, wall, cpu = _server_cpu(), time.perf_counter(), time.process_time()
    if bulk:
        result = articles_ingest_bulk(paths=[folder], conflict=conflict)
        failed = [batch.error for batch in result.failed]
    else:
        outcomes = articles_ingest_paths(paths=[folder], extract="sync", conflict=conflict)
        failed = [o.error for o in outcomes if o.error]
    wall, cpu = time.perf_counter() - wall, time.process_time() - cpu
    server_after = _server_cpu()
    if failed:
        raise SystemExit(f"the benchmark's own files failed: {failed[:3]}")
    return {
        "wall": wall,
        "cpu": cpu,
        "server_cpu": server_after - server if server is not None and server_after is not None else 0.0,
    }


def _row(name: str, result: dict, words: float) -> str:
    """Per core = articles per CPU second, this process plus the database server's backend (wall time
    shown for reference: the machine is shared)."""
    server = result.get("server_cpu", 0.0)
    total = result["cpu"] + server
    return (
        f"| {name} | {result['articles']} | {words:.0f} | {result['claims'] / result['articles']:.1f} "
        f"| {result['cpu']:.2f} | {server:.2f} | {result['wall']:.2f} | {result['articles'] / total:.1f} "
        f"| {total / result['articles'] * 1000:.2f} |"
    )


def write_section(markdown: str) -> None:
    """Replace the body of the "## Extraction" section of docs/performance.md (other sections untouched)."""
    path = ROOT / "docs" / "performance.md"
    text = path.read_text(encoding="utf-8") if path.exists() else "# Performance\n\n## Extraction\n"
    if "## Extraction" not in text:
        text = text.rstrip("\n") + "\n\n## Extraction\n"
    head, rest = text.split("## Extraction", 1)
    following = re.search(r"^## ", rest, re.MULTILINE)
    tail = rest[following.start() :] if following else ""
    path.write_text(f"{head}## Extraction\n\n{markdown.strip()}\n\n{tail}", encoding="utf-8")


def _options(argv: list[str] | None) -> argparse.Namespace:
    """The command line's options."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--articles", type=int, default=3000, help="Articles for the pure extractor.")
    parser.add_argument(
        "--ingest", type=int, default=60, help="Articles for the full ingest path (0 skips it)."
    )
    parser.add_argument("--repeat", type=int, default=3, help="Passes of the extractor; the best one counts.")
    parser.add_argument("--words", type=int, default=800)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--database-url", default=os.environ.get("DATABASE_URL", DEFAULT_DB))
    parser.add_argument(
        "--bulk", action="store_true", help="Also measure the bulk import (manage.py ingest --bulk)."
    )
    parser.add_argument(
        "--warm-caches", action="store_true", help="Keep the extractor's phrase caches between articles."
    )
    parser.add_argument(
        "--real",
        action="store_true",
        help="Also time the extractor on the real-text set's development texts in data/evaluation/real/.",
    )
    parser.add_argument("--write", action="store_true", help='Write the table under "## Extraction".')
    return parser.parse_args(argv)


def _ingest_rows(
    subset: list[str], options: argparse.Namespace, *, published: datetime, words: float
) -> list[str]:
    """The table's rows for the full ingest path: normal, and with ``--bulk`` bulk with and without a
    given conflict."""
    from django.db import connection

    cold = not options.warm_caches
    caches = "caches emptied per article" if cold else "warm caches"
    rows: list[str] = []
    if options.ingest:
        normal = bench_ingest(subset, published=published, bulk=False, cold_caches=cold)
        rows.append(_row(f"ingest files, normal path ({connection.vendor}, {caches})", normal, words))
        if options.bulk:
            bulk = bench_ingest(subset, published=published, bulk=True, cold_caches=cold)
            rows.append(_row(f"ingest files, --bulk ({connection.vendor}, {caches})", bulk, words))
            given = bench_ingest(
                subset, published=published, bulk=True, cold_caches=cold, conflict=BENCH_CONFLICT
            )
            rows.append(
                _row(f"ingest files, --bulk --conflict ({connection.vendor}, {caches})", given, words)
            )
    return rows


def _real_rows(words: float) -> tuple[list[str], list[str]]:
    """``--real``: the extractor's row on the real-text set's development texts, and its words/s note."""
    texts = real_texts()
    if not texts:
        raise SystemExit(f"--real: no development texts in {REAL_TEXTS} (see claims/evaluation/README.md)")
    real_words = sum(len(body.split()) for body, _ in texts) / len(texts)
    real = bench_real_extractor(texts)
    row = _row(f"extractor on {len(texts)} real reports x 20 passes, caches emptied", real, real_words)
    words_per_second = real["articles"] * real_words / real["cpu"]
    note = (
        f"Real reports: {words_per_second:,.0f} words per CPU second, that is "
        f"{words_per_second / words:.1f} articles of {words:.0f} words per second per core."
    )
    return [row], [note]


def _markdown(options: argparse.Namespace, rows: list[str], notes: list[str], vendor: str) -> str:
    """The section's text: the command, when and under what load, the table and how to read it."""
    table = "\n".join(
        [
            "| measured | articles | words/article | claims/article | client CPU s | server CPU s | wall s "
            "| articles/s/core | CPU ms/article |",
            "|---|---:|---:|---:|---:|---:|---:|---:|---:|",
            *rows,
        ]
    )
    command = (
        f"python -m bench.extraction --articles {options.articles} --ingest {options.ingest}"
        + (" --bulk" if options.bulk else "")
        + (" --real" if options.real else "")
    )
    load = " / ".join(f"{value:.2f}" for value in os.getloadavg())
    return (
        f"`{command}` ({datetime.now(UTC):%Y-%m-%d %H:%M} UTC, load average {load}; one process; "
        f"{platform.python_implementation()} {platform.python_version()}; database `{vendor}`). "
        "Target: 200 articles of ~800 words per second per core.\n\n"
        f"{table}\n\n"
        + "".join(f"{note}\n\n" for note in notes)
        + "articles/s/core is articles per CPU second, counting this process (client CPU) and, on PostgreSQL, "
        "the server backend that served its connection (server CPU, from /proc/<pid>/stat of "
        "`pg_backend_pid()`); on SQLite the database runs in process. Wall time is shown but not used: the "
        "machine is shared. The ingest rows go from text files on disk to claims and their audit rows in "
        "the database (reading, language detection, dedup, the article, extraction, parties, claims). "
        "Contradiction checks are sent after commit to workers and measured under the contradiction "
        "engine, so neither ingest row includes them."
    )


def main(argv: list[str] | None = None) -> None:
    """Measure the extractor (and the ingest path), print the table (and write it with ``--write``)."""
    options = _options(argv)

    setup_django(options.database_url, eager_tasks=False)
    from django.db import connection

    published = datetime(2020, 10, 12, 9, tzinfo=UTC)
    articles = [generate_article(n, words=options.words, seed=options.seed) for n in range(options.articles)]
    words = sum(len(a.split()) for a in articles) / len(articles)
    rows = [
        _row(
            "extractor, warm phrase caches",
            bench_extractor(articles, published=published, repeat=options.repeat),
            words,
        ),
        _row(
            "extractor, caches emptied per article",
            bench_extractor(articles, published=published, repeat=options.repeat, cold=True),
            words,
        ),
    ]
    notes: list[str] = []
    if options.real:
        real_rows, notes = _real_rows(words)
        rows += real_rows
    rows += _ingest_rows(articles[: options.ingest], options, published=published, words=words)
    markdown = _markdown(options, rows, notes, connection.vendor)
    print(markdown)
    if options.write:
        write_section(markdown)


if __name__ == "__main__":
    main()
