"""A database built before conflicts existed keeps every party, alias and claim when it migrates."""

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.utils import timezone

BEFORE = [("sources", "0005_url_submission"), ("claims", "0005_claim_search_trigram")]


@pytest.mark.django_db(transaction=True)
def test_migrating_a_database_from_before_conflicts_keeps_its_rows_and_their_sides():
    executor = MigrationExecutor(connection)
    latest = executor.loader.graph.leaf_nodes()
    executor.migrate(BEFORE)
    old = executor.loader.project_state(BEFORE).apps
    Party, PartyAlias = old.get_model("sources", "Party"), old.get_model("sources", "PartyAlias")
    Article, Claim = old.get_model("sources", "Article"), old.get_model("claims", "Claim")
    # A transactional test run before this one may have flushed what the data migrations loaded.
    armenia, _ = Party.objects.get_or_create(name="Armenia", defaults={"kind": "state", "side": "armenia"})
    Party.objects.filter(pk=armenia.pk).update(tree_path=f"/{armenia.pk}/")
    volunteers = Party.objects.create(name="Volunteer battalion", kind="armed_force", side="armenia")
    Party.objects.filter(pk=volunteers.pk).update(tree_path=f"/{volunteers.pk}/")
    PartyAlias.objects.create(party=volunteers, alias="the volunteers", normalized="the volunteers")
    article = Article.objects.create(title="Old article", body="Old body.", content_hash="h" * 64)
    claim = Claim.objects.create(
        article=article, claimant=volunteers, kind="casualty", killed_min=3, killed_max=3,
        stated_at=timezone.now(), changed_at=timezone.now(),
    )  # fmt: skip
    before = {
        "parties": set(Party.objects.values_list("id", "name")),
        "aliases": set(PartyAlias.objects.values_list("id", "normalized", "party_id")),
        "claims": set(Claim.objects.values_list("id", "claimant_id")),
    }

    executor = MigrationExecutor(connection)
    executor.migrate(latest)
    new = executor.loader.project_state(latest).apps
    Party, PartyAlias = new.get_model("sources", "Party"), new.get_model("sources", "PartyAlias")
    Claim, PartySide = new.get_model("claims", "Claim"), new.get_model("sources", "PartySide")
    assert before["parties"] <= set(Party.objects.values_list("id", "name"))
    assert before["aliases"] <= set(PartyAlias.objects.values_list("id", "normalized", "party_id"))
    assert before["claims"] == set(Claim.objects.values_list("id", "claimant_id"))
    assert PartySide.objects.get(party_id=volunteers.pk).side.slug == "armenia"
    assert PartySide.objects.get(party_id=armenia.pk).side.slug == "armenia"
    migrated = Claim.objects.get(pk=claim.pk)
    assert migrated.conflict.slug == "nagorno-karabakh-2020"
    assert new.get_model("sources", "Article").objects.get(pk=article.pk).conflict_id == migrated.conflict_id
