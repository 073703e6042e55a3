"""Who gets in: partner keys (header forms, revoked, expired, suspended), scopes, staff, throttling."""

from datetime import timedelta

import pytest
from django.core.cache import cache
from django.test import override_settings
from django.utils import timezone
from rest_framework.response import Response
from rest_framework.test import APIClient, APIRequestFactory
from rest_framework.views import APIView

from factcheck.testing import require_integration_services
from partners.models import Partner
from partners.services import partner_key_create, partner_key_revoke, staff_token_create
from partners.tests.fixtures import key_client
from partners.throttling import PartnerRateThrottle

pytestmark = pytest.mark.django_db

READ_URLS = [
    "/api/v1/claims/",
    "/api/v1/claims/{claim}/",
    "/api/v1/claims/{claim}/claimreview/",
    "/api/v1/claimreview/",
    "/api/v1/parties/",
    "/api/v1/parties/{party}/",
    "/api/v1/outlets/",
    "/api/v1/outlets/{outlet}/",
    "/api/v1/places/",
    "/api/v1/places/{place}/",
    "/api/v1/articles/",
    "/api/v1/articles/{article}/",
    "/api/v1/incidents/",
    "/api/v1/incidents/{incident}/",
    "/api/v1/contradictions/",
    "/api/v1/contradictions/{contradiction}/",
    "/api/v1/verdicts/",
    "/api/v1/verdicts/{verdict}/",
]
SUBMIT_URLS = ["/api/v1/claims/", "/api/v1/articles/"]
REVIEW_URLS = [
    "/api/v1/claims/{claim}/verify/",
    "/api/v1/claims/{claim}/reject/",
    "/api/v1/claims/{claim}/verdict/",
    "/api/v1/contradictions/{contradiction}/confirm/",
    "/api/v1/contradictions/{contradiction}/dismiss/",
    "/api/v1/contradictions/{contradiction}/resolve/",
]


def fill(url: str, world) -> str:
    return url.format(
        claim=world.published.pk,
        party=world.armenia.pk,
        outlet=world.outlet.pk,
        place=world.ganja.pk,
        article=world.published.article_id,
        incident=world.incident.pk,
        contradiction=world.public_contradiction.pk,
        verdict=world.verdict.pk,
    )


@pytest.mark.parametrize("url", READ_URLS)
def test_every_read_endpoint_answers_401_without_a_key(url, world, anon_client):
    response = anon_client.get(fill(url, world))
    assert response.status_code == 401
    assert response["WWW-Authenticate"] == "Api-Key"


@pytest.mark.parametrize("url", SUBMIT_URLS + REVIEW_URLS)
def test_every_write_endpoint_answers_401_without_a_key(url, world, anon_client):
    assert anon_client.post(fill(url, world), {}, format="json").status_code == 401


@pytest.mark.parametrize("url", READ_URLS)
def test_every_read_endpoint_serves_a_read_key(url, world, read_client_a):
    assert read_client_a.get(fill(url, world)).status_code == 200


@pytest.mark.parametrize("url", SUBMIT_URLS)
def test_a_read_key_cannot_submit(url, world, read_client_a):
    response = read_client_a.post(fill(url, world), {"kind": "casualty"}, format="json")
    assert response.status_code == 403
    assert "submit" in response.json()["detail"]


@pytest.mark.parametrize("url", REVIEW_URLS)
def test_partner_keys_cannot_review_even_with_submit_scope(url, world, read_client_a, client_a):
    assert read_client_a.post(fill(url, world), {}, format="json").status_code == 403
    assert client_a.post(fill(url, world), {}, format="json").status_code == 403


@pytest.mark.parametrize("method", ["put", "patch", "delete"])
def test_partners_cannot_change_or_delete_rows(method, world, client_a):
    response = getattr(client_a, method)(f"/api/v1/claims/{world.published.pk}/", {}, format="json")
    assert response.status_code in (403, 405)
    world.published.refresh_from_db()


def test_a_submit_only_key_cannot_read(world, submit_only_key_a):
    assert key_client(submit_only_key_a.key).get("/api/v1/claims/").status_code == 403


def test_the_key_is_accepted_in_the_authorization_header(world, key_a):
    client = key_client(key_a.key, header="authorization")
    assert client.get("/api/v1/claims/").status_code == 200


@pytest.mark.parametrize(
    "bad_key",
    ["nonsense", "abcdefgh.wrongsecret", "", "a" * 500, "Ω.Ω"],
    ids=["junk", "wrong", "empty", "long", "unicode"],
)
def test_an_unknown_key_gets_401(bad_key, world):
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Api-Key {bad_key}")
    assert client.get("/api/v1/claims/").status_code == 401


def test_a_wrong_secret_with_a_real_prefix_gets_401(key_a):
    prefix = key_a.api_key.prefix
    assert key_client(f"{prefix}.not-the-secret").get("/api/v1/claims/").status_code == 401


def test_a_revoked_key_gets_401(key_a, client_a):
    assert client_a.get("/api/v1/claims/").status_code == 200
    partner_key_revoke(prefix=key_a.api_key.prefix)
    response = client_a.get("/api/v1/claims/")
    assert response.status_code == 401
    assert "revoked" in response.json()["detail"]


def test_an_expired_key_gets_401(db):
    issued = partner_key_create(
        partner_name="Old partner", scopes=["read"], expiry_date=timezone.now() - timedelta(minutes=1)
    )
    response = key_client(issued.key).get("/api/v1/claims/")
    assert response.status_code == 401
    assert "expired" in response.json()["detail"]


def test_a_suspended_partner_gets_401(key_a, client_a):
    Partner.objects.filter(pk=key_a.api_key.partner_id).update(is_active=False)
    assert client_a.get("/api/v1/claims/").status_code == 401


