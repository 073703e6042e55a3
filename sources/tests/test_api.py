"""Parties, outlets, places and articles over the API: reads, filters, visibility, query counts."""

from datetime import timedelta

import pytest
from django.utils import timezone

from claims.models import Claim, ClaimStatus
from claims.tests.engine_fixtures import eager_celery  # noqa: F401
from claims.tests.factories import ClaimFactory
from partners.tests.fixtures import ids
from sources.ingestion import url_submission_fetch, url_submissions_requeue
from sources.models import Article, Outlet, Party, Place, PlaceAlias, UrlSubmission
from sources.tests.factories import ArticleFactory, OutletFactory, PartyFactory, PlaceFactory

pytestmark = pytest.mark.django_db


def test_parties_read_as_a_tree_with_aliases(world, client_a):
    body = client_a.get(f"/api/v1/parties/{world.defence_ministry.pk}/").json()
    assert body["name"] == world.defence_ministry.name
    assert body["path"][0] == world.azerbaijan.pk
    assert body["path"][-1] == world.defence_ministry.pk
    assert body["sides"] == [
        {
            "conflict": "nagorno-karabakh-2020",
            "side": "azerbaijan",
            "label": "Azerbaijan",
            "kind": "belligerent",
        }
    ]
    gazetteer = Party.objects.get(name="Government of Azerbaijan")
    assert "Baku" in client_a.get(f"/api/v1/parties/{gazetteer.pk}/").json()["aliases"]


def test_party_filters(world, client_a):
    assert ids(client_a.get("/api/v1/parties/", {"within": world.azerbaijan.pk})) == {
        world.azerbaijan.pk,
        world.defence_ministry.pk,
        world.defence_ministry.parent_id,
    }
    assert ids(client_a.get("/api/v1/parties/", {"parent": world.azerbaijan.pk})) == {
        world.defence_ministry.parent_id
    }
    assert ids(client_a.get("/api/v1/parties/", {"q": "azeri officials"})) == {
        Party.objects.get(name="Government of Azerbaijan").pk
    }
    armenian = ids(client_a.get("/api/v1/parties/", {"side": "armenia", "kind": "state", "page_size": 500}))
    assert armenian == set(
        Party.objects.filter(conflict_sides__side__slug="armenia", kind="state").values_list("pk", flat=True)
    )
    Party.objects.filter(pk=world.armenia.pk).update(updated_at=timezone.now() + timedelta(hours=1))
    assert ids(client_a.get("/api/v1/parties/", {"updated_since": timezone.now().isoformat()})) == {
        world.armenia.pk
    }
    flagged = PartyFactory(needs_review=True)
    ClaimFactory(claimant=flagged, status=ClaimStatus.VERIFIED)
    assert flagged.pk in ids(client_a.get("/api/v1/parties/", {"needs_review": "true"}))


def test_a_party_the_extractor_found_in_another_partners_unpublished_article_stays_hidden(
    world, client_a, client_b, staff_client
):
    found = PartyFactory(name="Speaker only B knows", needs_review=True)
    ClaimFactory(article=world.article_b, claimant=found, status=ClaimStatus.PENDING)
    assert found.pk not in ids(client_a.get("/api/v1/parties/", {"page_size": 500}))
    assert client_a.get(f"/api/v1/parties/{found.pk}/").status_code == 404
    assert client_a.get("/api/v1/parties/", {"within": found.pk}).status_code == 404
    assert client_b.get(f"/api/v1/parties/{found.pk}/").status_code == 200
    assert staff_client.get(f"/api/v1/parties/{found.pk}/").status_code == 200
    ClaimFactory(claimant=found, status=ClaimStatus.VERIFIED)
    assert client_a.get(f"/api/v1/parties/{found.pk}/").status_code == 200


def test_an_outlet_named_only_by_another_partners_unpublished_article_stays_hidden(world, client_a, client_b):
    secret = OutletFactory(name="Outlet only B knows", domain="b-only.example")
    ArticleFactory(outlet=secret, submitted_by=world.article_b.submitted_by)
    assert secret.pk not in ids(client_a.get("/api/v1/outlets/", {"page_size": 500}))
    assert client_a.get(f"/api/v1/outlets/{secret.pk}/").status_code == 404
    assert client_a.get("/api/v1/articles/", {"outlet": secret.pk}).status_code == 404
    assert client_b.get(f"/api/v1/outlets/{secret.pk}/").status_code == 200
    assert world.outlet.pk in ids(client_a.get("/api/v1/outlets/", {"page_size": 500}))


