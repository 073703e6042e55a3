"""The contradiction queue and its side-by-side review page."""

from __future__ import annotations

from django import forms
from django.contrib import admin, messages
from django.contrib.admin.views.main import ChangeList
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Count, Q
from django.http import HttpRequest, HttpResponseNotAllowed, HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.html import format_html

from claims.admin.claims import claims_fill_names
from claims.admin.verdicts import safe_next
from claims.models import (
    Contradiction,
    ContradictionStatus,
    DismissReason,
    Note,
    Verdict,
)
from claims.services.disputes import (
    dispute_heads,
    dispute_lock,
    dispute_q,
    dispute_release,
    dispute_settle,
    dispute_take,
    dispute_take_next,
    note_add,
)
from claims.services.reviews import ReviewAction, contradiction_review
from review import display
from review.admin_tools import AuditedAdmin, PartyTreeFilter, SideFilter
from sources.models import Place


class AssignmentFilter(admin.SimpleListFilter):
    """The reviewer's own queue ("assigned to me") and the pool ("unassigned")."""

    title = "assigned"
    parameter_name = "assigned"

    def lookups(self, request, model_admin):
        return [("me", "Assigned to me"), ("none", "Unassigned"), ("others", "Assigned to others")]

    def queryset(self, request, queryset):
        value = self.value()
        if value == "me":
            return queryset.filter(assigned_to=request.user)
        if value == "none":
            return queryset.filter(assigned_to__isnull=True)
        if value == "others":
            return queryset.filter(assigned_to__isnull=False).exclude(assigned_to=request.user)
        return queryset


class DisputeFilter(admin.SimpleListFilter):
    """By default the queue lists disputes (one row per incident and kind); "every pair" lists rows."""

    title = "show"
    parameter_name = "pairs"

    def lookups(self, request, model_admin):
        return [("all", "Every pair")]

    def queryset(self, request, queryset):
        return queryset if self.value() == "all" else dispute_heads(queryset)


class EitherPartyFilter(PartyTreeFilter):
    """Either claimant is the party or under it."""

    title = "party (with sub-parties)"
    parameter_name = "party"

    def queryset(self, request, queryset):
        if not self.value():
            return queryset
        self.field_path = "claim_a__claimant"
        by_a = super().queryset(request, queryset)
        self.field_path = "claim_b__claimant"
        by_b = super().queryset(request, queryset)
        return by_a | by_b


class ContradictionIncidentFilter(admin.SimpleListFilter):
    title = "incident"
    parameter_name = "incident"

    def lookups(self, request, model_admin):
        value = self.value()
        return [(value, f"Incident #{value}")] if value and value.isdigit() else []

    def queryset(self, request, queryset):
        value = self.value()
        return queryset.filter(incident_id=int(value)) if value and value.isdigit() else queryset


class ContradictionPlaceFilter(admin.SimpleListFilter):
    """The place of the contradiction's incident, chosen from the review page or a link.

    It lists only the place chosen: listing every place some incident of some contradiction is at
    (``RelatedOnlyFieldListFilter``) joined every contradiction to its incident on each page load,
    300 ms at 100,000 contradictions.
    """

    title = "place"
    parameter_name = "place"

    def lookups(self, request, model_admin):
        value = self.value()
        if not (value and value.isdigit()):
            return []
        place = Place.objects.filter(pk=int(value)).only("name").first()
        return [(value, place.name if place else f"Place #{value}")]

    def queryset(self, request, queryset):
        value = self.value()
        return queryset.filter(incident__place_id=int(value)) if value and value.isdigit() else queryset


class ScoreFilter(admin.SimpleListFilter):
    title = "score"
    parameter_name = "score"
    BANDS = {"high": (0.9, 1.01), "mid": (0.7, 0.9), "low": (0.0, 0.7)}

    def lookups(self, request, model_admin):
        return [("high", "0.9 and over"), ("mid", "0.7 to 0.9"), ("low", "under 0.7")]

    def queryset(self, request, queryset):
        band = self.BANDS.get(self.value() or "")
        return queryset.filter(score__gte=band[0], score__lt=band[1]) if band else queryset


