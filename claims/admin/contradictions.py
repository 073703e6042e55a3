"""The contradiction queue: its list, the take / release / note views and the bulk actions.

The side-by-side review page is in ``contradiction_review``, the list filters in ``contradiction_filters``.
"""

from __future__ import annotations

from django.contrib import admin, messages
from django.contrib.admin.views.main import ChangeList
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Count
from django.http import HttpRequest, HttpResponseNotAllowed, HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.urls import path, reverse

from claims.admin.contradiction_filters import (
    AssignmentFilter,
    ContradictionClaimantSideFilter,
    ContradictionIncidentFilter,
    ContradictionPlaceFilter,
    DisputeFilter,
    EitherPartyFilter,
    ScoreFilter,
)
from claims.admin.contradiction_review import ContradictionReviewPage
from claims.admin.names import claims_fill_names
from claims.admin.verdicts import safe_next
from claims.models import Contradiction, ContradictionStatus, Note, Verdict
from claims.services.disputes import dispute_release, dispute_take, dispute_take_next, note_add
from claims.services.reviews import ReviewAction
from review import display
from review.services import contradiction_review


def contradictions_fill_open_pairs(rows: list) -> None:
    """Set ``open_pairs`` on each row: the open pairs of its dispute (its incident and kind), one
    query for the page.  As a column annotation it was computed for every row the capped count read."""
    incidents = {row.incident_id for row in rows if row.incident_id}
    counts = {
        (r["incident_id"], r["kind"]): r["n"]
        for r in Contradiction.objects.filter(status=ContradictionStatus.OPEN, incident_id__in=incidents)
        .values("incident_id", "kind")
        .annotate(n=Count("id"))
        .order_by()
    }
    for row in rows:
        row.open_pairs = counts.get((row.incident_id, row.kind), 1)


class ContradictionChangeList(ChangeList):
    """The queue's page, with the names its rows show and each dispute's open pairs filled in."""

    def get_results(self, request):
        super().get_results(request)
        rows = list(self.result_list)
        claims_fill_names([claim for row in rows for claim in (row.claim_a, row.claim_b)])
        contradictions_fill_open_pairs(rows)
        self.result_list = rows


