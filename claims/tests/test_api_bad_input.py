"""Bad input is a 4xx whose message names the field, never a 500, and nothing is half-written."""

import base64
from urllib.parse import quote

import pytest
from django.test import override_settings

from claims.models import Claim
from partners.tests.fixtures import ids
from sources.models import Article

pytestmark = pytest.mark.django_db


def _cursor(raw: str) -> str:
    return quote(base64.b64encode(raw.encode()).decode())


def test_malformed_json_is_a_400(world, client_a):
    response = client_a.generic(
        "POST", "/api/v1/claims/", '{"kind": "casualty",', content_type="application/json"
    )
    assert response.status_code == 400
    assert "JSON parse error" in response.json()["detail"]


def test_a_body_that_is_not_utf8_is_a_400(world, client_a):
    response = client_a.generic(
        "POST", "/api/v1/claims/", b'{"kind": "\xff"}', content_type="application/json"
    )
    assert response.status_code == 400


def test_a_json_array_instead_of_an_object_is_a_400(world, client_a):
    response = client_a.post("/api/v1/claims/", [1, 2], format="json")
    assert response.status_code == 400
    assert "non_field_errors" in response.json()


@pytest.mark.parametrize(
    ("change", "field"),
    [
        ({"killed_min": "nine"}, "killed_min"),
        ({"killed_min": 9.5}, "killed_min"),
        ({"killed_min": -1}, "killed_min"),
        ({"wounded_max": -34}, "wounded_max"),
        ({"killed_min": 2**40}, "killed_min"),
        ({"claimant": "Azerbaijan"}, "claimant"),
        ({"claimant": 999_999}, "claimant"),
        ({"place": 999_999}, "place"),
        ({"article": 999_999}, "article"),
        ({"kind": "rumour"}, "kind"),
        ({"kind": 5}, "kind"),
        ({"quote": 12}, "quote"),
        ({"stated_at": "last tuesday"}, "stated_at"),
        ({"victim_group": ["civilian"]}, "victim_group"),
    ],
)
def test_bad_claim_fields_are_named_and_nothing_is_saved(change, field, world, client_a):
    before = Claim.objects.count()
    payload = {"kind": "casualty", "claimant": world.armenia.pk, "killed_min": 9, **change}
    response = client_a.post("/api/v1/claims/", payload, format="json")
    assert response.status_code == 400, response.content
    assert field in response.json()
    assert Claim.objects.count() == before


@pytest.mark.parametrize(
    ("params", "field"),
    [
        ({"kind": "rumour"}, "kind"),
        ({"status": "published"}, "status"),
        ({"claimant": "Azerbaijan"}, "claimant"),
        ({"outlet": "x"}, "outlet"),
        ({"killed_min__gte": -5}, "killed_min__gte"),
        ({"killed_min__gte": "many"}, "killed_min__gte"),
        ({"killed_max__lte": 1.5}, "killed_max__lte"),
        ({"stated_at__gte": "not a date"}, "stated_at__gte"),
        ({"updated_since": "yesterday"}, "updated_since"),
        ({"has_verdict": "perhaps"}, "has_verdict"),
        ({"q": "x" * 201}, "q"),
        ({"q": "nine\x00"}, "q"),
        ({"ordering": "quote"}, "ordering"),
        ({"ordering": "-nonsense"}, "ordering"),
        ({"page_size": 0}, "page_size"),
        ({"page_size": 501}, "page_size"),
        ({"page_size": "all"}, "page_size"),
    ],
)
def test_bad_claim_filter_values_are_a_400_naming_the_parameter(params, field, world, client_a):
    response = client_a.get("/api/v1/claims/", params)
    assert response.status_code == 400, response.content
    assert field in response.json()