def test_staff_sign_in_with_their_admin_session_or_a_staff_token(world, staff_client, reviewer):
    assert staff_client.get("/api/v1/claims/").status_code == 200
    token_client = APIClient()
    token_client.credentials(HTTP_AUTHORIZATION=f"Token {staff_token_create(user=reviewer)}")
    assert token_client.get("/api/v1/claims/").status_code == 200
    assert token_client.post(f"/api/v1/claims/{world.claim_a.pk}/verify/").status_code == 200


def test_a_non_staff_session_is_not_enough(world, django_user_model):
    user = django_user_model.objects.create_user(username="reader", password="x-pass-12345")
    client = APIClient()
    client.force_login(user)
    assert client.get("/api/v1/claims/").status_code == 401


def test_a_staff_token_of_a_demoted_user_gets_401(world, reviewer):
    token = staff_token_create(user=reviewer)
    reviewer.is_staff = False
    reviewer.save()
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Token {token}")
    assert client.get("/api/v1/claims/").status_code == 401


def test_any_api_view_gets_partner_auth_and_read_scope_by_default(key_a, read_key_a):
    """Views written elsewhere (the reports API) inherit the same gate without configuring it."""

    class Plain(APIView):
        def get(self, request, *args, **kwargs):
            return Response({"ok": True})

        def post(self, request, *args, **kwargs):
            return Response({"ok": True})

    view = Plain.as_view()
    factory = APIRequestFactory()
    assert view(factory.get("/x")).status_code == 401
    assert view(factory.get("/x", HTTP_X_API_KEY=read_key_a.key)).status_code == 200
    assert view(factory.post("/x", {}, HTTP_X_API_KEY=key_a.key, format="json")).status_code == 403


def _with_rate(rate: str):
    from django.conf import settings

    return override_settings(
        REST_FRAMEWORK={**settings.REST_FRAMEWORK, "DEFAULT_THROTTLE_RATES": {"partner": rate}}
    )


def test_a_partner_over_its_rate_gets_429_with_retry_after(client_a, client_b):
    with _with_rate("3/minute"):
        statuses = [client_a.get("/api/v1/parties/").status_code for _ in range(4)]
        assert statuses == [200, 200, 200, 429]
        throttled = client_a.get("/api/v1/parties/")
        assert throttled.status_code == 429
        assert 0 < int(throttled["Retry-After"]) <= 60
        # Partner B has its own bucket.
        assert client_b.get("/api/v1/parties/").status_code == 200


def test_all_keys_of_a_partner_share_one_bucket(client_a, read_client_a):
    with _with_rate("2/minute"):
        assert client_a.get("/api/v1/parties/").status_code == 200
        assert read_client_a.get("/api/v1/parties/").status_code == 200
        assert read_client_a.get("/api/v1/parties/").status_code == 429


def test_staff_are_not_throttled(staff_client):
    with _with_rate("1/minute"):
        assert [staff_client.get("/api/v1/parties/").status_code for _ in range(3)] == [200, 200, 200]


def test_guessing_keys_is_throttled_by_client_address(key_a, settings):
    settings.REST_FRAMEWORK = {
        **settings.REST_FRAMEWORK,
        "DEFAULT_THROTTLE_RATES": {
            **settings.REST_FRAMEWORK["DEFAULT_THROTTLE_RATES"],
            "bad_key": "3/minute",
        },
    }
    from rest_framework.settings import api_settings

    api_settings.reload()
    try:
        guesser = key_client("abcd1234.not-a-real-key")
        statuses = [guesser.get("/api/v1/claims/").status_code for _ in range(5)]
        assert statuses == [401, 401, 401, 429, 429]
        assert "Retry-After" in guesser.get("/api/v1/claims/").headers
        # The address is blocked, even with a valid key, until the window passes; another one is not.
        assert key_client(key_a.key).get("/api/v1/claims/").status_code == 429
        assert key_client(key_a.key).get("/api/v1/claims/", REMOTE_ADDR="10.9.8.7").status_code == 200
    finally:
        api_settings.reload()


@pytest.fixture
def redis_cache():
    """The throttle counting in Redis, as in production (CI's broker server, the worker's own db)."""
    require_integration_services()
    from django.conf import settings

    location = settings.CELERY_BROKER_URL
    with override_settings(
        CACHES={"default": {"BACKEND": "factcheck.cache.RedisCache", "LOCATION": location}}
    ):
        cache.clear()
        yield
        cache.clear()


def test_the_rate_holds_in_redis_and_the_retry_after_counts_down_the_open_window(
    redis_cache, client_a, client_b
):
    with _with_rate("3/minute"):
        statuses = [client_a.get("/api/v1/parties/").status_code for _ in range(4)]
        assert statuses == [200, 200, 200, 429]
        assert 0 < int(client_a.get("/api/v1/parties/")["Retry-After"]) <= 60
        assert client_b.get("/api/v1/parties/").status_code == 200


def test_a_bucket_whose_window_closed_lets_the_partner_in_again(client_a, monkeypatch):
    clock = [1_000.0]
    monkeypatch.setattr(PartnerRateThrottle, "timer", lambda self: clock[0])
    with _with_rate("2/minute"):
        assert [client_a.get("/api/v1/parties/").status_code for _ in range(3)] == [200, 200, 429]
        clock[0] += 30
        assert 25 <= int(client_a.get("/api/v1/parties/")["Retry-After"]) <= 31
        cache.clear()  # what the counter's expiry does when the window closes
        clock[0] += 31
        assert client_a.get("/api/v1/parties/").status_code == 200
