"""The contradiction pipeline on real services: PostgreSQL, Redis and a Celery worker subprocess.

The fixtures start ``celery worker`` against the test database (its name in DATABASE_URL) and the
broker of this run.  Without PostgreSQL or Redis these tests are skipped, unless CI is set: then they
fail, so a CI run can never pass without them.
"""

from __future__ import annotations

import os
import re
import signal
import socket
import subprocess
import sys
import textwrap
import time
import uuid
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path

import pytest

from bench.corpus import generate_corpus
from claims.models import Claim, ClaimKind, Contradiction, ContradictionKind, ContradictionStatus
from claims.selectors.checks import claims_awaiting_check
from claims.services.claims import claim_create
from claims.services.rescan import contradictions_rescan, rescan_plan
from claims.tests import engine_fixtures
from factcheck.testing import ROOT, require_integration_services, subprocess_environment

pytestmark = [pytest.mark.integration, pytest.mark.django_db(transaction=True)]
sides, ganja = engine_fixtures.sides, engine_fixtures.ganja

QUEUES = "default,checks,extraction,reports"
OCT_11 = datetime(2020, 10, 11, 8, 0, tzinfo=UTC)
CLOSED_PORT_BROKER = "redis://127.0.0.1:1/0"


@pytest.fixture(autouse=True)
def real_services(transactional_db):
    """Skip without PostgreSQL and Redis; under CI that is a failure, never a skip."""
    require_integration_services()
    from factcheck.celery import app

    saved = app.conf.task_always_eager
    app.conf.task_always_eager = False
    with app.connection_for_write() as broker:
        for queue in QUEUES.split(","):
            broker.default_channel.queue_purge(queue)
    yield
    app.conf.task_always_eager = saved


class Worker:
    """A ``celery worker`` subprocess in its own process group (so SIGKILL takes its pool too)."""

    def __init__(
        self,
        concurrency: int = 2,
        visibility_timeout: int = 3600,
        env: dict | None = None,
        queues: str = QUEUES,
    ):
        self.name = f"itest-{uuid.uuid4().hex[:8]}@{socket.gethostname()}"
        self.log = Path(f"/tmp/celery-{uuid.uuid4().hex[:8]}.log")
        self.process = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "celery",
                "-A",
                "factcheck",
                "worker",
                "-Q",
                queues,
                "-c",
                str(concurrency),
                "-n",
                self.name,
                "--without-gossip",
                "--without-mingle",
                "-l",
                "info",
            ],
            cwd=ROOT,
            env=subprocess_environment(CELERY_VISIBILITY_TIMEOUT=str(visibility_timeout), **(env or {})),
            stdout=self.log.open("w"),
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
        wait_for(
            lambda: "ready." in self.log.read_text(), timeout=40, what="the worker to start", worker=self
        )

    def idle(self) -> bool:
        """Nothing queued and nothing running."""
        from factcheck.celery import app

        with app.connection_for_write() as broker:
            queued = sum(broker.default_channel.client.llen(queue) for queue in QUEUES.split(","))
        if queued:
            return False
        replies = app.control.inspect(destination=[self.name], timeout=1.0)
        active, reserved = replies.active() or {}, replies.reserved() or {}
        return not any(active.values()) and not any(reserved.values())

    def kill(self) -> None:
        os.killpg(self.process.pid, signal.SIGKILL)
        self.process.wait(timeout=10)

    def stop(self) -> None:
        if self.process.poll() is None:
            os.killpg(self.process.pid, signal.SIGTERM)
            try:
                self.process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                self.kill()


def wait_for(
    condition: Callable[[], bool], *, timeout: float, what: str, worker: Worker | None = None
) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if condition():
            return
        time.sleep(0.2)
    log = worker.log.read_text()[-3000:] if worker is not None else ""
    pytest.fail(f"timed out waiting for {what}\n{log}")


@pytest.fixture
def worker():
    started = Worker()
    yield started
    started.stop()


def unchecked() -> int:
    """How many claims still await their check (what the sweep would send)."""
    return len(claims_awaiting_check(limit=10**9))


def snapshot() -> set[tuple]:
    return set(
        Contradiction.objects.values_list("id", "claim_a_id", "claim_b_id", "kind", "status", "explanation")
    )


def create_ganja_strike(sides, ganja):
    nine = claim_create(
        claimant=sides["az_prosecutor"],
        kind=ClaimKind.CASUALTY,
        stated_at=OCT_11,
        place=ganja,
        killed_min=9,
        killed_max=9,
    )
    twelve = claim_create(
        claimant=sides["am_defence"],
        kind=ClaimKind.CASUALTY,
        stated_at=OCT_11,
        place=ganja,
        killed_min=12,
        killed_max=12,
    )
    return nine, twelve


