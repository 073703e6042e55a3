"""The live OpenAPI schema, and schemathesis driving every operation in it.

Every check schemathesis has runs on generated requests for every operation and four callers (a
read-only key, a read+submit key, a second partner, staff), derandomized so the same examples each
run: zero server errors, zero responses that break the documented schema.  The CI run takes
``FACTCHECK_SCHEMATHESIS_EXAMPLES`` (default 6) examples per operation and caller; a longer run sets more.
"""

import os

import pytest
import schemathesis
from django.core.cache import cache
from django.core.signals import request_finished, request_started
from django.core.wsgi import get_wsgi_application
from django.db import close_old_connections
from hypothesis import HealthCheck, settings
from schemathesis.config import SchemathesisConfig

from partners.services import staff_token_create

EXAMPLES_PER_OPERATION = int(os.environ.get("FACTCHECK_SCHEMATHESIS_EXAMPLES", "6"))


@pytest.fixture(autouse=True)
def keep_the_test_connection():
    """The WSGI handler closes the database connection after each request, as it should in production;
    Django's test client turns that off, and so must this run, or the test transaction goes with it."""
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    yield
    request_started.connect(close_old_connections)
    request_finished.connect(close_old_connections)


@pytest.fixture
def staff_token(reviewer) -> str:
    return staff_token_create(user=reviewer)


# Writes have cross-field rules a JSON schema cannot state (a casualty claim needs a figure, the claim
# that holds must be one of the pair, an HTML page must contain text): a schema-valid body that breaks
# one is a 400 naming the field, and a URL whose host does not resolve is the documented 422.  Reads get
# no such allowance: every schema-valid query must succeed.
CONFIG = SchemathesisConfig.from_dict(
    {
        "operations": [
            {
                "include-method": "POST",
                "checks": {
                    "positive_data_acceptance": {
                        "expected-statuses": ["2xx", "400", "401", "403", "404", "409", "422", "429"]
                    }
                },
            }
        ]
    }
)

# Fetched from the running app's /api/schema/ (no database needed to build it); every path, the reports
# included.
schema = schemathesis.openapi.from_wsgi("/api/schema/?format=json", get_wsgi_application(), config=CONFIG)


@schema.hook
def map_query(ctx, query):
    """A cursor is opaque: only the ``next``/``previous`` links the server hands out are valid, and a
    made-up one is a 400 naming ``cursor`` (test_api_bad_input); generated queries leave it out."""
    if query:
        query.pop("cursor", None)
    return query


#: Who calls: a read-only partner key, a read+submit key, the other partner (whose unpublished rows the
#: first cannot see), and staff.  Partners get fewer examples each, to keep the CI run bounded.
CREDENTIALS = ("read", "submit", "second partner", "staff")


@pytest.fixture
def caller_headers(request, world, read_key_a, key_a, key_b, staff_token) -> dict[str, str]:
    return {
        "read": {"X-Api-Key": read_key_a.key},
        "submit": {"X-Api-Key": key_a.key},
        "second partner": {"X-Api-Key": key_b.key},
        "staff": {"Authorization": f"Token {staff_token}"},
    }[request.param]


@pytest.mark.parametrize("caller_headers", CREDENTIALS, indirect=True)
@schema.parametrize()
@settings(
    max_examples=EXAMPLES_PER_OPERATION,
    derandomize=True,
    deadline=None,
    database=None,
    suppress_health_check=list(HealthCheck),
)
def test_every_operation_honours_the_schema(case, caller_headers):
    cache.clear()  # the partner throttle is not under test
    case.call_and_validate(headers=caller_headers)


def test_the_schema_documents_every_endpoint_and_its_errors(client, db):
    spec = client.get("/api/schema/?format=json").json()
    paths = spec["paths"]
    for resource in (
        "claims",
        "parties",
        "outlets",
        "articles",
        "places",
        "incidents",
        "contradictions",
        "verdicts",
    ):
        assert f"/api/v1/{resource}/" in paths
        assert f"/api/v1/{resource}/{{id}}/" in paths
        assert {"400", "401", "403", "429"} <= set(paths[f"/api/v1/{resource}/"]["get"]["responses"])
        assert "404" in paths[f"/api/v1/{resource}/{{id}}/"]["get"]["responses"]
    for action in ("verify", "reject", "verdict", "claimreview"):
        assert f"/api/v1/claims/{{id}}/{action}/" in paths
    for action in ("confirm", "dismiss", "resolve"):
        assert f"/api/v1/contradictions/{{id}}/{action}/" in paths
    claim_params = {p["name"] for p in paths["/api/v1/claims/"]["get"]["parameters"]}
    assert {
        "claimant",
        "accused",
        "incident",
        "killed_min__gte",
        "updated_since",
        "cursor",
        "ordering",
        "q",
    } <= claim_params
    assert "413" in paths["/api/v1/articles/"]["post"]["responses"]
    assert "PartnerApiKey" in spec["components"]["securitySchemes"]


def test_every_endpoint_describes_what_it_serves_not_the_code_behind_it(client, db):
    paths = client.get("/api/schema/?format=json").json()["paths"]

    descriptions = {
        f"{method} {path}": operation.get("description", "")
        for path, operations in paths.items()
        for method, operation in operations.items()
        if isinstance(operation, dict)
    }

    leaking = sorted(name for name, text in descriptions.items() if ".values()" in text or "instance" in text)
    assert leaking == []
    assert "gazetteer" in descriptions["get /api/v1/places/"]


def test_the_docs_page_is_served(client, db):
    assert client.get("/api/docs/").status_code == 200
    assert client.get("/api/redoc/").status_code == 200


@pytest.mark.parametrize("path", ["/api/docs/", "/api/redoc/"])
def test_the_docs_pages_load_their_scripts_from_the_project_not_a_cdn(client, db, path):
    """On a machine without internet the docs must still render: every script and stylesheet they
    load is served by the project itself (drf-spectacular-sidecar), and is actually there."""
    import re

    page = client.get(path).content.decode()
    assets = re.findall(r'(?:src|href)="([^"]+\.(?:js|css))"', page)
    assert assets, page
    for asset in assets:
        assert asset.startswith("/static/"), f"{path} loads {asset} from outside the project"
        from django.contrib.staticfiles import finders

        assert finders.find(asset.removeprefix("/static/")), f"{asset} is not among the static files"


def test_text_inputs_document_that_a_nul_is_refused_and_it_is(client, db, world, client_a):
    spec = client.get("/api/schema/?format=json").json()
    quote = spec["components"]["schemas"]["ClaimSubmitRequest"]["properties"]["quote"]
    assert quote["pattern"] == "^[^\\u0000]*$"
    q = next(p for p in spec["paths"]["/api/v1/claims/"]["get"]["parameters"] if p["name"] == "q")
    assert q["schema"]["pattern"] == "^[^\\u0000]*$"
    body = {"kind": "casualty", "claimant": world.armenia.pk, "killed_min": 9, "quote": "nine\x00dead"}
    assert client_a.post("/api/v1/claims/", body, format="json").status_code == 400
    assert client_a.get("/api/v1/claims/", {"q": "nine\x00"}).status_code == 400
