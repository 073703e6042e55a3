"""Bulk import (claims/services/ingestion_bulk.py): an archive in batches, the same result as the normal path.

Runs on SQLite by default and on PostgreSQL with ``DATABASE_URL`` pointing at it.
"""

from pathlib import Path

import pytest
from django.db import transaction

from claims.models import Claim, Contradiction
from claims.services.ingestion import articles_ingest_paths
from claims.services.ingestion_bulk import articles_ingest_bulk
from claims.services.lexicons import lexicons_forget
from factcheck.celery import app as celery_app
from sources.caches import conflict_caches_clear
from sources.errors import IngestError
from sources.models import Article, Outlet, Party
from sources.tests.samples import BODY, TEXT_FILE

pytestmark = pytest.mark.django_db

# Invented wire copy: competing tolls for one strike, accusations both ways, a control claim, an
# undated article dated by its text, a repeat of the first under another name, a Russian dispatch.
FILES = {
    "a-ganja.txt": TEXT_FILE,
    "b-ganja-toll.txt": "Title: Toll revised\nURL: https://other.example/ganja-toll\nOutlet: Other Wire\n"
    "Published: 2020-10-11T15:00:00+00:00\n\nHikmet Hajiyev said on Sunday that ten civilians were killed "
    "in Ganja by an Armenian missile.",
    "c-accusations.txt": "URL: https://wire.example/accusations\nOutlet: Wire Example\n"
    "Published: 2020-10-12T08:00:00+00:00\n\nArmenian officials accused Azeri troops of shelling "
    "Stepanakert, while Azeri officials accused Armenia of shelling Tartar.",
    "d-undated.txt": "On 14 October 2020 the Armenian Defence Ministry said its forces had captured Talish. "
    "Azerbaijan's defence ministry said Talish remained under the control of Azerbaijani forces.",
    "e-repeat.txt": BODY,
    "f-russian.txt": "Language: ru\n\nМинистерство обороны сообщило, что ночью город снова обстреляли.",
    "g-list.json": '[{"url": "https://list.example/1", "body": "Armenian officials said two soldiers were '
    'killed near Martuni on Monday."}, {"url": "https://list.example/2", "body": "Azerbaijani officials '
    'said three civilians were wounded in Tartar."}]',
}


def write_archive(folder: Path, files: dict[str, str] = FILES) -> Path:
    folder.mkdir(exist_ok=True)
    for name, text in files.items():
        (folder / name).write_text(text, encoding="utf-8")
    return folder


def _claim_key(claim: Claim) -> tuple:
    return (
        claim.article.content_hash,
        claim.kind,
        claim.quote_start,
        claim.quote_end,
        claim.claimant.name,
        claim.accused.name if claim.accused else None,
        claim.controller.name if claim.controller else None,
        claim.place.name if claim.place else None,
        claim.killed_min,
        claim.killed_max,
        claim.wounded_min,
        claim.victim_group,
        # An undated article's claims are stated "now": the time of the run, not part of the result.
        claim.stated_at if claim.article.published_at else None,
        claim.event_start,
        claim.status,
        claim.origin,
        claim.conflict_id is not None,
    )


def snapshot() -> dict:
    """Everything an import writes, by natural keys (ids differ between two runs)."""
    claims = list(Claim.objects.select_related("article", "claimant", "accused", "controller", "place"))
    key_of = {claim.pk: _claim_key(claim) for claim in claims}
    incidents: dict[int, set] = {}
    for claim in claims:
        if claim.incident_id:
            incidents.setdefault(claim.incident_id, set()).add(key_of[claim.pk])
    return {
        "articles": sorted(
            Article.objects.values_list(
                "url",
                "content_hash",
                "title",
                "outlet__name",
                "published_at",
                "published_at_source",
                "language",
                "status",
                "status_message",
                "conflict__slug",
                "conflict_needs_review",
            ),
            key=repr,
        ),
        "claims": sorted(key_of.values(), key=repr),
        "audit rows": sorted(
            (key_of[row.id], row.history_type) for row in Claim.history.filter(id__in=key_of)
        ),
        "incidents": sorted(sorted(group, key=repr) for group in incidents.values()),
        "contradictions": sorted(
            sorted([key_of[a], key_of[b]], key=repr)
            for a, b in Contradiction.objects.values_list("claim_a_id", "claim_b_id")
        ),
        "parties made": sorted(Party.objects.filter(needs_review=True).values_list("name", flat=True)),
        "outlets": sorted(Outlet.objects.values_list("name", "domain", "party__name")),
    }


