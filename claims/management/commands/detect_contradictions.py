"""``manage.py detect_contradictions [--full] [--async]``: check claims for contradictions, with progress.

Without ``--full`` it checks every claim whose check is missing or out of date (what the periodic sweep
would send); ``--full`` re-checks everything in blocks of claim ids (after a rule change).  ``--async``
hands the same work to the Celery workers and returns at once; ``--full --async --wait`` follows the
workers' progress block by block, as the database records it (``RescanBlock``), sending again a block
whose worker died, and ends when every block is done.
"""

from __future__ import annotations

import time
from datetime import timedelta

from django.core.management.base import BaseCommand
from tqdm import tqdm

from claims.models import Contradiction, ContradictionStatus
from claims.selectors.checks import claims_awaiting_check
from claims.services.checking import SyncOutcome, claim_check
from claims.services.rescan import (
    claims_group_pending,
    contradictions_rescan_block,
    rescan_blocks_progress,
    rescan_blocks_stale,
    rescan_plan,
)
from claims.tasks import rescan, send_rescan_blocks, sweep_unchecked


class Command(BaseCommand):
    help = "Check claims for contradictions: the unchecked ones, or all of them with --full."

    def add_arguments(self, parser):
        parser.add_argument(
            "--full", action="store_true", help="Re-check every claim, not only unchecked ones."
        )
        parser.add_argument(
            "--async", dest="run_async", action="store_true", help="Enqueue on the Celery workers and return."
        )
        parser.add_argument(
            "--block-size", type=int, default=50_000, help="Claim ids per block of a full scan."
        )
        parser.add_argument("--no-progress", action="store_true", help="No progress bar (for logs).")
        parser.add_argument(
            "--wait",
            action="store_true",
            help="With --full --async: follow the workers' progress until done.",
        )
        parser.add_argument(
            "--resend-after",
            type=int,
            default=120,
            help="With --wait: send a block again when it is not done this many seconds after it went out.",
        )

    def handle(
        self,
        *args,
        full: bool,
        run_async: bool,
        wait: bool,
        block_size: int,
        no_progress: bool,
        resend_after: int,
        **options,
    ):
        if run_async:
            self._enqueue(full=full, block_size=block_size, wait=wait, resend_after=resend_after)
            return
        total = self._full(block_size, no_progress) if full else self._unchecked(no_progress)
        open_count = Contradiction.objects.filter(status=ContradictionStatus.OPEN).count()
        self.stdout.write(
            self.style.SUCCESS(
                f"{total.found} findings: {total.created} new, {total.updated} updated, {total.closed} closed; "
                f"{open_count} contradictions open."
            )
        )

    def _follow(self, result, *, resend_after: int) -> None:
        """Follow a rescan on the workers until every block is done, as the database counts them.

        A block not done ``resend_after`` seconds after it was sent is sent again (its worker may have
        died; its message would only come back after the broker's visibility timeout), so waiting ends
        when the work is done, not when a message happens to return.
        """
        started = result.get(timeout=600)
        if not started.get("rescan_id"):
            return
        rescan_id = started["rescan_id"]
        with tqdm(total=started["blocks"], unit="block", file=self.stderr) as bar:
            done, total = rescan_blocks_progress(rescan_id=rescan_id)
            while done < total:
                time.sleep(0.5)
                stale = rescan_blocks_stale(rescan_id=rescan_id, older_than=timedelta(seconds=resend_after))
                if stale:
                    self.stderr.write(
                        f"Sending {len(stale)} block(s) again (not done after {resend_after} s)."
                    )
                    send_rescan_blocks(stale)
                done, total = rescan_blocks_progress(rescan_id=rescan_id)
                bar.update(done - bar.n)
        self.stdout.write(self.style.SUCCESS(f"Rescan finished: {started['blocks']} blocks."))

    def _enqueue(self, *, full: bool, block_size: int, wait: bool, resend_after: int) -> None:
        if full:
            result = rescan.delay(block_size=block_size)
            self.stdout.write(f"Full rescan enqueued (task {result.id}).")
            if wait:
                self._follow(result, resend_after=resend_after)
        else:
            result = sweep_unchecked.delay(older_than_seconds=0)
            self.stdout.write(f"Checks of unchecked claims enqueued (task {result.id}).")

    def _full(self, block_size: int, no_progress: bool) -> SyncOutcome:
        claims_group_pending()
        blocks = rescan_plan(block_size=block_size)
        total = SyncOutcome()
        with tqdm(total=len(blocks), unit="block", disable=no_progress, file=self.stderr) as bar:
            for lo, hi, incident_lo, incident_hi in blocks:
                result = contradictions_rescan_block(
                    lo=lo, hi=hi, incident_lo=incident_lo, incident_hi=incident_hi
                )
                total += SyncOutcome(result["found"], result["created"], result["updated"], result["closed"])
                bar.update(1)
                bar.set_postfix(found=total.found)
        return total

    def _unchecked(self, no_progress: bool) -> SyncOutcome:
        total = SyncOutcome()
        pending = len(claims_awaiting_check(limit=10**9))
        seen: set[int] = set()
        with tqdm(total=pending, unit="claim", disable=no_progress, file=self.stderr) as bar:
            while batch := [i for i in claims_awaiting_check(limit=2000) if i not in seen]:
                for claim_id in batch:
                    seen.add(claim_id)
                    outcome = claim_check(claim_id=claim_id)
                    if outcome is not None:
                        total += outcome
                    bar.update(1)
        return total
