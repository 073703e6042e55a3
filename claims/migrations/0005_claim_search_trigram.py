"""Trigram indexes for the reviewers' text search (PostgreSQL only; SQLite scans, which is fine at its size).

Django's icontains compares UPPER(column) LIKE UPPER(pattern), so the indexes are on UPPER(...).
pg_trgm is a trusted extension (PostgreSQL 13+): the database owner may create it.
"""

from django.db import migrations

FORWARD = [
    "CREATE EXTENSION IF NOT EXISTS pg_trgm",
    "CREATE INDEX IF NOT EXISTS claim_quote_upper_trgm_idx ON claims_claim USING gin (UPPER(quote) gin_trgm_ops)",
    "CREATE INDEX IF NOT EXISTS article_title_upper_trgm_idx ON sources_article USING gin (UPPER(title) gin_trgm_ops)",
]
BACKWARD = [
    "DROP INDEX IF EXISTS claim_quote_upper_trgm_idx",
    "DROP INDEX IF EXISTS article_title_upper_trgm_idx",
]


def _run(statements):
    def run(apps, schema_editor):
        if schema_editor.connection.vendor != "postgresql":
            return
        for statement in statements:
            schema_editor.execute(statement)

    return run


class Migration(migrations.Migration):
    dependencies = [
        ("claims", "0004_incident_default_order_idx"),
        ("sources", "0002_gazetteer"),
    ]

    operations = [migrations.RunPython(_run(FORWARD), _run(BACKWARD))]
