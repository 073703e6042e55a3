"""Celery tasks for the sources app: thin wrappers that load by id and call a service."""

from __future__ import annotations

from celery import shared_task
from django.db import OperationalError


@shared_task(
    autoretry_for=(OperationalError,),
    retry_backoff=True,
    retry_jitter=True,
    max_retries=5,
    acks_late=True,
    reject_on_worker_lost=True,
)
def extract_article(article_id: int) -> int:
    """Extract the claims of one stored article; returns how many claims exist for it afterwards.

    Idempotent: the extraction service skips candidates already saved for the article, so a
    redelivered message adds nothing.  A missing article (deleted meanwhile) is a no-op.
    """
    from claims.services.extraction import article_extract_claims
    from sources.models import Article

    article = Article.objects.select_related("outlet").filter(pk=article_id).first()
    if article is None:
        return 0
    return len(article_extract_claims(article=article))
