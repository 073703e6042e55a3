"""Sending tasks by name (sources/enqueue.py): every process that can send them knows them."""

import subprocess
import sys
from unittest import mock

from factcheck.testing import ROOT
from sources.enqueue import task_send_on_commit

SENT_BY_NAME = (
    "claims.tasks.extract_article",
    "sources.tasks.fetch_url_submission",
    "sources.tasks.poll_feed",
)


def test_a_web_process_knows_every_task_the_services_send_by_name():
    # A fresh process, as gunicorn starts one: the test run itself has imported sources.tasks already.
    script = (
        "import factcheck.wsgi; from factcheck.celery import app; "
        f"print(sorted(n for n in {SENT_BY_NAME!r} if n not in app.tasks))"
    )
    done = subprocess.run(
        [sys.executable, "-c", script],
        cwd=ROOT,
        env={
            "PYTHONPATH": str(ROOT),
            "DJANGO_SETTINGS_MODULE": "factcheck.settings",
            "PATH": "/usr/bin:/bin",
        },
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 0, done.stderr[-2000:]
    assert done.stdout.strip() == "[]"


def test_a_sent_task_runs_after_commit(db, django_capture_on_commit_callbacks):
    with (
        mock.patch("sources.tasks.poll_feed.delay") as delay,
        django_capture_on_commit_callbacks(execute=True),
    ):
        task_send_on_commit("sources.tasks.poll_feed", 7, force=True)
        delay.assert_not_called()
    delay.assert_called_once_with(7, force=True)
