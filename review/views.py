"""The reviewer dashboard: what is waiting, what was found, who contradicts most, where tolls disagree."""

from __future__ import annotations

from django.contrib import admin
from django.contrib.admin.views.decorators import staff_member_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from review import selectors


@staff_member_required
def dashboard(request: HttpRequest) -> HttpResponse:
    """Staff only; anyone else is sent to the admin login."""
    per_day = selectors.contradictions_per_day(days=30)
    peak = max((n for _, n in per_day), default=0) or 1
    context = {
        **admin.site.each_context(request),
        "title": "Reviewer dashboard",
        "queues": selectors.queue_sizes(),
        "per_day": [(day, n, round(100 * n / peak)) for day, n in per_day],
        "per_day_total": sum(n for _, n in per_day),
        "parties": selectors.parties_most_in_contradiction(limit=10),
        "incidents": selectors.widest_casualty_ranges(limit=10),
        "reviewers": selectors.assigned_per_reviewer(),
    }
    return render(request, "review/dashboard.html", context)
