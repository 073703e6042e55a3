"""API benchmark: the partner claim list over a million claims on PostgreSQL, against a floor.

    .venv/bin/python -m bench.api --claims 1000000 --write

``/api/v1/claims/?page_size=100&kind=casualty&claimant=<a state>`` (the claimant filter takes the
state's whole subtree) is requested with a partner key, through Django's full request handler (test
client, no network), alternating in blocks with a bare Django view that returns the same 100 rows via
``.values()`` and ``orjson`` (no auth, throttle, filterset, pagination or serializer: the floor).
Both answers are checked to hold the same ids before timing.  Prints a markdown table; ``--write``
puts it under "## API" in docs/performance.md.

The database (default ``bench5``) is created and migrated if missing; the corpus comes from
``bench.corpus.generate_corpus`` (COPY through psycopg) and is reused when already there.  A share of
the claims (``--verified``) is marked verified, since partners only see published claims.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import time
from pathlib import Path

from bench.setup import ensure_database, setup_django

DEFAULT_DB = "postgres://postgres@127.0.0.1:5432/bench5"
ROOT = Path(__file__).resolve().parent.parent
FLOOR_PATH = "/bench/floor/claims/"


def _setup_django(database_url: str, cache_url: str) -> None:
    os.environ["DJANGO_DEBUG"] = "false"  # no query log, as in production
    # The throttle's counters live in this cache: Redis, as in production, unless told otherwise.
    os.environ["DJANGO_CACHE_URL"] = cache_url
    # The throttle still runs on every request; it just never trips during the benchmark.
    os.environ["FACTCHECK_PARTNER_THROTTLE"] = "100000000/hour"
    ensure_database(database_url)
    setup_django(database_url, eager_tasks=False)
    from django.core.management import call_command

    call_command("migrate", verbosity=0, interactive=False)


# --- the floor ---------------------------------------------------------------------------------------


def floor_view(request):
    """The same rows as the API, with nothing but the ORM and orjson."""
    import orjson
    from django.http import HttpResponse

    from claims.models import Claim
    from claims.serializers import CLAIM_FIELDS
    from sources.models import Party

    party = Party.objects.get(pk=int(request.GET["claimant"]))
    subtree = Party.objects.filter(tree_path__startswith=party.tree_path).values("pk")
    rows = list(
        Claim.objects.filter(status="verified", kind=request.GET["kind"], claimant__in=subtree)
        .order_by("-stated_at", "-id")
        .values(*[f if f not in FK_FIELDS else f"{f}_id" for f in CLAIM_FIELDS])[
            : int(request.GET["page_size"])
        ]
    )
    return HttpResponse(orjson.dumps({"results": rows}), content_type="application/json")


FK_FIELDS = {"claimant", "relayed_by", "article", "incident", "place", "accused", "controller"}


def _urlpatterns():
    from django.urls import path

    from factcheck.urls import urlpatterns

    return [path(FLOOR_PATH.strip("/") + "/", floor_view), *urlpatterns]


class _LazyPatterns(list):
    def __iter__(self):
        return iter(_urlpatterns())

    def __len__(self):
        return len(_urlpatterns())

    def __getitem__(self, item):
        return _urlpatterns()[item]


urlpatterns = _LazyPatterns()


# --- corpus --------------------------------------------------------------------------------------------


def _ensure_corpus(n_claims: int, verified_share: float) -> str:
    from django.db import connection

    from claims.models import Claim

    have = Claim.objects.count()
    if have < n_claims:
        from bench.corpus import generate_corpus

        started = time.perf_counter()
        made = generate_corpus(n_claims - have, seed=5, planted=100)
        print(
            f"generated {made['claims']:,} claims in {time.perf_counter() - started:.0f} s", file=sys.stderr
        )
        state = "generated"
    else:
        state = "reused"
    modulo = 100
    cut = round(verified_share * modulo)
    with connection.cursor() as cursor:
        cursor.execute(
            "UPDATE claims_claim SET status = 'verified' WHERE status <> 'verified' AND id %% %s < %s",
            [modulo, cut],
        )
        if cursor.rowcount:
            cursor.execute("ANALYZE claims_claim")
    return state


def _submitting_partner_key() -> str:
    """A key for a partner that has submitted one article of its own (the slower visibility rule: it
    sees the published rows and its own); the article is made once and reused."""
    from partners.models import Partner
    from partners.services import partner_key_create
    from sources.models import Article, Outlet

    partner, _ = Partner.objects.get_or_create(name="Benchmark submitting partner")
    if not Article.objects.filter(submitted_by=partner).exists():
        outlet, _ = Outlet.objects.get_or_create(
            name="Benchmark partner desk", defaults={"domain": "desk.example"}
        )
        Article.objects.create(
            outlet=outlet,
            submitted_by=partner,
            url="https://desk.example/own",
            title="Own submission",
            body="-",
            content_hash="bench-own-submission",
        )
    return partner_key_create(partner_name=partner.name, scopes=["read"], key_name="bench-own").key


def _busiest_state() -> int:
    """The top-level party whose subtree made the most casualty claims."""
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute(
            """
            SELECT split_part(p.tree_path, '/', 2)::bigint AS root, count(*)
            FROM claims_claim c JOIN sources_party p ON p.id = c.claimant_id
            WHERE c.kind = 'casualty' AND c.status = 'verified'
            GROUP BY 1 ORDER BY 2 DESC LIMIT 1
            """
        )
        return cursor.fetchone()[0]


# --- timing --------------------------------------------------------------------------------------------


def _timed(client, url: str, **headers) -> float:
    started = time.perf_counter()
    response = client.get(url, **headers)
    elapsed = time.perf_counter() - started
    if response.status_code != 200:
        raise SystemExit(f"{url} answered {response.status_code}: {response.content[:300]!r}")
    return elapsed


def _summary(samples: list[float]) -> dict:
    ordered = sorted(samples)
    return {
        "n": len(ordered),
        "rps": len(ordered) / sum(ordered),
        "p50": statistics.median(ordered) * 1000,
        "p99": ordered[min(len(ordered) - 1, round(0.99 * (len(ordered) - 1)))] * 1000,
    }


def _queries_of(call) -> int:
    """How many SQL statements one call runs (an execute wrapper: the request handler resets the
    debug query log at each request start, so CaptureQueriesContext would count nothing)."""
    from django.db import connection

    count = 0

    def counting(execute, sql, params, many, context):
        nonlocal count
        count += 1
        return execute(sql, params, many, context)

    with connection.execute_wrapper(counting):
        call()
    return count


def _measure(
    api_url: str, floor_url: str, *, key: str, submitter_key: str, requests: int, block: int
) -> dict:
    """Time the API (both partners) against the floor in alternating blocks, after checking that they
    answer the same rows; then the second page, and each endpoint's query count."""
    from django.test import Client, override_settings

    with override_settings(ROOT_URLCONF="bench.api"):
        client = Client()
        auth = {"HTTP_X_API_KEY": key}
        api_ids = [row["id"] for row in client.get(api_url, **auth).json()["results"]]
        floor_ids = [row["id"] for row in client.get(floor_url).json()["results"]]
        if api_ids != floor_ids or len(api_ids) != 100:
            raise SystemExit(f"the API and the floor disagree: {api_ids[:5]} vs {floor_ids[:5]}")
        for _ in range(20):  # warm-up: connections, caches, plans
            _timed(client, api_url, **auth)
            _timed(client, floor_url)
        submitter = {"HTTP_X_API_KEY": submitter_key}
        own = [row["id"] for row in client.get(api_url, **submitter).json()["results"]]
        if own != floor_ids:
            raise SystemExit("the submitting partner's page differs from the published one")
        api, floor, submitting = [], [], []
        while len(api) < requests:
            api += [_timed(client, api_url, **auth) for _ in range(block)]
            floor += [_timed(client, floor_url) for _ in range(block)]
            submitting += [_timed(client, api_url, **submitter) for _ in range(block)]
        api_queries = _queries_of(lambda: client.get(api_url, **auth))
        submitting_queries = _queries_of(lambda: client.get(api_url, **submitter))
        floor_queries = _queries_of(lambda: client.get(floor_url))
        page_two = client.get(api_url, **auth).json()["next"]
        cursor = [_timed(client, page_two, **auth) for _ in range(max(20, requests // 10))]
    return {
        "api": api,
        "floor": floor,
        "submitting": submitting,
        "cursor": cursor,
        "queries": (api_queries, submitting_queries, floor_queries),
    }


def _markdown(measured: dict, *, total: int, verified: int, state: str, query: str, block: int) -> str:
    """The body of the "## API" section of docs/performance.md for one measurement."""
    from django.conf import settings
    from django.db import connection

    a, f = _summary(measured["api"]), _summary(measured["floor"])
    c, own_rows = _summary(measured["cursor"]), _summary(measured["submitting"])
    api_queries, submitting_queries, floor_queries = measured["queries"]
    load = ", ".join(f"{value:.2f}" for value in os.getloadavg())
    ratio = a["rps"] / f["rps"]
    own_ratio = own_rows["rps"] / f["rps"]
    cache = settings.CACHES["default"]["BACKEND"].rsplit(".", 1)[-1]
    pg = connection.cursor().connection.info.server_version
    lines = [
        "`.venv/bin/python -m bench.api --claims 1000000 --write`",
        "",
        f"Corpus: {total:,} claims ({verified:,} verified, the rows partners see), PostgreSQL {pg // 10000}, "
        f"{state}. Request: `GET /api/v1/claims/?{query}` (casualty claims by a state and all its "
        "sub-parties, 100 rows, newest first) with a partner key, through Django's full request handler "
        "(test client, no network, one client, sequential), alternating in blocks of "
        f"{block} with the floor: a bare view returning the same 100 rows via `.values()` + orjson. Both "
        "answers hold the same ids.",
        "",
        "| endpoint | requests | throughput (req/s) | p50 ms | p99 ms |",
        "| --- | ---: | ---: | ---: | ---: |",
        f"| API `/api/v1/claims/` (key auth, throttle, filterset, cursor page, serializer) | {a['n']} | "
        f"{a['rps']:.0f} | {a['p50']:.1f} | {a['p99']:.1f} |",
        f"| API, a partner that has submitted an article (sees its own rows too) | {own_rows['n']} | "
        f"{own_rows['rps']:.0f} | {own_rows['p50']:.1f} | {own_rows['p99']:.1f} |",
        f"| floor: `.values()` + orjson | {f['n']} | {f['rps']:.0f} | {f['p50']:.1f} | {f['p99']:.1f} |",
        f"| API, second page (`next` cursor) | {c['n']} | {c['rps']:.0f} | {c['p50']:.1f} | {c['p99']:.1f} |",
        "",
        f"API throughput = **{ratio:.0%} of the floor** for a partner that never submitted anything, "
        f"**{own_ratio:.0%}** for one that has (target >= 50%). Queries per API request: {api_queries} "
        f"({submitting_queries} for the submitting partner; counted on one request: the key with its "
        "partner, the claimant check, the page, and in one statement the party, place and conflict names "
        f"and the parties' sides); the floor makes {floor_queries}. Throttle cache: {cache}. Load average "
        f"while measuring (1, 5, 15 min): {load} on {os.cpu_count()} cores.",
        "",
        "What keeps the API close to the floor: list views read `.values()` rows when the serializer needs "
        "no model instance (`LeanListModelMixin`; the lean serializer copies columns, orjson renders "
        "datetimes); the names and sides a page embeds come in one `UNION ALL` statement (`rows_by_key`); "
        "FilterSets build form fields only for the parameters sent, and a party id filter builds the "
        "caller's visibility rule only when the id is not a reference party; the serializer's field plan "
        "is computed once per class; the key lookup is one statement written once per process (the ORM "
        "took longer to compile it than PostgreSQL to run it) and also reads whether the partner ever "
        "submitted anything, so a partner without submissions is filtered on `status = 'verified'` alone "
        "and the page comes from the `(status, -stated_at, -id)` index like the floor's; the throttle keeps "
        "one counter per partner, raised in one Redis round trip over a reused client "
        "(`factcheck.cache.RedisCache`). What is left between the API and the floor: two more statements "
        "(the key, the names), DRF's request and filter machinery, and the ORM compiling the page query "
        "with its visibility rule.",
    ]
    return "\n".join(lines)


def run(n_claims: int, requests: int, block: int, verified_share: float, write: bool) -> str:
    """Measure the claims list of the API against the floor at ``n_claims``; print (and ``write``) it."""
    from claims.models import Claim
    from partners.services import partner_key_create

    state = _ensure_corpus(n_claims, verified_share)
    total = Claim.objects.count()
    verified = Claim.objects.filter(status="verified").count()
    party = _busiest_state()
    key = partner_key_create(partner_name="Benchmark partner", scopes=["read"], key_name="bench").key
    submitter_key = _submitting_partner_key()
    query = f"page_size=100&kind=casualty&claimant={party}"
    measured = _measure(
        f"/api/v1/claims/?{query}",
        f"{FLOOR_PATH}?{query}",
        key=key,
        submitter_key=submitter_key,
        requests=requests,
        block=block,
    )
    text = _markdown(measured, total=total, verified=verified, state=state, query=query, block=block)
    print(text)
    if write:
        _write_section(text)
    return text


def _write_section(text: str) -> None:
    doc = ROOT / "docs" / "performance.md"
    content = doc.read_text()
    start = content.index("## API\n")
    rest = content[start + len("## API\n") :]
    following = rest.find("\n## ")
    tail = rest[following:] if following != -1 else "\n"
    doc.write_text(content[:start] + "## API\n\n" + text + "\n" + tail)


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--database-url", default=os.environ.get("BENCH_DATABASE_URL", DEFAULT_DB))
    parser.add_argument("--claims", type=int, default=1_000_000)
    parser.add_argument("--requests", type=int, default=400, help="timed requests per endpoint")
    parser.add_argument("--block", type=int, default=20, help="requests per block before switching")
    parser.add_argument("--verified", type=float, default=0.8, help="share of claims marked verified")
    parser.add_argument("--write", action="store_true", help="write the table into docs/performance.md")
    parser.add_argument(
        "--cache-url",
        default=os.environ.get("BENCH_CACHE_URL", "redis://127.0.0.1:6379/0"),
        help="the cache the throttle counts in (default Redis, as production; locmemcache:// for in-process)",
    )
    args = parser.parse_args()
    _setup_django(args.database_url, args.cache_url)
    run(args.claims, args.requests, args.block, args.verified, args.write)


if __name__ == "__main__":
    main()