@pytest.mark.parametrize(
    ("url", "params", "field"),
    [
        ("/api/v1/contradictions/", {"kind": "disagreement"}, "kind"),
        ("/api/v1/contradictions/", {"score__gte": 2}, "score__gte"),
        ("/api/v1/contradictions/", {"detected_at__gte": "soon"}, "detected_at__gte"),
        ("/api/v1/incidents/", {"grade": "excellent"}, "grade"),
        ("/api/v1/incidents/", {"killed_high__gte": -1}, "killed_high__gte"),
        ("/api/v1/verdicts/", {"rating": "pants on fire"}, "rating"),
        ("/api/v1/outlets/", {"country": "ARM"}, "country"),
        ("/api/v1/places/", {"region": "x"}, "region"),
        ("/api/v1/articles/", {"status": "lost"}, "status"),
        ("/api/v1/articles/", {"published_at__gte": "x"}, "published_at__gte"),
        ("/api/v1/claimreview/", {"rating": "x"}, "rating"),
    ],
)
def test_bad_filter_values_on_every_list_name_the_parameter(url, params, field, world, client_a):
    response = client_a.get(url, params)
    assert response.status_code == 400, response.content
    assert field in response.json()


@pytest.mark.parametrize(
    ("url", "params", "field"),
    [
        ("/api/v1/claims/", {"claimant": 999_999}, "claimant"),
        ("/api/v1/claims/", {"accused": -1}, "accused"),
        ("/api/v1/claims/", {"place": 999_999}, "place"),
        ("/api/v1/claims/", {"article": 999_999, "kind": "casualty"}, "article"),
        ("/api/v1/contradictions/", {"party": 999_999}, "party"),
        ("/api/v1/parties/", {"within": 999_999}, "within"),
        ("/api/v1/incidents/", {"place": 999_999}, "place"),
        ("/api/v1/parties/", {"side": "neutral"}, "side"),
        ("/api/v1/claims/", {"conflict": "atlantis-1999"}, "conflict"),
        ("/api/v1/places/", {"conflict": "atlantis-1999"}, "conflict"),
    ],
)
def test_a_filter_on_an_unknown_id_is_a_404_naming_the_parameter(url, params, field, world, client_a):
    response = client_a.get(url, params)
    assert response.status_code == 404, response.content
    assert field in response.json()


def test_a_bad_value_next_to_an_unknown_id_is_a_400(world, client_a):
    response = client_a.get("/api/v1/claims/", {"claimant": 999_999, "kind": "rumour"})
    assert response.status_code == 400
    assert set(response.json()) == {"claimant", "kind"}


@pytest.mark.parametrize(
    "cursor",
    [
        "garbage",
        _cursor("p=not-a-date"),
        _cursor("o=-5"),
        _cursor("r=1&p=2020-13-45T99:00:00"),
        "%FF%FE",
    ],
    ids=["garbage", "bad-position", "negative-offset", "impossible-date", "bytes"],
)
@pytest.mark.parametrize(
    "url", ["/api/v1/claims/", "/api/v1/contradictions/", "/api/v1/verdicts/", "/api/v1/articles/"]
)
def test_invalid_cursors_are_a_400_naming_the_cursor(url, cursor, world, client_a):
    response = client_a.get(f"{url}?cursor={cursor}")
    assert response.status_code == 400, response.content
    assert "cursor" in response.json()


@pytest.mark.parametrize(
    "url", ["/api/v1/claims/", "/api/v1/parties/", "/api/v1/outlets/", "/api/v1/places/"]
)
def test_odd_but_well_formed_cursors_never_fail(url, world, client_a):
    for raw in ("o=99999999999999999999", "p=" + "z" * 300, "p=\u2603&r=1", "p=-1&o=3"):
        assert client_a.get(f"{url}?cursor={_cursor(raw)}").status_code in (200, 400), raw


@override_settings(DATA_UPLOAD_MAX_MEMORY_SIZE=1000)
@pytest.mark.parametrize("fmt", ["json", "multipart"])
def test_an_oversized_body_is_a_413_and_nothing_is_stored(fmt, world, client_a):
    before = Article.objects.count()
    response = client_a.post("/api/v1/articles/", {"body": "nine killed. " * 200}, format=fmt)
    assert response.status_code == 413
    assert "limit" in response.json()["detail"]
    assert Article.objects.count() == before


