"""Public pages: no login, server-rendered, cacheable by anyone (``Cache-Control: public``).

Views are thin: what is published and how it is loaded is ``public.selectors``; nothing here reads
the session or the user, so one rendering serves every reader and any shared cache may keep it.
"""

from __future__ import annotations

import json
from functools import wraps

from django.conf import settings
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.cache import patch_cache_control
from django.utils.safestring import mark_safe
from django.views.decorators.http import require_safe

from claims.claimreview import claim_review_jsonld, claim_reviewed, fact_check_url, organisation
from public import display, selectors
from sources.models import Article


def public_page(view):
    """GET/HEAD only; the response may be kept by browsers and shared caches for
    ``FACTCHECK_PUBLIC_MAX_AGE`` seconds."""

    @require_safe
    @wraps(view)
    def wrapper(request: HttpRequest, *args, **kwargs) -> HttpResponse:
        response = view(request, *args, **kwargs)
        patch_cache_control(response, public=True, max_age=settings.FACTCHECK_PUBLIC_MAX_AGE)
        return response

    return wrapper


def _site() -> dict:
    org = organisation()
    return {"org_name": org["name"], "org_url": org["url"], "org_logo": org["logo"]["url"]}


def _jsonld(data: dict) -> str:
    # Inside <script>, "</" would end the element: escape it (and <, >, & for good measure).
    text = json.dumps(data, ensure_ascii=False, indent=2)
    text = text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
    return mark_safe(text)  # noqa: S308 - JSON with every markup character escaped


@public_page
def index(request: HttpRequest) -> HttpResponse:
    """Published incidents by date (newest first, grouped by month in local time) and the latest fact checks."""
    incidents = selectors.index_incidents()
    months: list[tuple[str, list]] = []
    for incident in incidents:
        when = display.local_time(incident.window_start, incident)
        label = when.strftime("%B %Y") if when else "Date unknown"
        incident.local_start = when  # type: ignore[attr-defined]  # display value for the template, not a model field
        if not months or months[-1][0] != label:
            months.append((label, []))
        months[-1][1].append(incident)
    checks = selectors.index_fact_checks()
    for verdict in checks:
        verdict.statement = claim_reviewed(verdict)  # type: ignore[attr-defined]  # display value for the template, not a model field
    return render(request, "public/index.html", {**_site(), "months": months, "fact_checks": checks})


@public_page
def incident_detail(request: HttpRequest, pk: int) -> HttpResponse:
    """One incident in the manner of Airwars: where and when (local time), the grade and why, the
    figures per victim group, the conservative and most likely figures, every source, the disputes."""
    page = selectors.incident_page_get(incident_id=pk)
    if page is None:
        raise Http404("No published incident has this number.")
    incident = page.incident
    start = display.local_time(incident.window_start, incident)
    end = display.local_time(incident.window_end, incident)
    for claim in page.claims:
        claim.local_stated = display.local_time(claim.stated_at, incident)  # type: ignore[attr-defined]  # display value for the template, not a model field
        article = claim.article
        local_published = display.local_time(article.published_at, incident) if article else None
        claim.local_published = local_published  # type: ignore[attr-defined]  # display value for the template, not a model field
        claim.figure_text = _figures(claim)  # type: ignore[attr-defined]  # display value for the template, not a model field
    for row in page.figures:
        row.killed_text = display.interval_text(row.killed_low, row.killed_high, is_open=row.killed_open)
        row.wounded_text = display.interval_text(row.wounded_low, row.wounded_high, is_open=row.wounded_open)
    context = {
        **_site(),
        "page": page,
        "incident": incident,
        "start": start,
        "end": end if end and start and end != start else None,
        "zone": display.zone_label(start),
        "grade_reason": display.grade_reason(
            grade=incident.grade, claimants=page.claimants, blames=page.blames
        ),
    }
    return render(request, "public/incident.html", context)


def _figures(claim) -> str:
    parts = []
    if claim.killed_min is not None:
        parts.append(
            f"{display.interval_text(claim.killed_min, claim.killed_max, is_open=claim.killed_max is None)} killed"
        )
    if claim.wounded_min is not None:
        parts.append(
            f"{display.interval_text(claim.wounded_min, claim.wounded_max, is_open=claim.wounded_max is None)} wounded"
        )
    return ", ".join(parts)


@public_page
def fact_check_detail(request: HttpRequest, pk: int) -> HttpResponse:
    """A published verdict: the claim, where it appeared, the rating and the reasoning, with its
    ClaimReview JSON-LD in the page."""
    verdict = selectors.fact_check_get(verdict_id=pk)
    if verdict is None:
        raise Http404("No published fact check has this number.")
    claim = verdict.claim
    appearances: list[Article] = verdict.appearances  # type: ignore[attr-defined]  # set by fact_check_get
    review = claim_review_jsonld(verdict, appearances=appearances)
    for article in appearances:
        local_published = display.local_time(article.published_at, claim.incident)
        article.local_published = local_published  # type: ignore[attr-defined]  # display value for the template, not a model field
    context = {
        **_site(),
        "verdict": verdict,
        "claim": claim,
        "statement": review["claimReviewed"],
        "canonical_url": fact_check_url(verdict_id=verdict.pk),
        "local_stated": display.local_time(claim.stated_at, claim.incident),
        "local_event": display.local_time(claim.event_start, claim.incident),
        "jsonld": _jsonld(review),
    }
    return render(request, "public/fact_check.html", context)