def test_claims_created_through_the_service_are_checked_by_the_worker_after_commit(worker, sides, ganja):
    nine, twelve = create_ganja_strike(sides, ganja)
    wait_for(
        lambda: unchecked() == 0 and Contradiction.objects.exists(), timeout=30, what="checks", worker=worker
    )
    wait_for(worker.idle, timeout=60, what="the worker to drain its queues", worker=worker)
    contradiction = Contradiction.objects.get()
    assert (contradiction.claim_a_id, contradiction.claim_b_id) == (nine.pk, twelve.pk)
    assert contradiction.kind == ContradictionKind.CASUALTY_MISMATCH
    assert contradiction.status == ContradictionStatus.OPEN


def test_running_every_task_twice_leaves_the_same_rows(worker, sides, ganja):
    from claims import tasks

    claims = create_ganja_strike(sides, ganja)
    wait_for(
        lambda: unchecked() == 0 and Contradiction.objects.exists(), timeout=30, what="checks", worker=worker
    )
    before = snapshot()
    for _ in range(2):
        for claim in claims:
            tasks.check_claim.delay(claim.pk)
        tasks.sweep_unchecked.delay(older_than_seconds=0)
        tasks.rescan.delay(block_size=1).get(timeout=30)
    wait_for(worker.idle, timeout=60, what="the worker to drain its queues", worker=worker)
    results = []
    [block] = rescan_plan(block_size=1000)
    for _ in range(2):
        results.append(tasks.rescan_block.delay(*block).get(timeout=30))
    assert results[1]["created"] == results[1]["updated"] == results[1]["closed"] == 0
    assert snapshot() == before
    assert Contradiction.objects.count() == 1


def expected_from(corpus: dict) -> set[tuple]:
    return {(a, b, kind) for a, b, kind in corpus["planted"]} | {
        (a, b, ContradictionKind.UPDATE) for a, b in corpus["updates"]
    }


def stored() -> list[tuple]:
    return list(
        Contradiction.objects.exclude(status=ContradictionStatus.CLOSED).values_list(
            "claim_a_id", "claim_b_id", "kind"
        )
    )


def test_a_worker_killed_mid_rescan_loses_nothing_and_duplicates_nothing():
    from claims import tasks

    corpus = generate_corpus(3000, seed=5, planted=40)
    total = Claim.objects.count()
    first = Worker(concurrency=1, visibility_timeout=6)
    try:
        tasks.rescan.delay(block_size=20)
        wait_for(lambda: unchecked() < total * 0.8, timeout=60, what="the rescan to get going", worker=first)
        first.kill()
    finally:
        first.stop()
    left_behind = unchecked()
    assert left_behind > 0, "the rescan finished before the worker was killed; nothing was tested"
    second = Worker(concurrency=2, visibility_timeout=6)
    last_sweep = [time.monotonic()]

    def finished_with_beats_sweep() -> bool:
        """Done when every claim is checked; meanwhile fire the sweep every 15 s as beat would.

        The killed block's message comes back only when the broker restores it, which is not promised
        to happen in time; the periodic sweep is what guarantees that nothing is lost.
        """
        if unchecked() == 0:
            return True
        if time.monotonic() - last_sweep[0] > 15:
            tasks.sweep_unchecked.delay(older_than_seconds=0)
            last_sweep[0] = time.monotonic()
        return False

    try:
        wait_for(
            finished_with_beats_sweep,
            timeout=120,
            what="the second worker (and the sweep) to finish the rescan",
            worker=second,
        )
        rows = stored()
        assert len(rows) == len(set(rows)), "duplicate contradictions"
        assert set(rows) == expected_from(corpus)
    finally:
        second.stop()
    clean = contradictions_rescan(block_size=500)
    assert (clean.created, clean.updated, clean.closed) == (0, 0, 0)
    assert set(stored()) == expected_from(corpus)


CREATE_WITHOUT_BROKER = textwrap.dedent(
    """
    import time
    import django
    django.setup()
    from claims.models import ClaimKind
    from claims.services.claims import claim_create
    from sources.models import Party, Place
    prosecutor = Party.objects.get(name="Prosecutor General of Azerbaijan")
    ministry = Party.objects.get(name="Ministry of Defence of Armenia")
    ganja = Place.objects.get(name="Ganja")
    started = time.monotonic()
    for n in range(10):
        claim_create(claimant=prosecutor if n % 2 else ministry, kind=ClaimKind.CASUALTY, place=ganja,
                     killed_min=9 + n % 2 * 3, killed_max=9 + n % 2 * 3)
    print(f"created 10 claims in {time.monotonic() - started:.2f}s")
    """
)