@pytest.fixture
def checks_in_process():
    """Contradiction checks run here, as a worker would run them, whatever broker the settings name."""
    saved = celery_app.conf.task_always_eager
    celery_app.conf.task_always_eager = True
    yield
    celery_app.conf.task_always_eager = saved


class _Undo(Exception):
    pass


def _import_and_undo(run) -> dict:
    """What ``run`` writes (its contradiction checks run, as a worker would after commit), then undone."""
    conflict_caches_clear()
    lexicons_forget()  # the rolled-back parties must not linger in a cached lexicon
    try:
        with transaction.atomic():
            run()
            result = snapshot()
            raise _Undo  # noqa: TRY301 -- undoes the snapshot run by raising through the atomic block
    except _Undo:
        return result


def test_a_bulk_import_writes_the_same_articles_claims_audit_rows_and_incidents_as_the_normal_path(
    tmp_path, gazetteer, django_capture_on_commit_callbacks, checks_in_process
):
    archive = write_archive(tmp_path / "archive")

    def normal():
        with django_capture_on_commit_callbacks(execute=True):
            outcomes = articles_ingest_paths(paths=[archive])
        assert all(outcome.error is None for outcome in outcomes), outcomes

    def bulk():
        with django_capture_on_commit_callbacks(execute=True):
            result = articles_ingest_bulk(paths=[archive], batch_files=3)
        assert not result.failed, result.failed

    expected, got = _import_and_undo(normal), _import_and_undo(bulk)
    assert len(expected["articles"]) == 7  # the repeat is not stored twice
    assert len(expected["claims"]) >= 8
    assert expected["incidents"], "the competing Ganja tolls share an incident"
    for part in expected:
        assert got[part] == expected[part], part


def test_a_batch_with_a_bad_file_writes_nothing_and_names_the_file(tmp_path, gazetteer):
    archive = write_archive(tmp_path / "archive")
    (archive / "c-broken.json").write_text("{not json", encoding="utf-8")
    result = articles_ingest_bulk(paths=[archive], batch_files=4)
    [failed] = result.failed
    assert "c-broken.json" in failed.error
    assert "not valid JSON" in failed.error
    assert set(failed.files) == {str(archive / name) for name in ("a-ganja.txt", "b-ganja-toll.txt")} | {
        str(archive / "c-accusations.txt"),
        str(archive / "c-broken.json"),
    }
    written = set(Article.objects.values_list("url", flat=True))
    assert "https://wire.example/world/ganja-strike?id=7" not in written, "the bad file's batch wrote nothing"
    assert {"https://list.example/1", "https://list.example/2"} <= written, "the next batch went in"
    assert not Claim.objects.filter(article__url__startswith="https://wire.example/").exists()


def test_an_empty_article_in_a_json_list_fails_its_batch_naming_the_object(tmp_path, gazetteer):
    archive = write_archive(tmp_path / "archive", {"one.json": '[{"body": "Some text here."}, {"body": ""}]'})
    [failed] = articles_ingest_bulk(paths=[archive]).failed
    assert "one.json[1]" in failed.error
    assert "empty" in failed.error
    assert not Article.objects.exists()


def test_importing_an_archive_twice_changes_nothing(tmp_path, gazetteer):
    archive = write_archive(tmp_path / "archive")
    first = articles_ingest_bulk(paths=[archive], batch_files=2)
    before = snapshot()
    second = articles_ingest_bulk(paths=[archive], batch_files=5)
    assert (first.created, first.known) == (7, 1)
    assert (second.created, second.known, second.claims) == (0, 8, 0)
    assert snapshot() == before


def test_a_bulk_import_skips_what_the_normal_path_stored(tmp_path, gazetteer):
    archive = write_archive(tmp_path / "archive")
    articles_ingest_paths(paths=[archive / "a-ganja.txt"])
    result = articles_ingest_bulk(paths=[archive])
    assert (result.created, result.known) == (6, 2)
    assert Article.objects.count() == 7


def test_an_unknown_conflict_stops_the_import_before_any_file_is_read(tmp_path, gazetteer):
    archive = write_archive(tmp_path / "archive")

    with pytest.raises(
        IngestError, match="Unknown conflict 'no-such-war'; known conflicts: nagorno-karabakh-2020"
    ):
        articles_ingest_bulk(paths=[archive], conflict="no-such-war")
    assert not Article.objects.exists()


def test_a_conflict_slug_files_every_article_of_the_import_under_it(tmp_path, gazetteer):
    archive = write_archive(tmp_path / "archive")

    articles_ingest_bulk(paths=[archive], conflict="nagorno-karabakh-2020", batch_files=3)

    assert set(Article.objects.values_list("conflict__slug", flat=True)) == {"nagorno-karabakh-2020"}