def test_outlets_and_their_filters(world, client_a):
    tass = OutletFactory(
        name="TASS", kind=Outlet.Kind.AGENCY, country="RU", domain="tass.com", party=world.armenia
    )
    assert client_a.get(f"/api/v1/outlets/{tass.pk}/").json()["domain"] == "tass.com"
    assert ids(client_a.get("/api/v1/outlets/", {"country": "RU"})) == {tass.pk}
    assert ids(client_a.get("/api/v1/outlets/", {"domain": "tass.com"})) == {tass.pk}
    assert ids(client_a.get("/api/v1/outlets/", {"party": world.armenia.pk})) == {tass.pk}
    assert ids(client_a.get("/api/v1/outlets/", {"q": "tas"})) == {tass.pk}
    assert tass.pk in ids(client_a.get("/api/v1/outlets/", {"kind": "agency"}))
    Outlet.objects.filter(pk=tass.pk).update(updated_at=timezone.now() + timedelta(hours=1))
    assert ids(client_a.get("/api/v1/outlets/", {"updated_since": timezone.now().isoformat()})) == {tass.pk}


def test_places_read_with_coordinates_and_transliterations(client_a):
    ganja = Place.objects.get(name="Ganja")
    Place.objects.filter(pk=ganja.pk).update(latitude="40.68280", longitude="46.36060")
    body = client_a.get(f"/api/v1/places/{ganja.pk}/").json()
    assert body["latitude"] == pytest.approx(40.6828)
    assert "Gence" in body["aliases"] or any("nc" in a for a in body["aliases"])


def test_place_filters(client_a):
    region = PlaceFactory(name="Karabakh (test)", kind=Place.Kind.REGION)
    town = PlaceFactory(name="Hadrut (test)", region=region)
    PlaceAlias.objects.create(place=town, alias="Khadrutt")
    assert ids(client_a.get("/api/v1/places/", {"region": region.pk})) == {town.pk}
    assert ids(client_a.get("/api/v1/places/", {"q": "khadrutt"})) == {town.pk}
    assert region.pk in ids(client_a.get("/api/v1/places/", {"kind": "region"}))
    Place.objects.filter(pk=town.pk).update(updated_at=timezone.now() + timedelta(hours=1))
    assert ids(client_a.get("/api/v1/places/", {"updated_since": timezone.now().isoformat()})) == {town.pk}


def test_articles_a_partner_sees(world, client_a, client_b, staff_client):
    seen_by_a = ids(client_a.get("/api/v1/articles/"))
    assert world.article_a.pk in seen_by_a
    assert world.published.article_id in seen_by_a
    assert world.article_b.pk not in seen_by_a
    assert client_a.get(f"/api/v1/articles/{world.article_b.pk}/").status_code == 404
    assert world.article_b.pk in ids(client_b.get("/api/v1/articles/"))
    assert ids(staff_client.get("/api/v1/articles/")) == set(Article.objects.values_list("pk", flat=True))


def test_another_partners_article_becomes_visible_once_a_claim_from_it_is_published(world, client_a):
    Claim.objects.filter(pk=world.claim_b.pk).update(status=ClaimStatus.VERIFIED)
    assert client_a.get(f"/api/v1/articles/{world.article_b.pk}/").status_code == 200


def test_article_detail_has_the_body_and_the_list_does_not(world, client_a):
    detail = client_a.get(f"/api/v1/articles/{world.article_a.pk}/").json()
    assert detail["body"] == world.article_a.body
    assert detail["status"] == "received"
    listed = client_a.get("/api/v1/articles/").json()["results"][0]
    assert "body" not in listed


def test_article_filters(world, client_a):
    old = ArticleFactory(
        outlet=OutletFactory(name="Azertac (test)"),
        title="Hadrut liberated",
        language="az",
        status=Article.Status.EXTRACTED,
        published_at=timezone.now() - timedelta(days=10),
    )
    assert ids(client_a.get("/api/v1/articles/", {"outlet": old.outlet_id})) == {old.pk}
    assert ids(client_a.get("/api/v1/articles/", {"language": "az"})) == {old.pk}
    assert ids(client_a.get("/api/v1/articles/", {"status": "extracted"})) == {old.pk}
    assert ids(client_a.get("/api/v1/articles/", {"q": "HADRUT"})) == {old.pk}
    cutoff = (timezone.now() - timedelta(days=1)).isoformat()
    assert ids(client_a.get("/api/v1/articles/", {"published_at__lte": cutoff})) == {old.pk}
    assert old.pk not in ids(client_a.get("/api/v1/articles/", {"published_at__gte": cutoff}))
    Article.objects.filter(pk=old.pk).update(updated_at=timezone.now() + timedelta(hours=1))
    assert ids(client_a.get("/api/v1/articles/", {"updated_since": timezone.now().isoformat()})) == {old.pk}


