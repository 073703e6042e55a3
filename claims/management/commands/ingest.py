"""``manage.py ingest PATH_OR_URL... [--json]``: ingest article files, folders and web pages, extract claims.

An argument with a scheme (``https://...``) is a URL: the page is fetched through the guarded fetcher
(sources/fetching.py) and ingested like a file; a refused or failed fetch is reported like a bad file,
naming the URL.  Non-http(s) URLs (``file://``, ``gopher://``) are refused, not read as paths.

Exit status: 0 when at least one file went in (new or already known), 1 when nothing could be
ingested at all.  Bad files are reported by name on stderr and never stop the batch: an analyst
dropping a folder of 200 articles with two broken ones wants the other 198, and a non-zero exit
for a partial batch would make cron/CI wrappers throw the good work away.

``--bulk`` imports an archive (files and folders, no URLs) in batches of ``--batch-files`` files, one
transaction each, with batched INSERTs (``claims.services.ingestion_bulk``): the same articles and claims as
without it, several times faster.  A batch with a bad file writes nothing and is reported with the file
and the reason; the import goes on, and exits 1 if any batch failed (fix the file and run it again:
what went in is skipped).
"""

from __future__ import annotations

import json
import sys

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError
from tqdm import tqdm

from claims.exports import CLAIM_JSON_RELATED, claims_as_json
from claims.models import Claim, ClaimOrigin
from claims.services.ingestion import article_ingest_url, articles_ingest_paths
from claims.services.ingestion_bulk import BULK_BATCH_FILES, BatchOutcome, articles_ingest_bulk
from sources.ingestion import FileOutcome, conflict_resolve, paths_expand
from sources.models import Conflict


def _is_url(argument: str) -> bool:
    return "://" in argument or argument.lower().startswith(("data:", "javascript:"))


def url_outcome(url: str, conflict: Conflict | None = None) -> FileOutcome:
    """Fetch and ingest one URL (extraction now), as a ``FileOutcome`` like a file's."""
    try:
        return FileOutcome(source=url, result=article_ingest_url(url=url, extract="sync", conflict=conflict))
    except ValidationError as exc:
        message = "; ".join(exc.messages)
        return FileOutcome(source=url, error=message if message.startswith(url) else f"{url}: {message}")


class Command(BaseCommand):
    help = (
        "Ingest article files (text with optional Key: value headers, HTML, JSON) or folders of them, "
        "and extract their claims. With --json, print the extracted claims as a JSON list."
    )

    def add_arguments(self, parser) -> None:
        parser.add_argument(
            "paths", nargs="+", help="Files or folders to ingest, or http(s) URLs of pages to fetch."
        )
        parser.add_argument(
            "--json",
            action="store_true",
            help="Print the extracted claims of the ingested articles as JSON on stdout "
            "(progress and summary go to stderr).",
        )
        parser.add_argument(
            "--no-progress", action="store_true", help="Do not draw the progress bar (e.g. in logs)."
        )
        parser.add_argument(
            "--conflict",
            metavar="SLUG",
            help="File every article under this conflict (see `conflict list`); inferred from each text if omitted.",
        )

        parser.add_argument(
            "--bulk",
            action="store_true",
            help="Import an archive in batches, one transaction and batched INSERTs per batch (files and "
            "folders only; a batch with a bad file writes nothing and is reported).",
        )
        parser.add_argument(
            "--batch-files",
            type=int,
            default=BULK_BATCH_FILES,
            metavar="N",
            help=f"Files per batch with --bulk (default {BULK_BATCH_FILES}).",
        )

    def handle(self, *args, **options) -> None:
        as_json = options["json"]
        try:
            conflict = conflict_resolve(options["conflict"])
        except ValidationError as exc:
            raise CommandError("; ".join(exc.messages)) from exc
        if options["bulk"]:
            self._bulk(options, conflict)
            return
        report = self.stderr if as_json else self.stdout
        urls = [arg for arg in options["paths"] if _is_url(arg)]
        paths = [arg for arg in options["paths"] if not _is_url(arg)]
        files = list(paths_expand(paths)) + urls
        bar = tqdm(
            total=len(files),
            unit="file",
            file=sys.stderr,
            disable=options["no_progress"] or not files,
            leave=False,
        )
        outcomes: list[FileOutcome] = []
        seen_sources: set[str] = set()

        def on_file(outcome: FileOutcome) -> None:
            outcomes.append(outcome)
            base = outcome.source if _is_url(outcome.source) else outcome.source.split("[", 1)[0]
            if base not in seen_sources:
                seen_sources.add(base)
                bar.update(1)
            if outcome.error:
                bar.write(f"error: {outcome.error}", file=sys.stderr)

        articles_ingest_paths(paths=paths, extract="sync", on_file=on_file, conflict=conflict)
        for url in urls:
            on_file(url_outcome(url, conflict))
        bar.close()

        created = [o for o in outcomes if o.result and o.result.created]
        known = [o for o in outcomes if o.result and not o.result.created]
        failed = [o for o in outcomes if o.error]
        article_ids = [o.result.article.pk for o in outcomes if o.result]
        claims = (
            Claim.objects.filter(article_id__in=article_ids, origin=ClaimOrigin.EXTRACTOR)
            .select_related(*CLAIM_JSON_RELATED)
            .order_by("article_id", "quote_start", "id")
        )
        claim_count = claims.count()
        summary = (
            f"{len(created)} article(s) ingested, {len(known)} already known, {len(failed)} failed; "
            f"{claim_count} extracted claim(s)."
        )
        report.write(summary)
        if as_json:
            self.stdout.write(json.dumps(claims_as_json(claims), ensure_ascii=False, indent=2))
        if outcomes and not created and not known:
            raise CommandError("Nothing could be ingested.")
        if not outcomes:
            raise CommandError("No article files found in the given paths.")

    def _bulk(self, options: dict, conflict: Conflict | None) -> None:
        """``--bulk``: batches of files, each written whole or not at all; failures named on stderr."""
        if options["json"] or any(_is_url(arg) for arg in options["paths"]):
            raise CommandError("--bulk imports files and folders only, without --json.")
        files = list(paths_expand(options["paths"]))
        if not files:
            raise CommandError("No article files found in the given paths.")
        bar = tqdm(
            total=len(files), unit="file", file=sys.stderr, disable=options["no_progress"], leave=False
        )

        def on_batch(batch: BatchOutcome) -> None:
            bar.update(len(batch.files))
            if batch.error:
                bar.write(
                    f"error: batch of {len(batch.files)} file(s) not written: {batch.error}", file=sys.stderr
                )

        result = articles_ingest_bulk(
            paths=options["paths"], conflict=conflict, batch_files=options["batch_files"], on_batch=on_batch
        )
        bar.close()
        self.stdout.write(
            f"{result.created} article(s) ingested, {result.known} already known, "
            f"{len(result.failed)} of {len(result.batches)} batch(es) failed; {result.claims} extracted claim(s)."
        )
        if result.failed:
            raise CommandError(f"{len(result.failed)} batch(es) wrote nothing; see the errors above.")
