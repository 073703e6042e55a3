"""Rescan blocks: the progress of a full rescan on the workers."""

from django.db import models
from django.db.models import Q


class RescanBlock(models.Model):
    """One block of a full rescan on the workers: its progress lives here, not in a message.

    ``done_at`` is set when the block's check has committed, so how far a rescan got is a count in the
    database; a block whose message was lost (a worker killed mid-block) is sent again by the waiter or
    the periodic sweep (``sent_at`` says when it last went out).  Re-running a block is idempotent.
    """

    rescan_id = models.UUIDField(db_index=True)
    lo = models.BigIntegerField()
    hi = models.BigIntegerField()
    incident_lo = models.BigIntegerField()
    incident_hi = models.BigIntegerField()
    started_at = models.DateTimeField(
        help_text="When the rescan began (claims changed later are the sweep's)."
    )
    bookkeeping = models.BooleanField(default=True)
    sent_at = models.DateTimeField()
    done_at = models.DateTimeField(null=True, blank=True)
    outcome = models.JSONField(default=dict, blank=True)

    class Meta:
        ordering = ["rescan_id", "lo"]
        indexes = [
            models.Index(
                fields=["sent_at"], condition=Q(done_at__isnull=True), name="rescan_block_pending_idx"
            ),
        ]

    def __str__(self) -> str:
        return f"Rescan {self.rescan_id} block {self.lo}–{self.hi}"
