"""``generate_corpus``: every part of the corpus in one transaction (see the package's doc)."""

from __future__ import annotations

import random

from django.db import connections, transaction
from django.utils import timezone

from bench.corpus.background import background_add
from bench.corpus.parties import parties_make
from bench.corpus.planted import planted_add
from bench.corpus.world import ARTICLE_COLUMNS, CLAIM_COLUMNS, INCIDENT_COLUMNS, World, max_id
from bench.corpus.writing import articles_make, rows_write
from claims.models import Claim, ClaimCheckPending, Incident
from sources.models import Article, Party, Place


def _places_make(run: str, using: str) -> list[int]:
    """Three hundred places of this run; their ids."""
    place_first = max_id(Place, using) + 1
    Place.objects.using(using).bulk_create([Place(name=f"Bench place {i} {run}") for i in range(300)])
    return list(
        Place.objects.using(using)
        .filter(pk__gte=place_first, name__endswith=f" {run}")
        .values_list("pk", flat=True)
    )


def _analyze(using: str) -> None:
    """Fresh planner statistics on PostgreSQL, as autovacuum would give a table filled this fast."""
    if connections[using].vendor == "postgresql":
        with connections[using].cursor() as cursor:
            cursor.execute(
                "ANALYZE claims_claim; ANALYZE claims_incident; ANALYZE claims_contradiction; "
                f"ANALYZE {ClaimCheckPending._meta.db_table}"
            )


def generate_corpus(
    n_claims: int, *, seed: int = 1, planted: int = 100, using: str = "default", disagreement: bool = False
) -> dict:
    """Fill the database with ``n_claims`` background claims plus the planted cases (see the module doc);
    ``disagreement`` makes the background disagree as real coverage does (see the module doc)."""
    rng = random.Random(seed)
    run = f"r{max_id(Party, using) + 1}"
    now = timezone.now()
    with transaction.atomic(using=using):
        parties, forces, flat, units, conflict_id = parties_make(run, using, planted)
        places = _places_make(run, using)
        article_ids, article_rows = articles_make(
            rng, run, n_claims * 3 // 10 + 3 * planted + 10, now, using, conflict_id
        )
        rows_write(Article, ARTICLE_COLUMNS, article_rows, using)
        world = World(
            rng=rng,
            run=run,
            now=now,
            parties=parties,
            forces=forces,
            flat=flat,
            planted_units=units,
            places=places,
            articles=article_ids,
            next_claim=max_id(Claim, using) + 1,
            next_incident=max_id(Incident, using) + 1,
            conflict_id=conflict_id,
            disagreement=disagreement,
        )
        first_claim = world.next_claim
        background_add(world, n_claims)
        planted_add(world, planted)
        rows_write(Incident, INCIDENT_COLUMNS, world.incidents, using)
        rows_write(Claim, CLAIM_COLUMNS, world.claims, using)
        # Every claim awaits its check, as after an import through the services.
        claim_id_at = CLAIM_COLUMNS.index("id")
        pending = [(row[claim_id_at], now) for row in world.claims]
        rows_write(ClaimCheckPending, ["claim_id", "changed_at"], pending, using)
    _analyze(using)
    return {
        "run": run,
        "claims": len(world.claims),
        "incidents": len(world.incidents),
        "articles": len(article_rows),
        "parties": sum(len(ids) for ids in parties.values()) + len(forces),
        "places": len(places),
        "claim_ids": (first_claim, world.next_claim - 1),
        "planted": world.planted,
        "updates": world.updates,
        "party_ids": parties,
        "place_ids": places,
    }
