"""Sending the sources app's Celery tasks after commit, by name.

Services name the task they send instead of importing ``sources.tasks``: the tasks import the
services (a task loads by id and calls one), so the dependency runs one way, tasks -> services.  The
task object comes from the Celery app's registry, so eager mode, routes and test patches of
``sources.tasks.<name>.delay`` all apply as if it had been imported.
"""

from __future__ import annotations

from typing import Any

from django.db import transaction

from factcheck.celery import app


def task_send_on_commit(name: str, *args: Any, **kwargs: Any) -> None:
    """Send ``sources.tasks.<name>`` (or the task of that full dotted name, such as
    ``claims.tasks.extract_article``, which the app above sources defines) with ``args`` and ``kwargs``
    once the current transaction commits.

    ``robust=True``: a broker that cannot be reached does not undo the committed write; the state the
    write left (an article still "received", a submission still "queued", a feed due) tells the
    periodic sweep to send it again.
    """
    task = name if "." in name else f"sources.tasks.{name}"
    transaction.on_commit(lambda: app.tasks[task].delay(*args, **kwargs), robust=True)
