"""The contradiction queue and its side-by-side review page."""

from __future__ import annotations

from django import forms
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Q
from django.http import HttpRequest, HttpResponseRedirect
from django.template.response import TemplateResponse
from django.urls import reverse

from claims.models import (
    Contradiction,
    ContradictionStatus,
)
from claims.services.reviews import ReviewAction, contradiction_review
from review import display
from review.admin_tools import AuditedAdmin, SideFilter


class ContradictionClaimantSideFilter(SideFilter):
    title = "side of either claimant"
    parameter_name = "side"

    def queryset(self, request, queryset):
        if self.value():
            return queryset.filter(
                Q(claim_a__claimant__side=self.value()) | Q(claim_b__claimant__side=self.value())
            )
        return queryset


class ContradictionReviewForm(forms.Form):
    action = forms.ChoiceField(
        choices=[
            (ReviewAction.CONFIRM, "Confirm"),
            (ReviewAction.DISMISS, "Dismiss"),
            (ReviewAction.RESOLVE, "Resolve"),
        ]
    )
    holding_claim = forms.IntegerField(required=False)
    note = forms.CharField(required=False, widget=forms.Textarea)


@admin.register(Contradiction)
class ContradictionAdmin(AuditedAdmin):
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
        "detected_at",
    )
    list_display_links = ("id", "kind")
    list_filter = (
        "status",
        "kind",
        ContradictionClaimantSideFilter,
        ("detected_at", admin.DateFieldListFilter),
    )
    search_fields = ("explanation", "claim_a__quote", "claim_b__quote")
    list_select_related = tuple(
        f"{claim}__{party}"
        for claim in ("claim_a", "claim_b")
        for party in ("claimant", "accused", "controller", "place")
    )
    raw_id_fields = ("claim_a", "claim_b", "holding_claim", "incident")
    actions = ("confirm_selected", "dismiss_selected")
    review_template = "admin/claims/contradiction/review.html"

    def has_add_permission(self, request: HttpRequest) -> bool:
        # Contradictions come from the detection engine, never typed in.
        return False

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

    # Side-by-side review page ---------------------------------------------------------------------

    @staticmethod
    def _open_queue():
        return Contradiction.objects.filter(status=ContradictionStatus.OPEN)

    def _neighbours(self, obj: Contradiction) -> tuple[Contradiction | None, Contradiction | None]:
        """The open items just before and after ``obj`` in the queue order (newest first)."""
        older = Q(detected_at__lt=obj.detected_at) | Q(detected_at=obj.detected_at, id__lt=obj.pk)
        newer = Q(detected_at__gt=obj.detected_at) | Q(detected_at=obj.detected_at, id__gt=obj.pk)
        queue = self._open_queue().only("id", "detected_at")
        following = queue.filter(older).order_by("-detected_at", "-id").first()
        previous = queue.filter(newer).order_by("detected_at", "id").first()
        return previous, following

    def change_view(self, request: HttpRequest, object_id, form_url="", extra_context=None):
        obj = self.get_object(request, object_id)
        if obj is None:
            return self._get_obj_does_not_exist_redirect(request, self.opts, object_id)
        if not self.has_view_or_change_permission(request, obj):
            raise PermissionDenied
        if request.method == "POST":
            return self._decide(request, obj)
        return self._render_review(request, obj, ContradictionReviewForm())

    def _decide(self, request: HttpRequest, obj: Contradiction):
        if not self.has_change_permission(request, obj):
            raise PermissionDenied
        form = ContradictionReviewForm(request.POST)
        if not form.is_valid():
            return self._render_review(request, obj, form)
        holding = None
        holding_id = form.cleaned_data["holding_claim"]
        if holding_id in (obj.claim_a_id, obj.claim_b_id):
            holding = obj.claim_a if holding_id == obj.claim_a_id else obj.claim_b
        _, following = self._neighbours(obj)
        try:
            contradiction_review(
                contradiction=obj,
                action=form.cleaned_data["action"],
                reviewer=request.user,
                note=form.cleaned_data["note"],
                holding_claim=holding,
            )
        except ValidationError as exc:
            for message in exc.messages:
                form.add_error(None, message)
            return self._render_review(request, obj, form)
        self.message_user(
            request,
            f"Contradiction #{obj.pk}: {ReviewAction.PAST[form.cleaned_data['action']]}.",
            messages.SUCCESS,
        )
        if following is None:
            following = self._open_queue().exclude(pk=obj.pk).order_by("-detected_at", "-id").first()
        if following is not None:
            return HttpResponseRedirect(reverse("admin:claims_contradiction_change", args=[following.pk]))
        self.message_user(request, "The open queue is empty.", messages.INFO)
        return HttpResponseRedirect(
            reverse("admin:claims_contradiction_changelist") + f"?status__exact={ContradictionStatus.OPEN}"
        )

    def _render_review(self, request: HttpRequest, obj: Contradiction, form: forms.Form):
        obj = Contradiction.objects.select_related(
            "claim_a__claimant",
            "claim_a__relayed_by",
            "claim_a__accused",
            "claim_a__controller",
            "claim_a__place",
            "claim_a__article__outlet",
            "claim_b__claimant",
            "claim_b__relayed_by",
            "claim_b__accused",
            "claim_b__controller",
            "claim_b__place",
            "claim_b__article__outlet",
            "incident",
            "reviewed_by",
            "holding_claim",
        ).get(pk=obj.pk)
        previous, following = self._neighbours(obj)
        tz = display.incident_tz(obj.incident)
        sides = [
            {
                "label": label,
                "claim": claim,
                "quote": display.quote_in_context(claim),
                "chain": display.claimant_chain(claim),
                "figures": display.claim_figures(claim),
                "outlet": claim.article.outlet if claim.article_id and claim.article.outlet_id else None,
                "url": reverse("admin:claims_claim_change", args=[claim.pk]),
                "stated": display.local_time(claim.stated_at, tz),
                "event": display.local_time(claim.event_start, tz),
                "event_end": display.local_time(claim.event_end, tz)
                if claim.event_end and claim.event_end != claim.event_start
                else None,
            }
            for label, claim in (("A", obj.claim_a), ("B", obj.claim_b))
        ]
        context = {
            **self.admin_site.each_context(request),
            "title": f"Contradiction #{obj.pk}: {obj.get_kind_display()}",
            "subtitle": None,
            "opts": self.opts,
            "original": obj,
            "contradiction": obj,
            "sides": sides,
            "detected": display.local_time(obj.detected_at, tz),
            "reviewed": display.local_time(obj.reviewed_at, tz),
            "form": form,
            "open_count": self._open_queue().count(),
            "previous": previous,
            "following": following,
            "can_change": self.has_change_permission(request, obj),
            "has_view_permission": True,
            "history_url": reverse("admin:claims_contradiction_history", args=[obj.pk]),
            "queue_url": reverse("admin:claims_contradiction_changelist")
            + f"?status__exact={ContradictionStatus.OPEN}",
        }
        return TemplateResponse(request, self.review_template, context)
