"""The claim review queue: the claim page, its list, and the review and note views.

Its filters, forms and bulk actions are in ``claim_filters``, ``claim_forms`` and ``claim_actions``.
"""

from __future__ import annotations

from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Q
from django.http import HttpRequest, HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.urls import path, reverse
from django.utils.decorators import method_decorator
from django.utils.html import format_html, format_html_join
from django.views.decorators.http import require_POST

from claims.admin.claim_actions import assign_to_incident, reject, verify
from claims.admin.claim_filters import (
    AccusedFilter,
    ChosenRelatedFieldListFilter,
    ClaimantFilter,
    ClaimantSideFilter,
    IncidentFilter,
    OpenContradictionsFilter,
)
from claims.admin.claim_forms import ClaimAdminForm
from claims.admin.names import ClaimChangeList
from claims.admin.verdicts import safe_next
from claims.models import Claim, ClaimOrigin, ClaimStatus, Contradiction, Note, Verdict
from claims.selectors.checks import claims_with_check_state
from claims.selectors.claims import claims_matching_text
from claims.services.claims import (
    EDITABLE_FIELDS,
    REVIEW_STATUSES,
    claim_create,
    claim_update,
    claims_delete,
)
from claims.services.disputes import note_add
from credibility import admin as credibility_admin
from credibility.selectors import related_or_none
from review import display
from review.admin_tools import AuditedAdmin, LocalTimeAdminMixin
from review.services import claim_review


