"""Loading the sample coverage: idempotent, articles keyed by URL and contradictions by their pair."""

from __future__ import annotations

import random
from datetime import timedelta
from typing import Any, cast

from django.db import transaction

from claims.models import (
    Claim,
    ClaimCheckPending,
    ClaimKind,
    ClaimOrigin,
    ClaimStatus,
    Contradiction,
    ContradictionStatus,
    Incident,
)
from reports.sample.data import (
    CLAIMS,
    CONTRADICTIONS,
    INCIDENTS,
    OUTLETS,
    ROUTINE,
    ROUTINE_PARTIES,
    SAMPLE_SINCE,
    SAMPLE_UNTIL,
    sample_time,
)
from sources.models import Article, Outlet, Party, Place
from sources.text import content_hash


def _article(outlets: dict, outlet: str, key: str, day: int, hour: int, body: str) -> Article:
    url = f"https://{OUTLETS[outlet][2]}/2020/10/{day:02d}/{key}"
    article, _ = Article.objects.get_or_create(
        url=url,
        defaults={
            "title": body[:80].rstrip(".") + ".",
            "outlet": outlets[outlet],
            "published_at": sample_time(day, hour),
            "body": body,
            "content_hash": content_hash(body + url),
            "status": Article.Status.EXTRACTED,
        },
    )
    return article


@transaction.atomic
def sample_load(*, seed: int = 7) -> dict:
    """Load the sample coverage; returns counts. Running it twice changes nothing."""
    rng = random.Random(seed)
    parties = {p.name: p for p in Party.objects.all()}
    places = {p.name: p for p in Place.objects.all()}
    outlets = {
        name: Outlet.objects.get_or_create(
            name=name, defaults={"kind": kind, "country": country, "domain": domain}
        )[0]
        for name, (kind, country, domain) in OUTLETS.items()
    }
    incidents = _sample_incidents(places)
    claims = _sample_claims(outlets=outlets, parties=parties, places=places, incidents=incidents)
    _sample_contradictions(claims)
    routine = _sample_routine(rng, outlets=outlets, parties=parties)
    return {
        "claims": Claim.objects.count(),
        "contradictions": Contradiction.objects.count(),
        "routine": routine,
    }


def _sample_incidents(places: dict[str, Place]) -> dict[str, Incident]:
    incidents = {}
    for key, (title, kind, place, start) in INCIDENTS.items():
        incidents[key], _ = Incident.objects.get_or_create(
            title=title,
            defaults={
                "kind": kind,
                "place": places.get(place) if place else None,
                "window_start": start,
                "window_end": start,
            },
        )
    return incidents


def _sample_claims(
    *,
    outlets: dict[str, Outlet],
    parties: dict[str, Party],
    places: dict[str, Place],
    incidents: dict[str, Incident],
) -> dict[str, Claim]:
    claims = {}
    for key, day, hour, outlet, claimant, relayed_by, kind, incident, quote, fields in CLAIMS:
        article = _article(outlets, outlet, key, day, hour, quote)
        values: dict[str, Any] = dict(cast("dict[str, Any]", fields))
        for field in ("accused", "controller"):
            if field in values:
                values[field] = parties[values[field]]
        if "place" in values:
            values["place"] = places[values["place"]]
        claim = Claim.objects.filter(article=article).first()
        if claim is None:
            claim = Claim.objects.create(
                article=article,
                quote=quote,
                quote_start=0,
                quote_end=len(quote),
                claimant=parties[claimant],
                relayed_by=parties.get(relayed_by) if relayed_by else None,
                kind=kind,
                stated_at=sample_time(day, hour),
                changed_at=sample_time(day, hour),
                incident=incidents[incident],
                # Reports hold published claims only: the sample's claims are all verified.
                status=ClaimStatus.VERIFIED,
                origin=ClaimOrigin.EXTRACTOR,
                **values,
            )
        claims[key] = claim
    return claims


def _sample_contradictions(claims: dict[str, Claim]) -> None:
    for kind, a, b, score, explanation, (day, hour), review in CONTRADICTIONS:
        first, second = sorted((claims[a], claims[b]), key=lambda c: c.pk)
        contradiction, _ = Contradiction.objects.get_or_create(
            claim_a=first,
            claim_b=second,
            kind=kind,
            defaults={"explanation": explanation, "score": score, "incident": claims[a].incident},
        )
        stamp: dict[str, Any] = {"detected_at": sample_time(day, hour)}
        if review:
            status, r_day, r_hour = review
            stamp.update(status=status, reviewed_at=sample_time(r_day, r_hour))
        else:
            stamp.update(status=ContradictionStatus.OPEN)
        Contradiction.objects.filter(pk=contradiction.pk).update(**stamp)


def _sample_routine(rng: random.Random, *, outlets: dict[str, Outlet], parties: dict[str, Party]) -> int:
    """Everyday statements around the incidents, so the per-party charts have a background; returns
    how many the sample holds."""
    routine = 0
    days = (SAMPLE_UNTIL - SAMPLE_SINCE).days + 1
    for offset in range(days):
        day = SAMPLE_SINCE + timedelta(days=offset)
        for party, weight in ROUTINE_PARTIES.items():
            for n in range(rng.randint(max(weight - 3, 0), weight + 3)):
                quote = rng.choice(ROUTINE)
                outlet = rng.choice(list(OUTLETS))
                article = _article(
                    outlets, outlet, f"{party[:12].lower().replace(' ', '-')}-{n}", day.day, 8 + n, quote
                )
                if not Claim.objects.filter(article=article).exists():
                    statement = Claim.objects.create(
                        article=article,
                        quote=quote,
                        claimant=parties[party],
                        kind=ClaimKind.STATEMENT,
                        stated_at=sample_time(day.day, 8 + n % 14),
                        changed_at=sample_time(day.day, 8 + n % 14),
                        origin=ClaimOrigin.EXTRACTOR,
                    )
                    # Not checked yet, as an extracted claim is until a worker checks it.
                    ClaimCheckPending.objects.create(claim=statement, changed_at=statement.changed_at)
                routine += 1
    return routine
