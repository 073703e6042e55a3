"""The reviewer dashboard: what is waiting, what was found, who contradicts most, where tolls disagree."""

from __future__ import annotations

from django.contrib import admin
from django.contrib.admin.views.decorators import staff_member_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render

from review import selectors
from sources.models import Conflict


@staff_member_required
def dashboard(request: HttpRequest) -> HttpResponse:
    """Staff only; anyone else is sent to the admin login.  ``?conflict=<slug>`` narrows every figure
    to one conflict (an unknown slug is a 404 naming it); the per-conflict table shows them all."""
    slug = request.GET.get("conflict", "")
    conflict = None
    if slug:
        conflict = Conflict.objects.filter(slug=slug).first()
        if conflict is None:
            raise Http404(f"No conflict has the slug {slug!r} (the conflict parameter).")
    per_day = selectors.contradictions_per_day(days=30, conflict=conflict)
    peak = max((n for _, n in per_day), default=0) or 1
    per_conflict = selectors.queues_per_conflict()
    context = {
        **admin.site.each_context(request),
        "title": f"Reviewer dashboard: {conflict.name}" if conflict else "Reviewer dashboard",
        "conflict": conflict,
        "conflicts": [row.conflict for row in per_conflict],
        "per_conflict": per_conflict,
        "queues": selectors.queue_sizes(conflict=conflict),
        "per_day": [(day, n, round(100 * n / peak)) for day, n in per_day],
        "per_day_total": sum(n for _, n in per_day),
        "parties": selectors.parties_most_in_contradiction(limit=10, conflict=conflict),
        "incidents": selectors.widest_casualty_ranges(limit=10, conflict=conflict),
        "reviewers": selectors.assigned_per_reviewer(),
    }
    return render(request, "review/dashboard.html", context)