# simple_history leaves object_history_template a plain str; the stubs make it a ClassVar of any template.
@admin.register(Claim)
class ClaimAdmin(LocalTimeAdminMixin, AuditedAdmin):  # type: ignore[misc]
    """The claim review queue: filter, read the quote in its article, verify or reject in bulk."""

    form = ClaimAdminForm

    def get_changelist(self, request, **kwargs):
        return ClaimChangeList

    list_display = (
        "id",
        "short_quote",
        "kind",
        "claimant_chain",
        "figures",
        "status",
        "stated",
        "outlet",
        "incident",
        "awaiting_check_since",
    )
    list_display_links = ("id", "short_quote")
    list_filter = (
        "status",
        "kind",
        ("conflict", admin.RelatedFieldListFilter),
        ClaimantFilter,
        ClaimantSideFilter,
        AccusedFilter,
        IncidentFilter,
        ("article__outlet", ChosenRelatedFieldListFilter),
        ("place", ChosenRelatedFieldListFilter),
        ("stated_at", admin.DateFieldListFilter),
        OpenContradictionsFilter,
    )
    search_fields = ("quote", "claimant__name", "article__title")
    search_help_text = "Words in the quote, the claimant's name or the article's title."
    # The parties and the place come in two queries per page (``claims_fill_names``).
    list_select_related = ("article__outlet", "incident", "conflict")
    autocomplete_fields = ("claimant", "relayed_by", "accused", "controller", "incident", "place", "article")
    readonly_fields = (
        "quote_in_context",
        "article_view",
        "notes",
        "claimant_chain",
        "figures",
        "contradictions",
        "verdict_link",
        "claimant_credibility",
        "incident_likely",
        "origin",
        "reviewed_by",
        "reviewed_at",
        "changed_at",
        "awaiting_check_since",
    )
    fieldsets = (
        (
            "Quote",
            {
                "fields": (
                    "quote_in_context",
                    "article_view",
                    "article",
                    "quote",
                    ("quote_start", "quote_end"),
                )
            },
        ),
        (
            "Who",
            {"fields": ("claimant_chain", ("claimant", "relayed_by"), "claimant_credibility", "stated_at")},
        ),
        (
            "What",
            {
                "fields": (
                    "figures",
                    ("kind", "polarity"),
                    ("incident", "place"),
                    "incident_likely",
                    ("event_start", "event_end"),
                    ("killed_min", "killed_max"),
                    ("wounded_min", "wounded_max"),
                    ("displaced_min", "displaced_max"),
                    ("missing_min", "missing_max"),
                    "victim_group",
                    ("accused", "act"),
                    "controller",
                )
            },
        ),
        (
            "Review",
            {"fields": ("status", "verdict_link", "contradictions", ("reviewed_by", "reviewed_at"), "notes")},
        ),
        (
            "Bookkeeping",
            {"classes": ("collapse",), "fields": ("origin", ("changed_at", "awaiting_check_since"))},
        ),
    )
    actions = (verify, reject, assign_to_incident)
    change_form_template = "admin/claims/claim/change_form.html"

    def get_queryset(self, request: HttpRequest):
        """The claims with their check state read in the same query (``claims_with_check_state``)."""
        return claims_with_check_state(super().get_queryset(request))

    def delete_model(self, request: HttpRequest, obj: Claim) -> None:
        """Delete through ``claims_delete``, which checks the claims said again after it."""
        claims_delete(claim_ids=[obj.pk])

    def delete_queryset(self, request: HttpRequest, queryset) -> None:
        """The bulk "delete selected" action, through ``claims_delete`` as one claim's delete is."""
        claims_delete(claim_ids=queryset.values_list("pk", flat=True))

    def get_search_results(self, request: HttpRequest, queryset, search_term: str):
        """Search through the selector that unions indexed look-ups (see ``claims_matching_text``)."""
        if not search_term.strip():
            return queryset, False
        return claims_matching_text(queryset, text=search_term), False

    @admin.display(description="awaiting check since", ordering="awaiting_check_since")
    def awaiting_check_since(self, obj: Claim):
        # None for a claim checked since its last change (and on the add form).
        return display.local_time(getattr(obj, "awaiting_check_since", None), display.incident_tz(obj))

    @admin.display(description="quote")
    def short_quote(self, obj: Claim) -> str:
        quote = obj.quote or "—"
        return quote if len(quote) <= 90 else quote[:89] + "…"

    @admin.display(description="relayed by -> said by")
    def claimant_chain(self, obj: Claim) -> str:
        return display.claimant_chain(obj)

    @admin.display(description="figures")
    def figures(self, obj: Claim) -> str:
        return display.claim_figures(obj)

    @admin.display(description="claimant's credibility")
    def claimant_credibility(self, obj: Claim):
        if not obj.claimant_id:
            return "—"
        return credibility_admin.summary_html(related_or_none(obj.claimant, "credibility"))

    @admin.display(description="incident's most likely figure")
    def incident_likely(self, obj: Claim) -> str:
        incident = obj.incident
        if incident is None:
            return "—"
        estimate = related_or_none(incident, "estimate")
        return (
            f"killed {credibility_admin.likely_text(estimate, 'killed')}, "
            f"wounded {credibility_admin.likely_text(estimate, 'wounded')}; "
            f"range {display.casualty_range(incident.killed_low, incident.killed_high)} killed"
        )

    @admin.display(description="outlet", ordering="article__outlet__name")
    def outlet(self, obj: Claim) -> str:
        article = obj.article
        return str(article.outlet) if article is not None and article.outlet_id else "—"

    @admin.display(description="quote in its article")
    def quote_in_context(self, obj: Claim):
        return display.quote_in_context(obj)

    @admin.display(description="contradictions")
    def contradictions(self, obj: Claim):
        if not obj.pk:
            return "—"
        rows = (
            Contradiction.objects.filter(Q(claim_a=obj) | Q(claim_b=obj))
            .select_related(
                *(
                    f"{c}__{p}"
                    for c in ("claim_a", "claim_b")
                    for p in ("claimant", "accused", "controller", "place")
                )
            )
            .order_by("-detected_at", "-id")[:50]
        )
        items = [
            (
                reverse("admin:claims_contradiction_change", args=[c.pk]),
                c.get_kind_display(),
                c.get_status_display(),
                reverse("admin:claims_claim_change", args=[other.pk]),
                other.pk,
                other.claimant,
                display.claim_figures(other),
                c.explanation,
            )
            for c in rows
            for other in [c.claim_b if c.claim_a_id == obj.pk else c.claim_a]
        ]
        if not items:
            return "None"
        return format_html(
            '<table class="claim-contradictions"><tr><th>Kind</th><th>Status</th><th>Other claim</th>'
            "<th>Why</th></tr>{}</table>",
            format_html_join(
                "",
                '<tr><td><a href="{}">{}</a></td><td>{}</td><td><a href="{}">#{}</a> {}: {}</td><td>{}</td></tr>',
                items,
            ),
        )

    @admin.display(description="verdict")
    def verdict_link(self, obj: Claim):
        if not obj.pk:
            return "—"
        verdict = Verdict.objects.filter(claim=obj).first()
        if verdict is None:
            return format_html(
                '<a href="{}?claim={}">Add a verdict</a>', reverse("admin:claims_verdict_add"), obj.pk
            )
        return format_html(
            '<a href="{}">{}</a>{}',
            reverse("admin:claims_verdict_change", args=[verdict.pk]),
            verdict,
            " (withdrawn)" if verdict.withdrawn else "",
        )

    def time_zone_for(self, obj: Claim | None):
        return display.incident_tz(obj)

    @admin.display(description="stated", ordering="stated_at")
    def stated(self, obj: Claim):
        return display.local_time(obj.stated_at, display.incident_tz(obj))

    def related_history(self, request: HttpRequest, obj: Claim):
        return [
            ("Verdict", Verdict.history.filter(claim_id=obj.pk)),
            ("Note", Note.history.filter(claim_id=obj.pk)),
        ]

    def get_urls(self):
        view = self.admin_site.admin_view
        return [
            path("<path:object_id>/review/", view(self.review_view), name="claims_claim_review"),
            path("<path:object_id>/note/", view(self.note_view), name="claims_claim_note"),
            *super().get_urls(),
        ]

    @method_decorator(require_POST)
    def review_view(self, request: HttpRequest, object_id: str):
        """POST ``status`` (verified, rejected, pending) from another page, e.g. the contradiction page;
        goes back to ``next``."""
        claim = get_object_or_404(Claim, pk=object_id)
        if not self.has_change_permission(request, claim):
            raise PermissionDenied
        try:
            claim_review(claim=claim, status=request.POST.get("status", ""), reviewer=request.user)
        except ValidationError as exc:
            self.message_user(request, " ".join(exc.messages), messages.ERROR)
        else:
            self.message_user(
                request, f"Claim #{claim.pk}: {claim.get_status_display().lower()}.", messages.SUCCESS
            )
        return HttpResponseRedirect(safe_next(request, reverse("admin:claims_claim_change", args=[claim.pk])))

    @method_decorator(require_POST)
    def note_view(self, request: HttpRequest, object_id: str):
        claim = get_object_or_404(Claim, pk=object_id)
        if not self.has_change_permission(request, claim):
            raise PermissionDenied
        try:
            note_add(author=request.user, text=request.POST.get("text", ""), claim=claim)
        except ValidationError as exc:
            self.message_user(request, " ".join(exc.messages), messages.ERROR)
        return HttpResponseRedirect(reverse("admin:claims_claim_change", args=[claim.pk]))

    def _next_pending(self, claim: Claim) -> Claim | None:
        """The pending claim after ``claim`` in the queue's order (newest stated first)."""
        after = Q(stated_at__lt=claim.stated_at) | Q(stated_at=claim.stated_at, id__lt=claim.pk)
        return (
            Claim.objects.filter(status=ClaimStatus.PENDING)
            .filter(after)
            .exclude(pk=claim.pk)
            .order_by("-stated_at", "-id")
            .only("id")
            .first()
        )

    def response_change(self, request: HttpRequest, obj: Claim):
        if "_saveandnext" in request.POST:
            following = self._next_pending(obj)
            self.message_user(request, f"Claim #{obj.pk} saved.", messages.SUCCESS)
            if following is not None:
                return HttpResponseRedirect(reverse("admin:claims_claim_change", args=[following.pk]))
            self.message_user(request, "No pending claim after this one.", messages.INFO)
            return HttpResponseRedirect(reverse("admin:claims_claim_changelist") + "?status__exact=pending")
        return super().response_change(request, obj)

    @admin.display(description="notes")
    def notes(self, obj: Claim):
        if not obj.pk:
            return "—"
        rows = [
            (
                n.author or "system",
                display.local_time(n.created_at, display.incident_tz(obj)),
                n.text,
            )
            for n in Note.objects.filter(claim=obj)
            .select_related("author")
            .order_by("created_at", "id")[:100]
        ]
        listed = format_html_join("", "<li><strong>{}</strong> {}: {}</li>", rows) if rows else "None yet."
        return format_html('<ul class="claim-notes">{}</ul>', listed)

    @admin.display(description="article view")
    def article_view(self, obj: Claim):
        if not obj.article_id:
            return "—"
        return format_html(
            '<a href="{}">The article with every claim highlighted</a>',
            reverse("admin:sources_article_claims", args=[obj.article_id]),
        )

    def save_model(self, request: HttpRequest, obj: Claim, form, change: bool) -> None:
        """Create through ``claim_create``; edit through ``claim_update`` (a changed checked field
        re-runs the contradiction check) and review status through ``claim_review``."""
        if not change:
            data = {name: form.cleaned_data[name] for name in form.Meta.fields if name in form.cleaned_data}
            claim = claim_create(
                claimant=data.pop("claimant"),
                kind=data.pop("kind"),
                stated_at=data.pop("stated_at"),
                article=data.pop("article"),
                status=data.pop("status"),
                origin=ClaimOrigin.REVIEWER,
                **data,
            )
            obj.pk = claim.pk
            obj._state.adding = False
            obj.refresh_from_db()
            return
        changes = {name: form.cleaned_data[name] for name in form.changed_data if name in EDITABLE_FIELDS}
        status = changes.pop("status", None)
        claim = Claim.objects.get(pk=obj.pk)
        if changes:
            claim = claim_update(claim=claim, **changes)
        if status is not None:
            if status in REVIEW_STATUSES:
                claim = claim_review(claim=claim, status=status, reviewer=request.user)
            else:
                claim = claim_update(claim=claim, status=status)
        obj.refresh_from_db()
