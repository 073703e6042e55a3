"""Migration 0015 moves the check state out of the claim row and back, keeping which claims await a check."""

from datetime import UTC, datetime, timedelta

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

BEFORE = [("claims", "0014_rescan_block_progress")]
AFTER = [("claims", "0015_claim_check_pending")]
CHANGED = datetime(2020, 10, 12, 9, 0, tzinfo=UTC)


def _migrate(targets):
    executor = MigrationExecutor(connection)
    executor.migrate(targets)
    return executor.loader.project_state(targets).apps


@pytest.mark.django_db(transaction=True)
def test_claims_awaiting_a_check_keep_waiting_across_the_move_of_the_check_state_both_ways():
    latest = MigrationExecutor(connection).loader.graph.leaf_nodes()
    old = _migrate(BEFORE)
    Party, Claim = old.get_model("sources", "Party"), old.get_model("claims", "Claim")
    party = Party.objects.create(name="Migration test ministry", kind="ministry")

    def claim(checked_at):
        return Claim.objects.create(
            claimant=party, kind="casualty", killed_min=3, stated_at=CHANGED, changed_at=CHANGED,
            checked_at=checked_at,
        ).pk  # fmt: skip

    never, stale, checked = claim(None), claim(CHANGED - timedelta(hours=1)), claim(CHANGED)

    new = _migrate(AFTER)
    pending = new.get_model("claims", "ClaimCheckPending").objects
    assert dict(pending.values_list("claim_id", "changed_at")) == {never: CHANGED, stale: CHANGED}

    pending.filter(claim_id=stale).delete()  # its check ran meanwhile
    old = _migrate(BEFORE)
    restored = dict(old.get_model("claims", "Claim").objects.values_list("pk", "checked_at"))
    assert restored == {never: None, stale: CHANGED, checked: CHANGED}

    _migrate(latest)
