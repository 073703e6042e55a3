"""Sending Celery tasks after commit, by name: the sources app's own, and the extraction task of the
claims app above it.

Services name the task they send instead of importing ``sources.tasks`` (or ``claims.tasks``): the tasks
import the services (a task loads by id and calls one), so the dependency runs one way, tasks ->
services, and sources never imports the app above it.  The
task object comes from the Celery app's registry, so eager mode, routes and test patches of
``<app>.tasks.<name>.delay`` all apply as if it had been imported.
"""

from __future__ import annotations

from typing import Any

from django.db import transaction

from factcheck.celery import app


def task_send_on_commit(name: str, *args: Any, **kwargs: Any) -> None:
    """Send the task registered as ``name`` (its full name: ``sources.tasks.poll_feed``, or
    ``claims.tasks.extract_article``, which the app above sources defines) with ``args`` and ``kwargs``
    once the current transaction commits.

    ``robust=True``: a broker that cannot be reached does not undo the committed write; the state the
    write left (an article still "received", a submission still "queued", a feed due) tells the
    periodic sweep to send it again.
    """
    transaction.on_commit(lambda: app.tasks[name].delay(*args, **kwargs), robust=True)