def test_article_filters_never_reveal_another_partners_submission(world, client_a):
    for params in ({"outlet": world.outlet.pk}, {"q": "secret"}, {"status": "received"}):
        assert world.article_b.pk not in ids(client_a.get("/api/v1/articles/", params))


@pytest.mark.parametrize("rows", [1, 100])
@pytest.mark.parametrize(
    ("url", "make", "queries"),
    [
        ("/api/v1/parties/", lambda n: PartyFactory.create_batch(n), 4),  # key, page, aliases, sides
        ("/api/v1/outlets/", lambda n: OutletFactory.create_batch(n), 2),
        ("/api/v1/places/", lambda n: PlaceFactory.create_batch(n), 3),  # key, page, aliases
        ("/api/v1/articles/", lambda n: ArticleFactory.create_batch(n), 2),
    ],
    ids=["parties", "outlets", "places", "articles"],
)
def test_list_query_counts_are_pinned(url, make, queries, rows, client_a, django_assert_num_queries):
    since = timezone.now().isoformat()  # leaves out the starter gazetteer
    make(rows)
    with django_assert_num_queries(queries):
        response = client_a.get(url, {"page_size": 100, "updated_since": since})
    assert len(response.json()["results"]) == rows


# --- submitting a URL -------------------------------------------------------------------------------


@pytest.fixture
def submit_url(client_a, gazetteer, eager_celery, django_capture_on_commit_callbacks):  # noqa: F811
    def post(url, **fields):
        with django_capture_on_commit_callbacks(execute=True):
            return client_a.post("/api/v1/articles/", {"url": url, **fields}, format="json")

    return post


def test_a_url_alone_is_queued_then_fetched_by_a_worker_and_its_claims_extracted(
    web, submit_url, client_a, partner_a
):
    response = submit_url(web.url("/news/ganja-strike"))
    assert response.status_code == 202, response.content
    accepted = response.json()
    assert (accepted["id"], accepted["status"], accepted["claims_url"]) == (None, "queued", None)
    assert response["Location"] == accepted["status_url"]

    submission = client_a.get(accepted["status_url"]).json()
    assert (submission["status"], submission["error"]) == ("fetched", "")
    article = Article.objects.get(pk=submission["article"])
    assert client_a.get(submission["article_url"]).json()["id"] == article.pk
    assert (article.title, article.outlet.name, article.submitted_by) == (
        "Missile strike hits Ganja homes",
        "Kura Valley Post",
        partner_a,
    )
    claims = client_a.get("/api/v1/claims/", {"article": article.pk}).json()["results"]
    assert [(c["kind"], c["killed_min"]) for c in claims] == [("casualty", 9)]


def test_given_metadata_wins_over_the_pages(web, submit_url, client_a):
    response = submit_url(web.url("/news/ganja-strike"), title="Ganja", outlet="Partner Desk", language="ru")
    article = Article.objects.get(pk=client_a.get(response.json()["status_url"]).json()["article"])
    assert (article.title, article.outlet.name, article.language) == ("Ganja", "Partner Desk", "ru")


def test_a_url_already_stored_answers_with_its_article_without_fetching(web, submit_url):
    first = submit_url(web.url("/news/ganja-strike"))
    requests_after_first = len(web.requests)
    article = UrlSubmission.objects.get().article

    again = submit_url(web.url("/news/ganja-strike"))

    assert again.status_code == 202
    assert (again.json()["id"], again.json()["created"]) == (article.pk, False)
    assert first.json()["status_url"] != again.json()["status_url"]
    assert len(web.requests) == requests_after_first
    assert UrlSubmission.objects.count() == 1


@pytest.mark.parametrize(
    ("path", "message"),
    [
        ("/image", "sent image/png"),
        ("/huge", "over the limit of 16384 bytes"),
        ("/slow", "timed out"),
        ("/loop-a", "redirect loop"),
        ("/to-private", "resolves to 10.0.0.1, which is not a public internet address"),
        ("/empty", "The article body is empty."),
    ],
)
def test_a_page_that_cannot_be_fetched_fails_its_submission_with_the_reason(
    web, submit_url, client_a, path, message
):
    response = submit_url(web.url(path))
    assert response.status_code == 202

    submission = client_a.get(response.json()["status_url"]).json()
    assert submission["status"] == "failed"
    assert message in submission["error"]
    assert (submission["article"], submission["article_url"]) == (None, None)
    assert not Article.objects.exists()


