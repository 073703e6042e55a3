"""Writing rows: outlets and articles, then any table with PostgreSQL COPY (bulk_create elsewhere)."""

from __future__ import annotations

import hashlib
import random
from datetime import datetime, timedelta

from django.db import connections

from bench.corpus.world import ARTICLE_COLUMNS, WAR_DAYS, WAR_START, max_id
from sources.models import Article, Outlet


def articles_make(
    rng: random.Random, run: str, count: int, now: datetime, using: str, conflict_id: int | None = None
) -> tuple[list[int], list[tuple]]:
    outlets = [
        Outlet.objects.using(using)
        .create(name=f"Bench outlet {index} {run}", domain=f"outlet{index}.{run}.example")
        .pk
        for index in range(20)
    ]
    first = max_id(Article, using) + 1
    rows = []
    for offset in range(count):
        article_id = first + offset
        body = (
            f"Bench article {article_id} ({run}): officials gave figures for a strike; others disputed them."
        )
        row = {
            "id": article_id,
            "url": f"https://{run}.bench.example/articles/{article_id}",
            "title": f"Bench article {article_id}",
            "outlet_id": rng.choice(outlets),
            "published_at": WAR_START + timedelta(hours=rng.randrange(WAR_DAYS * 24)),
            "published_at_source": "given",
            "language": "en",
            "body": body,
            "content_hash": hashlib.sha256(body.encode()).hexdigest(),
            "status": "extracted",
            "status_message": "",
            "conflict_id": conflict_id,
            "conflict_needs_review": False,
            "submitted_by_id": None,
            "created_at": now,
            "updated_at": now,
        }
        rows.append(tuple(row[column] for column in ARTICLE_COLUMNS))
    return [first + offset for offset in range(count)], rows


def rows_write(model, columns: list[str], rows: list[tuple], using: str) -> None:
    connection = connections[using]
    table = model._meta.db_table
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            # The rows are consistent by construction: skip the per-row deferred foreign-key triggers,
            # which would otherwise queue millions of checks until commit (needs a superuser; else
            # the checks simply run).
            cursor.execute("SELECT rolsuper FROM pg_roles WHERE rolname = current_user")
            if cursor.fetchone()[0]:
                cursor.execute("SET LOCAL session_replication_role = replica")
            raw = cursor.cursor
            with raw.copy(f"COPY {table} ({', '.join(columns)}) FROM STDIN") as copy:
                for row in rows:
                    copy.write_row(row)
            if model._meta.pk.name == "id":  # a table of its own ids (not one keyed by another's)
                cursor.execute(
                    f"SELECT setval(pg_get_serial_sequence('{table}', 'id'), (SELECT MAX(id) FROM {table}))"
                )
    else:
        fields = {str(f.column): f.attname for f in model._meta.concrete_fields}
        objects = [model(**{fields[c]: v for c, v in zip(columns, row, strict=True)}) for row in rows]
        model.objects.using(using).bulk_create(objects, batch_size=2000)