@admin.register(Contradiction)
class ContradictionAdmin(ContradictionReviewPage):
    """The contradiction queue. Opening one shows both claims side by side with confirm, dismiss and
    resolve, and moves on to the next open item after each decision."""

    list_display = (
        "id",
        "kind",
        "status",
        "claim_a_text",
        "claim_b_text",
        "explanation",
        "score",
        "pairs",
        "assigned_to",
        "detected_at",
    )
    list_display_links = ("id", "kind")
    list_filter = (
        "status",
        AssignmentFilter,
        DisputeFilter,
        "kind",
        ("claim_a__conflict", admin.RelatedFieldListFilter),
        EitherPartyFilter,
        ContradictionClaimantSideFilter,
        ContradictionIncidentFilter,
        ContradictionPlaceFilter,
        ScoreFilter,
        ("detected_at", admin.DateFieldListFilter),
    )
    search_fields = ("explanation", "claim_a__quote", "claim_b__quote")
    # The claims' parties and places come in two queries per page (``claims_fill_names``).
    list_select_related = ("assigned_to", "incident__conflict", "claim_a__conflict", "claim_b")
    raw_id_fields = ("claim_a", "claim_b", "holding_claim", "incident")
    change_list_template = "admin/claims/contradiction/change_list.html"
    actions = ("confirm_selected", "dismiss_selected")

    def has_add_permission(self, request: HttpRequest) -> bool:
        # Contradictions come from the detection engine, never typed in.
        return False

    def get_changelist(self, request, **kwargs):
        return ContradictionChangeList

    @admin.display(description="open pairs")
    def pairs(self, obj: Contradiction) -> int:
        return getattr(obj, "open_pairs", 1) if obj.incident_id else 1

    def related_history(self, request: HttpRequest, obj: Contradiction):
        claims = [obj.claim_a_id, obj.claim_b_id]
        return [
            ("Note", Note.history.filter(contradiction_id=obj.pk)),
            ("Verdict on a claim", Verdict.history.filter(claim_id__in=claims)),
        ]

    def get_urls(self):
        view = self.admin_site.admin_view
        return [
            path("take-next/", view(self.take_next_view), name="claims_contradiction_take_next"),
            path("<path:object_id>/take/", view(self.take_view), name="claims_contradiction_take"),
            path("<path:object_id>/release/", view(self.release_view), name="claims_contradiction_release"),
            path("<path:object_id>/note/", view(self.note_view), name="claims_contradiction_note"),
            *super().get_urls(),
        ]

    def _post_only(self, request: HttpRequest, obj=None):
        if request.method != "POST":
            return HttpResponseNotAllowed(["POST"])
        if not self.has_change_permission(request, obj):
            raise PermissionDenied
        return None

    def take_next_view(self, request: HttpRequest):
        """Take the newest unassigned, unlocked dispute and open it."""
        refused = self._post_only(request)
        if refused:
            return refused
        head = dispute_take_next(reviewer=request.user)
        if head is None:
            self.message_user(request, "No unassigned dispute is waiting.", messages.INFO)
            return HttpResponseRedirect(
                reverse("admin:claims_contradiction_changelist") + "?assigned=me&status__exact=open"
            )
        return HttpResponseRedirect(reverse("admin:claims_contradiction_change", args=[head.pk]))

    def take_view(self, request: HttpRequest, object_id: str):
        obj = get_object_or_404(Contradiction, pk=object_id)
        refused = self._post_only(request, obj)
        if refused:
            return refused
        dispute_take(contradiction=obj, reviewer=request.user)
        self.message_user(request, f"You have the dispute of #{obj.pk}.", messages.SUCCESS)
        return HttpResponseRedirect(
            safe_next(request, reverse("admin:claims_contradiction_change", args=[obj.pk]))
        )

    def release_view(self, request: HttpRequest, object_id: str):
        obj = get_object_or_404(Contradiction, pk=object_id)
        refused = self._post_only(request, obj)
        if refused:
            return refused
        dispute_release(contradiction=obj, reviewer=request.user)
        self.message_user(
            request, f"The dispute of #{obj.pk} is back in the unassigned queue.", messages.SUCCESS
        )
        return HttpResponseRedirect(
            safe_next(request, reverse("admin:claims_contradiction_change", args=[obj.pk]))
        )

    def note_view(self, request: HttpRequest, object_id: str):
        obj = get_object_or_404(Contradiction, pk=object_id)
        refused = self._post_only(request, obj)
        if refused:
            return refused
        try:
            note_add(author=request.user, text=request.POST.get("text", ""), contradiction=obj)
        except ValidationError as exc:
            self.message_user(request, " ".join(exc.messages), messages.ERROR)
        else:
            self.message_user(request, "Note added.", messages.SUCCESS)
        return HttpResponseRedirect(reverse("admin:claims_contradiction_change", args=[obj.pk]))

    @admin.display(description="claim A")
    def claim_a_text(self, obj: Contradiction) -> str:
        return f"{obj.claim_a.claimant}: {display.claim_figures(obj.claim_a)}"

    @admin.display(description="claim B")
    def claim_b_text(self, obj: Contradiction) -> str:
        return f"{obj.claim_b.claimant}: {display.claim_figures(obj.claim_b)}"

    def _review_selected(self, request: HttpRequest, queryset, action: str, verb: str) -> None:
        count = 0
        with transaction.atomic():
            for contradiction in queryset:
                contradiction_review(contradiction=contradiction, action=action, reviewer=request.user)
                count += 1
        self.message_user(request, f"{count} contradiction(s) {verb}.", messages.SUCCESS)

    @admin.action(description="Confirm selected contradictions", permissions=["change"])
    def confirm_selected(self, request: HttpRequest, queryset) -> None:
        self._review_selected(request, queryset, ReviewAction.CONFIRM, "confirmed")

    @admin.action(description="Dismiss selected contradictions", permissions=["change"])
    def dismiss_selected(self, request: HttpRequest, queryset) -> None:
        self._review_selected(request, queryset, ReviewAction.DISMISS, "dismissed")
