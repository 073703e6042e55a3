"""The reviewer admin for parties, places, outlets and articles."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from claims.tests.engine_fixtures import eager_celery  # noqa: F401
from claims.tests.factories import ClaimFactory
from review.tests.helpers import (
    ESCAPED_SCRIPT,
    SCRIPT,
    assert_page_queries_pinned,
    csrf_client,
    csrf_token,
    make_reviewer,
)
from sources.models import Article, FeedEntry, Party, PartyAlias, Place
from sources.services import party_create
from sources.tests.factories import (
    ArticleFactory,
    FeedEntryFactory,
    FeedFactory,
    OutletFactory,
    PartyFactory,
    PlaceFactory,
    UrlSubmissionFactory,
)

pytestmark = pytest.mark.django_db

PARTIES = reverse("admin:sources_party_changelist")
PLACES = reverse("admin:sources_place_changelist")
OUTLETS = reverse("admin:sources_outlet_changelist")
ARTICLES = reverse("admin:sources_article_changelist")
FEEDS = reverse("admin:sources_feed_changelist")
FEED_ENTRIES = reverse("admin:sources_feedentry_changelist")
URL_SUBMISSIONS = reverse("admin:sources_urlsubmission_changelist")


@pytest.fixture
def reviewer_client(reviewer):
    return csrf_client(make_reviewer(reviewer))


@pytest.fixture
def admin_client_(superuser, client):
    client.force_login(superuser)
    return client


def _make_parties(n):
    for _ in range(n):
        party_create(
            name=f"Party {Party.objects.count()} x", aliases=["alias one " + str(Party.objects.count())]
        )


def _make_places(n):
    from sources.models import PlaceAlias

    for _ in range(n):
        place = PlaceFactory()
        PlaceAlias.objects.create(place=place, alias=f"{place.name} alias")


def _make_url_submissions(n):
    from partners.models import Partner

    partner = Partner.objects.create(name=f"Desk {Partner.objects.count()}")
    UrlSubmissionFactory.create_batch(n, submitted_by=partner, article=ArticleFactory())


@pytest.mark.parametrize(
    ("url", "make", "pinned"),
    [
        (PARTIES, _make_parties, 7),
        (PLACES, _make_places, 6),
        (OUTLETS, lambda n: OutletFactory.create_batch(n, party=PartyFactory()), 5),
        (ARTICLES, lambda n: ArticleFactory.create_batch(n), 5),
        (FEEDS, lambda n: FeedFactory.create_batch(n, outlet=OutletFactory()), 5),
        (FEED_ENTRIES, lambda n: FeedEntryFactory.create_batch(n, article=ArticleFactory()), 5),
        (URL_SUBMISSIONS, _make_url_submissions, 5),
    ],
    ids=["parties", "places", "outlets", "articles", "feeds", "feed entries", "url submissions"],
)
def test_changelist_runs_the_same_queries_for_one_row_and_a_full_page(
    admin_client_, django_assert_num_queries, url, make, pinned
):
    assert_page_queries_pinned(admin_client_, django_assert_num_queries, url=url, make=make, pinned=pinned)


def test_party_list_is_the_tree_in_order_with_aliases(admin_client_):
    root = party_create(name="Rootland", aliases=["Rootlanders"])
    child = party_create(name="Rootland Army", parent=root)
    response = admin_client_.get(f"{PARTIES}?q=Rootland")
    rows = list(response.context["cl"].result_list)
    assert rows == [root, child]
    html = response.content.decode()
    assert "Rootlanders" in html
    assert 'padding-left: 1.5em">Rootland Army' in html


def test_adding_a_party_in_the_admin_sets_its_tree_path_and_name_alias(reviewer_client):
    parent = party_create(name="Rootland")
    url = reverse("admin:sources_party_add")
    token = csrf_token(reviewer_client, url)
    response = reviewer_client.post(
        url,
        {
            "name": "Rootland Navy",
            "kind": "armed_force",
            "parent": parent.pk,
            "description": "",
            "aliases-TOTAL_FORMS": "1",
            "aliases-INITIAL_FORMS": "0",
            "aliases-0-alias": "the fleet",
            "csrfmiddlewaretoken": token,
        },
    )
    assert response.status_code == 302
    navy = Party.objects.get(name="Rootland Navy")
    assert navy.tree_path == f"{parent.tree_path}{navy.pk}/"
    assert set(navy.aliases.values_list("alias", flat=True)) == {"Rootland Navy", "the fleet"}


def _party_form(party, **overrides):
    data = {
        "name": party.name,
        "kind": party.kind,
        "parent": party.parent_id or "",
        "description": party.description,
        "aliases-TOTAL_FORMS": "0",
        "aliases-INITIAL_FORMS": "0",
    }
    if party.needs_review:
        data["needs_review"] = "on"
    data.update(overrides)
    return data


def test_moving_a_party_in_the_admin_rewrites_its_subtree(reviewer_client):
    old_parent = party_create(name="Old parent")
    new_parent = party_create(name="New parent")
    party = party_create(name="Moving party", parent=old_parent)
    grandchild = party_create(name="Moving party's office", parent=party)
    url = reverse("admin:sources_party_change", args=[party.pk])
    token = csrf_token(reviewer_client, url)
    response = reviewer_client.post(
        url, {**_party_form(party, parent=new_parent.pk, description="moved"), "csrfmiddlewaretoken": token}
    )
    assert response.status_code == 302
    party.refresh_from_db()
    grandchild.refresh_from_db()
    assert party.description == "moved"
    assert party.tree_path == f"{new_parent.tree_path}{party.pk}/"
    assert grandchild.tree_path == f"{party.tree_path}{grandchild.pk}/"


def test_a_party_cannot_be_put_under_its_own_sub_party(reviewer_client):
    party = party_create(name="Top party")
    child = party_create(name="Sub party", parent=party)
    url = reverse("admin:sources_party_change", args=[party.pk])
    token = csrf_token(reviewer_client, url)
    response = reviewer_client.post(
        url, {**_party_form(party, parent=child.pk), "csrfmiddlewaretoken": token}
    )
    assert response.status_code == 200
    assert "cannot sit under itself" in response.content.decode()


def test_an_alias_owned_by_another_party_is_refused(reviewer_client):
    party_create(name="First party", aliases=["Baku officials test"])
    second = party_create(name="Second party")
    url = reverse("admin:sources_party_change", args=[second.pk])
    token = csrf_token(reviewer_client, url)
    response = reviewer_client.post(
        url,
        {
            **_party_form(second),
            "aliases-TOTAL_FORMS": "1",
            "aliases-0-alias": "baku  OFFICIALS test",
            "csrfmiddlewaretoken": token,
        },
    )
    assert response.status_code == 200
    assert "already an alias of First party" in response.content.decode()


def test_merge_action_asks_which_party_stays_then_merges(reviewer_client):
    target = party_create(name="Keep me")
    other = party_create(name="Fold me")
    claim = ClaimFactory(claimant=other)
    token = csrf_token(reviewer_client, PARTIES)
    ids = [str(target.pk), str(other.pk)]
    asked = reviewer_client.post(
        PARTIES, {"action": "merge_parties", "_selected_action": ids, "csrfmiddlewaretoken": token}
    )
    assert asked.status_code == 200
    assert "Merge parties" in asked.content.decode()
    done = reviewer_client.post(
        PARTIES,
        {
            "action": "merge_parties",
            "_selected_action": ids,
            "apply": "1",
            "target": target.pk,
            "csrfmiddlewaretoken": token,
        },
    )
    assert done.status_code == 302
    claim.refresh_from_db()
    assert claim.claimant == target
    assert PartyAlias.objects.filter(party=target, alias="Fold me").exists()


def test_party_history_page_shows_changes(reviewer_client, reviewer):
    party = party_create(name="Audited party")
    url = reverse("admin:sources_party_change", args=[party.pk])
    token = csrf_token(reviewer_client, url)
    reviewer_client.post(
        url, {**_party_form(party, description="now described"), "csrfmiddlewaretoken": token}
    )
    html = reviewer_client.get(reverse("admin:sources_party_history", args=[party.pk])).content.decode()
    assert reviewer.username in html
    assert "Description" in html


def test_a_reviewer_cannot_delete_parties_places_or_articles(reviewer_client):
    party = PartyFactory()
    place = PlaceFactory()
    article = ArticleFactory()
    for name, obj in (("party", party), ("place", place), ("article", article)):
        assert reviewer_client.get(reverse(f"admin:sources_{name}_delete", args=[obj.pk])).status_code == 403
    assert Party.objects.filter(pk=party.pk).exists()
    assert Place.objects.filter(pk=place.pk).exists()
    assert Article.objects.filter(pk=article.pk).exists()


def test_article_text_and_titles_are_escaped(admin_client_):
    article = ArticleFactory(title=f"Title {SCRIPT}", body=f"Body with {SCRIPT} inside.")
    for url in (ARTICLES, reverse("admin:sources_article_change", args=[article.pk])):
        html = admin_client_.get(url).content.decode()
        assert SCRIPT not in html, url
        assert ESCAPED_SCRIPT in html, url


def test_party_and_place_names_are_escaped(admin_client_):
    party_create(name=f"Party {SCRIPT}")
    PlaceFactory(name=f"Place {SCRIPT}")
    for url in (PARTIES, PLACES):
        html = admin_client_.get(url).content.decode()
        assert SCRIPT not in html, url


def test_place_aliases_are_shown_and_searchable(admin_client_):
    from sources.models import PlaceAlias

    place = PlaceFactory(name="Testkendi")
    PlaceAlias.objects.create(place=place, alias="Testakert")
    response = admin_client_.get(f"{PLACES}?q=Testakert")
    assert list(response.context["cl"].result_list) == [place]


# --- Ingesting an article from the admin ------------------------------------------------------------

INGEST = reverse("admin:sources_article_add")
PASTED = (
    "Azerbaijan's Prosecutor General's Office said a missile strike on Ganja killed nine civilians "
    "and wounded 34 on Sunday."
)


@pytest.fixture
def ingest(client, eager_celery, gazetteer, django_capture_on_commit_callbacks):  # noqa: F811
    def post(client_, **fields):
        data = {"language": "en", "published_at": "2020-10-11 09:30", **fields}
        with django_capture_on_commit_callbacks(execute=True):
            return client_.post(INGEST, data)

    return post


def test_a_pasted_article_is_ingested_and_its_claims_extracted(admin_client_, ingest):
    response = ingest(admin_client_, title="Strike on Ganja", outlet="Caspian Wire", body=PASTED)
    article = Article.objects.get(title="Strike on Ganja")
    assert response.status_code == 302
    assert response["Location"] == reverse("admin:sources_article_change", args=[article.pk])
    assert article.outlet.name == "Caspian Wire"
    claim = article.claims.get()
    assert (claim.killed_min, claim.killed_max, claim.status) == (9, 9, "pending")


def test_pasting_the_same_article_twice_changes_nothing(admin_client_, ingest):
    ingest(admin_client_, title="Strike on Ganja", body=PASTED)
    counts = (Article.objects.count(), ClaimFactory._meta.model.objects.count())
    response = ingest(admin_client_, title="Strike on Ganja again", body=PASTED)
    assert response.status_code == 302
    assert counts == (Article.objects.count(), ClaimFactory._meta.model.objects.count())


def test_an_empty_paste_is_refused_with_a_message_and_stores_nothing(admin_client_, ingest):
    response = ingest(admin_client_, title="Nothing here", body="   ")
    assert response.status_code == 200
    assert (
        "Paste the article&#x27;s text or its HTML, or give its URL to fetch it." in response.content.decode()
    )
    assert not Article.objects.exists()


def test_a_bad_date_is_refused_by_the_form(admin_client_, ingest):
    response = ingest(admin_client_, body=PASTED, published_at="the eleventh")
    assert response.status_code == 200
    assert not Article.objects.exists()


def test_a_reviewer_may_ingest_articles_with_a_csrf_token(reviewer_client, ingest):
    assert ingest(reviewer_client, title="No token", body=PASTED).status_code == 403
    token = csrf_token(reviewer_client, INGEST)
    response = ingest(reviewer_client, title="From a reviewer", body=PASTED, csrfmiddlewaretoken=token)
    assert response.status_code == 302
    assert Article.objects.filter(title="From a reviewer").exists()


# --- Ingesting from a URL, and feeds ----------------------------------------------------------------


def test_an_article_is_added_from_its_url_alone(admin_client_, ingest, web):
    response = ingest(admin_client_, url=web.url("/news/ganja-strike"), published_at="", language="")
    article = Article.objects.get()
    assert response.status_code == 302
    assert (article.title, article.outlet.name, article.language) == (
        "Missile strike hits Ganja homes",
        "Kura Valley Post",
        "en",
    )
    assert article.claims.get().claimant.name == "Prosecutor General of Azerbaijan"


def test_a_url_that_cannot_be_fetched_shows_why_and_stores_nothing(admin_client_, ingest, web):
    response = ingest(admin_client_, url=web.url("/to-metadata"))
    assert response.status_code == 200
    assert "169.254.169.254, which is not a public internet address" in response.content.decode()
    assert not Article.objects.exists()


def test_the_feed_list_shows_polls_failures_and_the_last_error(admin_client_):
    FeedFactory(title="Broken feed", consecutive_failures=3, last_error="https://x.example/rss: HTTP 500")
    page = admin_client_.get(FEEDS).content.decode()
    assert "Broken feed" in page
    assert "https://x.example/rss: HTTP 500" in page


def test_poll_now_reads_the_feed_at_once(
    admin_client_,
    web,
    gazetteer,
    eager_celery,  # noqa: F811
    django_capture_on_commit_callbacks,
):
    feed = FeedFactory(url=web.url("/fresh.rss"), next_poll_at=timezone.now() + timedelta(days=1))
    with django_capture_on_commit_callbacks(execute=True):
        response = admin_client_.post(FEEDS, {"action": "poll_now", "_selected_action": [feed.pk]})
    assert response.status_code == 302
    entry = FeedEntry.objects.get(feed=feed)
    assert entry.article.claims.exists()
    assert entry.link == web.url("/news/ganja-strike")


def test_feed_entries_are_read_only(admin_client_):
    entry = FeedEntryFactory(status=FeedEntry.Status.FAILED, error="https://x.example/a: timed out")
    assert "timed out" in admin_client_.get(FEED_ENTRIES).content.decode()
    assert admin_client_.get(reverse("admin:sources_feedentry_add")).status_code == 403
    change = reverse("admin:sources_feedentry_change", args=[entry.pk])
    assert admin_client_.post(change, {"error": "changed"}).status_code == 403
