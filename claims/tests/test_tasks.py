"""The Celery tasks, run eagerly: thin, idempotent, retried only for transient database errors."""

from datetime import UTC, datetime
from unittest import mock

import pytest
from django.db import InterfaceError, OperationalError
from django.utils import timezone
from django_celery_beat.models import PeriodicTask

from claims import tasks
from claims.models import Claim, ClaimKind, Contradiction, ContradictionKind, RescanBlock
from claims.services import checking, extraction, rescan
from claims.services.claims import claim_create
from claims.services.ingestion import article_ingest
from claims.tests import engine_fixtures
from claims.tests.factories import ClaimFactory
from sources.models import Article
from sources.tests.samples import BODY

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("eager_celery")]
eager_celery = engine_fixtures.eager_celery
sides, ganja = engine_fixtures.sides, engine_fixtures.ganja

OCT_11 = datetime(2020, 10, 11, 8, 0, tzinfo=UTC)


def test_tasks_are_acked_late_and_redelivered_when_a_worker_dies():
    for task in (tasks.check_claim, tasks.sweep_unchecked, tasks.rescan, tasks.rescan_block):
        assert task.acks_late is True
        assert task.reject_on_worker_lost is True
        assert set(task.autoretry_for) == {OperationalError, InterfaceError}


def test_check_claim_stores_the_contradiction_and_a_second_run_changes_nothing(sides, ganja):
    nine = ClaimFactory(claimant=sides["az_prosecutor"], place=ganja, stated_at=OCT_11)
    ClaimFactory(claimant=sides["am_defence"], place=ganja, stated_at=OCT_11, killed_min=12, killed_max=12)
    tasks.check_claim.delay(nine.pk + 1)
    tasks.check_claim.delay(nine.pk)
    first = list(Contradiction.objects.values_list("id", "kind", "status", "explanation"))
    tasks.check_claim.delay(nine.pk)
    tasks.check_claim.delay(nine.pk + 1)
    assert list(Contradiction.objects.values_list("id", "kind", "status", "explanation")) == first
    assert [kind for _, kind, _, _ in first] == [ContradictionKind.CASUALTY_MISMATCH]


def test_check_claim_retries_a_transient_database_error(sides, monkeypatch):
    claim = ClaimFactory(claimant=sides["am_defence"])
    calls = []
    real = checking.claim_check

    def flaky(*, claim_id):
        calls.append(claim_id)
        if len(calls) == 1:
            raise OperationalError("server closed the connection unexpectedly")
        return real(claim_id=claim_id)

    monkeypatch.setattr(tasks, "claim_check", flaky)
    tasks.check_claim.apply(args=[claim.pk], throw=False)
    assert calls == [claim.pk, claim.pk]


def test_check_claim_does_not_retry_a_domain_error(sides, monkeypatch):
    claim = ClaimFactory(claimant=sides["am_defence"])
    calls = []

    def broken(*, claim_id):
        calls.append(claim_id)
        raise ValueError("a bug, not a hiccup")

    monkeypatch.setattr(tasks, "claim_check", broken)
    with pytest.raises(ValueError, match="a bug"):
        tasks.check_claim.apply(args=[claim.pk])
    assert calls == [claim.pk]


def test_sweep_re_enqueues_every_unchecked_claim(sides, monkeypatch):
    unchecked = [ClaimFactory(claimant=sides["am_defence"]).pk for _ in range(3)]
    sent = []
    monkeypatch.setattr(tasks.check_claim, "delay", sent.append)
    assert tasks.sweep_unchecked.delay(older_than_seconds=0).get() == 3
    assert sorted(sent) == sorted(unchecked)


def test_sweep_after_checks_sends_nothing(sides, ganja):
    claim = ClaimFactory(claimant=sides["am_defence"], place=ganja)
    tasks.check_claim.delay(claim.pk)
    assert tasks.sweep_unchecked.delay(older_than_seconds=0).get() == 0


def test_rescan_fans_out_blocks_and_finds_what_checks_find(sides, ganja):
    for killed in (9, 12, 15):
        claim_create(
            claimant=sides["am_defence"] if killed != 9 else sides["az_prosecutor"],
            kind=ClaimKind.CASUALTY,
            stated_at=OCT_11 if killed != 15 else OCT_11.replace(hour=9),
            place=ganja,
            killed_min=killed,
            killed_max=killed,
        )
    result = tasks.rescan.delay(block_size=1).get()
    assert result["blocks"] == 3
    kinds = sorted(Contradiction.objects.values_list("kind", flat=True))
    assert kinds == [
        ContradictionKind.CASUALTY_MISMATCH,
        ContradictionKind.CASUALTY_MISMATCH,
        ContradictionKind.UPDATE,
    ]


def test_the_sweep_is_on_the_beat_schedule():
    sweep = PeriodicTask.objects.get(task="claims.tasks.sweep_unchecked")
    assert sweep.enabled
    assert sweep.interval.every == 2


def test_rescan_progress_is_counted_in_the_database(sides, ganja):
    create = {"kind": ClaimKind.CASUALTY, "stated_at": OCT_11, "place": ganja}
    claim_create(claimant=sides["az_prosecutor"], killed_min=9, killed_max=9, **create)
    claim_create(claimant=sides["am_defence"], killed_min=12, killed_max=12, **create)
    started = tasks.rescan.delay(block_size=1).get()
    assert tasks.rescan_progress(started["rescan_id"]) == (2, 2)


def test_a_rescan_block_whose_message_was_lost_is_sent_again_by_the_sweep(sides, ganja):
    create = {"kind": ClaimKind.CASUALTY, "stated_at": OCT_11, "place": ganja}
    claim_create(claimant=sides["az_prosecutor"], killed_min=9, killed_max=9, **create)
    claim_create(claimant=sides["am_defence"], killed_min=12, killed_max=12, **create)
    Contradiction.objects.all().delete()
    rescan_id, _block_ids = rescan.rescan_blocks_create(block_size=1)  # recorded, never sent
    assert tasks.rescan_progress(str(rescan_id)) == (0, 2)

    tasks.sweep_unchecked.delay(older_than_seconds=0)
    assert tasks.rescan_progress(str(rescan_id)) == (0, 2), "a block sent a moment ago is not stale"

    RescanBlock.objects.update(sent_at=timezone.now() - rescan.RESCAN_BLOCK_STALE_AFTER * 2)
    tasks.sweep_unchecked.delay(older_than_seconds=0)
    assert tasks.rescan_progress(str(rescan_id)) == (2, 2)
    assert Contradiction.objects.filter(kind=ContradictionKind.CASUALTY_MISMATCH).count() == 1


def test_extracting_an_article_twice_saves_its_claims_once(gazetteer):
    result = article_ingest(body=BODY, extract="none")
    first = tasks.extract_article(result.article.pk)
    second = tasks.extract_article(result.article.pk)
    assert first == second == Claim.objects.filter(article=result.article).count() > 0


def test_extracting_a_deleted_article_does_nothing():
    assert tasks.extract_article(987654) == 0


def test_a_failed_extraction_marks_the_article_failed_with_the_reason(gazetteer):
    result = article_ingest(body=BODY, extract="none")
    with (
        mock.patch.object(extraction, "extract_candidates", side_effect=ValueError("bad rule")),
        pytest.raises(ValueError),
    ):
        tasks.extract_article(result.article.pk)
    result.article.refresh_from_db()
    assert result.article.status == Article.Status.FAILED
    assert "bad rule" in result.article.status_message