def test_claims_created_while_redis_is_unreachable_are_checked_by_the_sweep_once_it_is_back(
    worker, gazetteer
):
    from claims import tasks

    created = subprocess.run(
        [sys.executable, "-c", CREATE_WITHOUT_BROKER],
        cwd=ROOT,
        env=subprocess_environment(CELERY_BROKER_URL=CLOSED_PORT_BROKER),
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert created.returncode == 0, created.stderr[-3000:]
    assert "created 10 claims" in created.stdout
    print(created.stdout)  # how long creation took without a broker (shown with -s)
    assert Claim.objects.count() == 10
    assert unchecked() == 10, "no check can have run without a broker"
    tasks.sweep_unchecked.delay(older_than_seconds=0)
    wait_for(lambda: unchecked() == 0, timeout=60, what="the sweep's checks", worker=worker)
    wait_for(worker.idle, timeout=60, what="the worker to drain its queues", worker=worker)
    assert Contradiction.objects.filter(kind=ContradictionKind.CASUALTY_MISMATCH).count() == 25


def test_a_full_rescan_on_the_workers_shows_its_progress_until_done(worker, sides, ganja):
    import io

    from django.core.management import call_command

    create_ganja_strike(sides, ganja)
    out = io.StringIO()
    call_command(
        "detect_contradictions",
        "--full",
        "--async",
        "--wait",
        "--block-size",
        "1",
        stdout=out,
        stderr=io.StringIO(),
    )
    assert "Rescan finished" in out.getvalue()
    assert Contradiction.objects.filter(kind=ContradictionKind.CASUALTY_MISMATCH).count() == 1


def test_waiting_on_a_rescan_ends_when_the_work_is_done_although_a_worker_was_killed_mid_block():
    """The killed block's message sits unacknowledged for the broker's hour-long visibility timeout;
    ``--wait`` follows the blocks in the database and sends the lost one again, so it ends in minutes."""
    from claims.models import RescanBlock

    corpus = generate_corpus(3000, seed=7, planted=40)
    first = Worker(concurrency=1)
    waiting = subprocess.Popen(
        [
            sys.executable,
            "manage.py",
            "detect_contradictions",
            "--full",
            "--async",
            "--wait",
            "--block-size",
            "20",
            "--resend-after",
            "10",
        ],
        cwd=ROOT,
        env=subprocess_environment(),
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        wait_for(
            lambda: RescanBlock.objects.filter(done_at__isnull=False).count() >= 3,
            timeout=60,
            what="the rescan to get going",
            worker=first,
        )
        first.kill()
    finally:
        first.stop()
    assert RescanBlock.objects.filter(done_at__isnull=True).exists(), "the rescan ended before the kill"
    second = Worker(concurrency=2)  # the default one-hour visibility timeout: no redelivery in time
    try:
        out, err = waiting.communicate(timeout=180)
    except subprocess.TimeoutExpired:
        waiting.kill()
        pytest.fail(f"--wait did not end although the work could be done\n{second.log.read_text()[-3000:]}")
    finally:
        second.stop()
    assert waiting.returncode == 0, err[-3000:]
    assert "Rescan finished" in out
    assert not RescanBlock.objects.filter(done_at__isnull=True).exists()
    rows = stored()
    assert len(rows) == len(set(rows)), "duplicate contradictions"
    assert set(rows) == expected_from(corpus)


def blocks_done_by(worker: Worker) -> int:
    return len(re.findall(r"Task claims\.tasks\.rescan_block\[[^\]]+\] succeeded", worker.log.read_text()))


def test_two_workers_on_their_own_queues_share_one_rescan_and_store_what_one_process_stores():
    """The rescan fans its blocks out over every worker that takes the checks queue: here one worker
    takes the orchestration queue and the checks, the other only the checks, each a process of its own."""
    from claims import tasks
    from claims.models import RescanBlock

    corpus = generate_corpus(3000, seed=11, planted=40)
    orchestrating = Worker(concurrency=1, queues="default,checks")
    checking = Worker(concurrency=1, queues="checks")
    try:
        tasks.rescan.delay(block_size=100)
        wait_for(
            lambda: (
                RescanBlock.objects.exists() and not RescanBlock.objects.filter(done_at__isnull=True).exists()
            ),
            timeout=120,
            what="both workers to finish every block of the rescan",
            worker=checking,
        )
        blocks = RescanBlock.objects.count()
        rows = stored()
        assert len(rows) == len(set(rows)), "duplicate contradictions"
        assert set(rows) == expected_from(corpus)
        shares = blocks_done_by(orchestrating), blocks_done_by(checking)
        assert sum(shares) == blocks, f"every block once: {shares} of {blocks}"
        assert min(shares) > 0, f"one worker took every block: the rescan did not fan out ({shares})"
    finally:
        orchestrating.stop()
        checking.stop()
    in_one_process = contradictions_rescan(block_size=500)
    assert (in_one_process.created, in_one_process.updated, in_one_process.closed) == (0, 0, 0)
    assert set(stored()) == expected_from(corpus)