class ContradictionClaimantSideFilter(SideFilter):
    title = "side of either claimant"
    parameter_name = "side"

    def queryset(self, request, queryset):
        value = self.value()
        if value and value.isdigit():
            side = int(value)
            return queryset.filter(
                Q(claim_a__claimant__conflict_sides__side_id=side)
                | Q(claim_b__claimant__conflict_sides__side_id=side)
            ).distinct()
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
    dismiss_reason = forms.ChoiceField(choices=[("", "—"), *DismissReason.choices], required=False)

    def clean(self):
        super().clean()
        data = self.cleaned_data
        if data.get("action") == ReviewAction.DISMISS and not data.get("dismiss_reason"):
            self.add_error(
                "dismiss_reason", "Say why it is dismissed: the reasons are counted to improve the rules."
            )
        return data


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
    review_template = "admin/claims/contradiction/review.html"

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
        action = form.cleaned_data["action"]
        try:
            settled = dispute_settle(
                contradiction=obj,
                action=action,
                reviewer=request.user,
                note=form.cleaned_data["note"],
                holding_claim=holding,
                dismiss_reason=form.cleaned_data["dismiss_reason"],
            )
        except ValidationError as exc:
            for message in exc.messages:
                form.add_error(None, message)
            return self._render_review(request, obj, form)
        pairs = f" ({len(settled.decided)} pairs)" if len(settled.decided) > 1 else ""
        self.message_user(
            request,
            format_html(
                'Contradiction #{}: {}{}. <a href="{}" id="back-to-decided">Back to #{}</a>',
                obj.pk,
                ReviewAction.PAST[action],
                pairs,
                reverse("admin:claims_contradiction_change", args=[obj.pk]),
                obj.pk,
            ),
            messages.SUCCESS,
        )
        if settled.left_open:
            self.message_user(
                request,
                f"Left open (which claim holds could not be told): #{', #'.join(map(str, settled.left_open))}.",
                messages.WARNING,
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
            "claim_a__conflict",
            "incident__conflict",
            "reviewed_by",
            "holding_claim",
            "assigned_to",
        ).get(pk=obj.pk)
        lock = None
        if obj.status == ContradictionStatus.OPEN and self.has_change_permission(request, obj):
            lock = dispute_lock(contradiction=obj, reviewer=request.user)
        here = reverse("admin:claims_contradiction_change", args=[obj.pk])
        dispute = list(
            Contradiction.objects.filter(dispute_q(obj))
            .select_related("claim_a__claimant", "claim_b__claimant")
            .order_by("id")[:50]
        )
        notes = list(
            Note.objects.filter(contradiction=obj).select_related("author").order_by("created_at", "id")
        )
        verdicts = {
            v.claim_id: v for v in Verdict.objects.filter(claim_id__in=[obj.claim_a_id, obj.claim_b_id])
        }
        previous, following = self._neighbours(obj)
        tz = display.incident_tz(obj.incident or obj.claim_a)
        sides = [
            {
                "label": label,
                "claim": claim,
                "quote": display.quote_in_context(claim),
                "chain": display.claimant_chain(claim),
                "figures": display.claim_figures(claim),
                "outlet": claim.article.outlet
                if claim.article is not None and claim.article.outlet_id
                else None,
                "url": reverse("admin:claims_claim_change", args=[claim.pk]),
                "stated": display.local_time(claim.stated_at, tz),
                "event": display.local_time(claim.event_start, tz),
                "event_end": display.local_time(claim.event_end, tz)
                if claim.event_end and claim.event_end != claim.event_start
                else None,
                "review_url": reverse("admin:claims_claim_review", args=[claim.pk]),
                "verdict": verdicts.get(claim.pk),
                "verdict_url": (
                    reverse("admin:claims_verdict_change", args=[verdicts[claim.pk].pk])
                    if claim.pk in verdicts
                    else reverse("admin:claims_verdict_add") + f"?claim={claim.pk}"
                ),
                "article_url": reverse("admin:sources_article_claims", args=[claim.article_id])
                if claim.article_id
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
            "here": here,
            "lock": lock,
            "lock_until": display.local_time(lock.until, tz) if lock else None,
            "dispute": dispute,
            "dispute_open": sum(1 for c in dispute if c.status == ContradictionStatus.OPEN),
            "notes": [(n, display.local_time(n.created_at, tz)) for n in notes],
            "dismiss_reasons": DismissReason.choices,
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
