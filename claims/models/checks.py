"""Which claims await their contradiction check, kept out of the claim row."""

from django.db import models

from claims.models.claims import Claim


class ClaimCheckPending(models.Model):
    """A claim whose contradiction check is still to run: the row exists exactly while it waits.

    Every write that changes a checked field of a claim (and bumps its ``changed_at``) upserts this row
    with that ``changed_at``; the check deletes it only if ``changed_at`` is still the one it read, so
    a claim edited during its check stays pending for the sweep.  A narrow table of its own, so marking
    a claim checked deletes one small row instead of rewriting the claim through its ~20 indexes.
    """

    claim = models.OneToOneField(
        Claim, primary_key=True, on_delete=models.CASCADE, related_name="check_pending"
    )
    changed_at = models.DateTimeField(help_text="The claim's change the pending check is for.")

    class Meta:
        indexes = [models.Index(fields=["changed_at"], name="claim_check_pending_since_idx")]
        verbose_name = "claim awaiting its check"
        verbose_name_plural = "claims awaiting their check"

    def __str__(self) -> str:
        return f"claim #{self.claim_id} awaits its check since {self.changed_at:%Y-%m-%d %H:%M:%S}"
