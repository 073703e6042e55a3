"""The claim queue's bulk actions: verify, reject, assign to an incident (through ``claims.services``)."""

from __future__ import annotations

from django.contrib import admin, messages
from django.contrib.admin.helpers import ACTION_CHECKBOX_NAME
from django.db import transaction
from django.http import HttpRequest
from django.template.response import TemplateResponse

from claims.admin.claim_forms import AssignIncidentForm
from claims.models import Claim, ClaimStatus
from claims.services.claims import claim_update
from claims.services.incident_figures import incidents_refresh
from review.services import claims_review


def _review(modeladmin, request: HttpRequest, queryset, status: str, verb: str) -> None:
    changed = claims_review(
        claim_ids=list(queryset.values_list("pk", flat=True)), status=status, reviewer=request.user
    )
    modeladmin.message_user(request, f"{changed} claim(s) {verb}.", messages.SUCCESS)


@admin.action(description="Verify selected claims", permissions=["change"])
def verify(modeladmin, request: HttpRequest, queryset) -> None:
    """Mark the selected claims verified (``claims_review``)."""
    _review(modeladmin, request, queryset, ClaimStatus.VERIFIED, "verified")


@admin.action(description="Reject selected claims", permissions=["change"])
def reject(modeladmin, request: HttpRequest, queryset) -> None:
    """Mark the selected claims rejected (``claims_review``)."""
    _review(modeladmin, request, queryset, ClaimStatus.REJECTED, "rejected")


@admin.action(description="Assign selected claims to an incident", permissions=["change"])
def assign_to_incident(modeladmin, request: HttpRequest, queryset):
    """Ask for the incident on an intermediate page, then move each claim with ``claim_update``."""
    form = AssignIncidentForm(request.POST if "apply" in request.POST else None)
    if form.is_valid():
        incident = form.cleaned_data["incident"]
        with transaction.atomic():
            ids = list(queryset.values_list("pk", flat=True))
            claims = list(Claim.objects.select_for_update().filter(pk__in=ids).order_by("pk"))
            touched = {incident.pk}
            for claim in claims:
                if claim.incident_id != incident.pk:
                    touched.add(claim.incident_id)
                    claim_update(claim=claim, incident=incident)
            incidents_refresh(incident_ids=[pk for pk in touched if pk is not None])
        modeladmin.message_user(request, f"{len(claims)} claim(s) assigned to {incident}.", messages.SUCCESS)
        return None
    context = {
        **modeladmin.admin_site.each_context(request),
        "title": "Assign claims to an incident",
        "opts": modeladmin.model._meta,
        "form": form,
        "media": modeladmin.media + form.media,
        "queryset": queryset.select_related("claimant")[:200],
        "selected": request.POST.getlist(ACTION_CHECKBOX_NAME),
        "select_across": request.POST.get("select_across", "0"),
        "action": "assign_to_incident",
    }
    return TemplateResponse(request, "admin/review_action.html", context)