@override_settings(DATA_UPLOAD_MAX_MEMORY_SIZE=1000)
def test_an_oversized_form_body_is_a_413(world, client_a):
    response = client_a.generic(
        "POST",
        "/api/v1/claims/",
        "quote=" + "x" * 2000,
        content_type="application/x-www-form-urlencoded",
    )
    assert response.status_code == 413


def test_an_oversized_article_text_under_the_body_limit_names_the_field(world, client_a, settings):
    settings.FACTCHECK_MAX_ARTICLE_BYTES = 100
    response = client_a.post("/api/v1/articles/", {"body": "nine killed. " * 20}, format="json")
    assert response.status_code == 400
    assert "body" in response.json()


def test_unknown_ids_on_detail_routes_are_404(world, client_a):
    for url in (
        "/api/v1/claims/999999/",
        "/api/v1/claims/abc/",
        "/api/v1/contradictions/999999/",
        "/api/v1/parties/999999/",
        "/api/v1/articles/999999/",
        "/api/v1/claims/999999/claimreview/",
        "/api/v1/claims/null/claimreview/",
        "/api/v1/claims/1.5/claimreview/",
        "/api/v1/claims/99999999999999999999/",
        "/api/v1/claims/99999999999999999999/claimreview/",
        "/api/v1/incidents/abc/",
    ):
        assert client_a.get(url).status_code == 404, url


def test_an_unsupported_version_is_a_404(world, client_a):
    assert client_a.get("/api/v2/claims/").status_code == 404


def test_a_time_filter_with_an_offset_postgresql_cannot_store_is_compared_in_utc(world, client_a):
    # ISO 8601 allows +16:40; PostgreSQL refuses offsets past 15:59, so the filter compares in UTC.
    response = client_a.get("/api/v1/outlets/", {"updated_since": "2020-10-11T09:00:00+16:40"})
    assert response.status_code == 200
    assert client_a.get("/api/v1/outlets/").status_code == 200


def test_an_empty_filter_value_filters_nothing_and_the_schema_says_so(world, client_a, client):
    assert ids(client_a.get("/api/v1/contradictions/", {"status": ""})) == ids(
        client_a.get("/api/v1/contradictions/")
    )
    spec = client.get("/api/schema/?format=json").json()
    status = next(
        p for p in spec["paths"]["/api/v1/contradictions/"]["get"]["parameters"] if p["name"] == "status"
    )
    assert status["allowEmptyValue"] is True


@pytest.mark.parametrize(
    ("change", "field"),
    [
        ({"killed_min": "9"}, "killed_min"),
        ({"killed_max": True}, "killed_max"),
        ({"quote_start": "0"}, "quote_start"),
        ({"claimant": "1"}, "claimant"),
        ({"place": True}, "place"),
    ],
)
def test_numbers_in_a_json_body_must_be_json_numbers(change, field, world, client_a):
    body = {"kind": "casualty", "claimant": world.armenia.pk, "killed_min": 9, "killed_max": 9, **change}
    response = client_a.post("/api/v1/claims/", body, format="json")
    assert response.status_code == 400, response.content
    assert field in response.json()


def test_a_form_body_still_carries_numbers_as_text(world, client_a):
    body = {"kind": "casualty", "claimant": str(world.armenia.pk), "killed_min": "9", "killed_max": "9"}
    response = client_a.post("/api/v1/claims/", body, format="multipart")
    assert response.status_code == 201, response.content
    assert response.json()["killed_min"] == 9


def test_an_empty_form_field_that_may_not_be_blank_is_a_400_as_in_json(world, client_a):
    body = {"body": "Nine people were killed.", "html": "", "url": "https://blank.example/1"}
    response = client_a.post("/api/v1/articles/", body, format="multipart")
    assert response.status_code == 400
    assert "html" in response.json()
