"""Bulk extraction for archive imports: the claims of many articles in one INSERT (``COPY``) per batch.

The same claims as ``claims.services.extraction.article_extract_claims`` run on each article in turn,
validated the same way and with the same audit rows; only the writing is batched.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django.core.exceptions import ValidationError
from django.db import IntegrityError, connection, transaction
from django.utils import timezone
from simple_history.utils import bulk_create_with_history

from claims.models import Claim
from claims.services.checks import claims_await_check
from claims.services.claims import claim_build, claim_integrity_error, claim_validate
from claims.services.extraction import BatchTables, PartyMaker, article_lexicon, claim_arguments
from sources.models import Article, Party


class ArticleClaimError(ValidationError):
    """A claim extracted from one article of a bulk batch was refused; ``article`` says which (None: the
    database refused the batch's claims but none of them alone)."""

    def __init__(self, message: Any, *, article: Article | None) -> None:
        super().__init__(message)
        self.article = article


# Claims per INSERT (and per INSERT of their audit rows) in the bulk import.
BULK_INSERT_ROWS = 1000


def articles_extract_claims_bulk(*, articles: list[Article]) -> list[Claim]:
    """Extract and save the claims of many articles just stored (none has claims yet) in the caller's
    transaction, with one INSERT per thousand claims and one per thousand audit rows.

    The same claims as ``article_extract_claims`` on each article in turn, validated the same way
    (``claim_validate`` in Python, the database's check constraints on insert), with the same audit
    rows (django-simple-history's, written in bulk) and the same contradiction checks enqueued after
    commit.  Parties and lexicons are looked up once per call rather than once per article.  A claim
    refused raises ``ArticleClaimError`` naming its article; the caller's transaction then writes
    nothing.  Articles not in English are left alone.
    """
    batch = BatchTables()
    parties: dict[int, Party] = {}
    claims: list[Claim] = []
    extracted: list[int] = []
    for article in articles:
        if article.status == Article.Status.SKIPPED_LANGUAGE:
            continue
        lexicon = article_lexicon(article, batch)
        maker = PartyMaker(article, parties)
        for fields in claim_arguments(article, lexicon, maker, set()):
            claim = claim_build(**fields)
            try:
                claim_validate(claim)
            except ValidationError as exc:
                raise ArticleClaimError(exc.messages, article=article) from None
            claims.append(claim)
        extracted.append(article.pk)
    # One change time for the batch, so one statement marks every claim awaiting its check.
    now = timezone.now()
    for claim in claims:
        claim.changed_at = now
    try:
        with transaction.atomic():
            _claims_insert(claims)
    except IntegrityError as exc:
        error = claim_integrity_error(exc)
        raise ArticleClaimError(error.messages, article=_refused_article(claims, exc)) from None
    Article.objects.bulk_update(
        batch.assigned, ["conflict", "conflict_needs_review", "status_message"], batch_size=1000
    )
    Article.objects.filter(pk__in=extracted).update(
        status=Article.Status.EXTRACTED, updated_at=timezone.now()
    )
    claims_await_check(claim_ids=[claim.pk for claim in claims], changed_at=now)
    return claims


def _claims_insert(claims: list[Claim]) -> None:
    """Insert the claims and their audit rows ("+", created, by no user: what a ``save()`` records).

    On PostgreSQL with ``COPY`` (ids drawn from the sequences first, so the claims get their ids);
    elsewhere with django-simple-history's ``bulk_create_with_history``.  Both skip ``save()``, so both
    fill in what it would: the time stamps and the audit rows.
    """
    if connection.vendor != "postgresql" or not claims:
        bulk_create_with_history(claims, Claim, batch_size=BULK_INSERT_ROWS)
        return
    history = Claim.history.model
    now = timezone.now()
    claim_fields = [f.attname for f in Claim._meta.concrete_fields]
    history_fields = [f.attname for f in history._meta.concrete_fields]
    with connection.cursor() as cursor:
        claim_ids = _ids_reserve(cursor, Claim._meta.db_table, "id", len(claims))
        history_ids = _ids_reserve(cursor, history._meta.db_table, "history_id", len(claims))
        for claim, pk in zip(claims, claim_ids, strict=True):
            claim.pk, claim.created_at, claim.updated_at = pk, now, now
            claim._state.adding, claim._state.db = False, connection.alias
        audit = {
            "history_date": now,
            "history_change_reason": None,
            "history_type": "+",
            "history_user_id": None,
        }
        _copy(
            cursor,
            Claim._meta.db_table,
            claim_fields,
            ([getattr(c, f) for f in claim_fields] for c in claims),
        )
        _copy(
            cursor,
            history._meta.db_table,
            history_fields,
            (
                [
                    hid if f == "history_id" else audit[f] if f in audit else getattr(c, f)
                    for f in history_fields
                ]
                for c, hid in zip(claims, history_ids, strict=True)
            ),
        )


def _ids_reserve(cursor: Any, table: str, column: str, count: int) -> list[int]:
    """``count`` fresh ids from the column's sequence (an identity column's, or a serial's)."""
    cursor.execute(
        "SELECT nextval(pg_get_serial_sequence(%s, %s)) FROM generate_series(1, %s)", [table, column, count]
    )
    return [row[0] for row in cursor.fetchall()]


def _copy(cursor: Any, table: str, columns: list[str], rows: Iterable[list]) -> None:
    """``COPY table (columns) FROM STDIN`` the rows; a refused row raises Django's IntegrityError."""
    names = ", ".join(connection.ops.quote_name(column) for column in columns)
    with connection.wrap_database_errors, cursor.cursor.copy(f"COPY {table} ({names}) FROM STDIN") as copy:
        for row in rows:
            copy.write_row(row)


def _refused_article(claims: list[Claim], exc: IntegrityError) -> Article | None:
    """Which article's claim the database refused: the first whose claim fails on its own (a savepoint
    each, only on this rare path), else the batch's first."""
    for claim in claims:
        claim.pk = None
        try:
            with transaction.atomic():
                claim.save()
                raise _Probe  # noqa: TRY301 -- the savepoint is rolled back by raising through it
        except IntegrityError:
            return claim.article
        except _Probe:
            continue
    return claims[0].article


class _Probe(Exception):
    """Rolls back a probing insert."""