def test_a_submission_is_seen_only_by_the_partner_who_made_it(web, submit_url, client_b):
    status_url = submit_url(web.url("/news/ganja-strike")).json()["status_url"]
    response = client_b.get(status_url)
    assert response.status_code == 404


def test_fetching_a_submission_twice_changes_nothing(web, submit_url):
    submit_url(web.url("/news/ganja-strike"))
    submission = UrlSubmission.objects.get()
    before = (submission.status, submission.article_id, submission.updated_at, Article.objects.count())

    assert url_submission_fetch(submission_id=submission.pk) is None

    submission.refresh_from_db()
    assert (
        submission.status,
        submission.article_id,
        submission.updated_at,
        Article.objects.count(),
    ) == before


@pytest.mark.usefixtures("gazetteer", "eager_celery")
def test_a_submission_still_queued_after_five_minutes_is_sent_again(web, django_capture_on_commit_callbacks):
    stuck = UrlSubmission.objects.create(url=web.url("/news/ganja-strike"))  # its message was lost
    UrlSubmission.objects.filter(pk=stuck.pk).update(updated_at=timezone.now() - timedelta(minutes=6))
    fresh = UrlSubmission.objects.create(url=web.url("/news/hadrut"))

    with django_capture_on_commit_callbacks(execute=True):
        assert url_submissions_requeue() == 1

    stuck.refresh_from_db()
    fresh.refresh_from_db()
    assert (stuck.status, fresh.status) == ("fetched", "queued")


def test_a_private_url_is_refused_without_a_request(submit_url, fetch_settings):
    fetch_settings.FACTCHECK_FETCH_ALLOW_PRIVATE_HOSTS = []
    response = submit_url("http://127.0.0.1:8000/admin/")
    assert response.status_code == 422
    assert "not a public internet address" in response.json()["url"][0]


def test_a_submission_needs_a_body_html_or_url(client_a):
    response = client_a.post("/api/v1/articles/", {"title": "Nothing"}, format="json")
    assert response.status_code == 400
    assert "only its url to fetch it" in response.json()["body"][0]


def test_the_beat_entry_that_resends_queued_submissions_is_installed_by_migration():
    from django_celery_beat.models import PeriodicTask

    task = PeriodicTask.objects.get(name="sources: re-send queued URL submissions")
    assert (task.task, task.queue, task.interval.every, task.interval.period) == (
        "sources.tasks.requeue_url_submissions",
        "extraction",
        5,
        "minutes",
    )


def test_a_url_already_stored_answers_202_with_its_article_before_any_dns_look_up(
    client_a, partner_a, monkeypatch
):
    article = ArticleFactory(url="https://gone-outlet.invalid/news/ganja", submitted_by=partner_a)

    def no_dns(host, port):
        raise AssertionError(f"resolved {host} for a URL that is already stored")

    monkeypatch.setattr("sources.url_guard.host_resolve", no_dns)
    response = client_a.post(
        "/api/v1/articles/", {"url": "https://GONE-outlet.invalid/news/ganja/?utm_source=x"}, format="json"
    )
    assert response.status_code == 202, response.content
    assert (response.json()["id"], response.json()["created"]) == (article.pk, False)
    assert not UrlSubmission.objects.exists()


def test_an_article_whose_extraction_message_was_lost_is_extracted_by_the_sweep(
    client_a,
    gazetteer,
    eager_celery,  # noqa: F811
    django_capture_on_commit_callbacks,
):
    from django_celery_beat.models import PeriodicTask

    from sources.ingestion import articles_extraction_requeue

    # Submitted while the broker was down: the 202 went out, the message did not.
    with django_capture_on_commit_callbacks(execute=False):
        response = client_a.post(
            "/api/v1/articles/",
            {
                "body": "A missile hit Ganja, killing nine people.",
                "url": "https://lost.example/1",
                "outlet": "Lost Wire",
            },
            format="json",
        )
    assert response.status_code == 202
    lost = Article.objects.get(pk=response.json()["id"])
    fresh = ArticleFactory(status=Article.Status.RECEIVED)
    Article.objects.filter(pk=lost.pk).update(updated_at=timezone.now() - timedelta(minutes=10))

    with django_capture_on_commit_callbacks(execute=True):
        assert articles_extraction_requeue() == 1

    lost.refresh_from_db()
    fresh.refresh_from_db()
    assert (lost.status, fresh.status) == ("extracted", "received")
    assert lost.claims.filter(killed_min=9).exists()
    task = PeriodicTask.objects.get(name="sources: re-send lost extractions")
    assert (task.task, task.queue, task.interval.every) == (
        "sources.tasks.requeue_extractions",
        "extraction",
        5,
    )
