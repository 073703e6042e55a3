"""factcheck.celery_policy: every task of the project is delivered at least once and retries only
errors that can succeed on retry."""

import smtplib

from django.core.exceptions import ValidationError
from django.db import InterfaceError, OperationalError

from factcheck.celery import app
from factcheck.celery_policy import NETWORK_ERRORS, TRANSIENT_ERRORS, retry_on_transient

APPS = ("claims.", "sources.", "reports.", "credibility.")


def _project_tasks():
    app.loader.import_default_modules()
    return {name: task for name, task in app.tasks.items() if name.startswith(APPS)}


def test_every_project_task_is_acked_late_and_redelivered_when_its_worker_dies():
    tasks = _project_tasks()

    assert len(tasks) >= 10
    assert {
        name for name, task in tasks.items() if not (task.acks_late and task.reject_on_worker_lost)
    } == set()


def test_tasks_retry_database_hiccups_and_never_a_domain_error():
    for name, task in _project_tasks().items():
        retried = tuple(getattr(task, "autoretry_for", ()))
        if not retried:
            continue  # swept again by beat, or retried on its own schedule (webhook deliveries)
        assert set(TRANSIENT_ERRORS) <= set(retried), name
        assert not any(issubclass(ValidationError, error) for error in retried), name


def test_only_the_mail_delivery_also_retries_network_errors():
    mailing = {
        name
        for name, task in _project_tasks().items()
        if smtplib.SMTPException in getattr(task, "autoretry_for", ())
    }

    assert mailing == {"reports.tasks.deliver_report"}


def test_the_policy_backs_off_with_jitter_below_the_visibility_timeout():
    options = retry_on_transient(also=NETWORK_ERRORS, backoff=60, backoff_max=1800)

    assert options["autoretry_for"][:2] == (OperationalError, InterfaceError)
    assert options["retry_jitter"] is True
    assert options["retry_backoff_max"] < 3600
