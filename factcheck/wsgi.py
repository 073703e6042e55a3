"""WSGI entry point for gunicorn (chunked request bodies are read in full: ``factcheck.chunked``)."""

import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "factcheck.settings")

from factcheck.chunked import ChunkedBodyMiddleware

application = ChunkedBodyMiddleware(get_wsgi_application())

# The language detector loads its models once per process; a web worker does it before it serves.
from sources.language import language_detector_warm  # noqa: E402 (needs the app registry above)

language_detector_warm()

# The first task sent builds the producer pool, which imports the broker's transport (kombu, redis-py:
# most of a second on a busy machine): build it now, without connecting, not in the first submission.
from factcheck.celery import app as celery_app  # noqa: E402

celery_app.producer_pool  # noqa: B018 (the property builds and caches the pool)
