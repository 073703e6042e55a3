"""Reviewer admin for claims, contradictions, incidents and verdicts.

Every write goes through ``claims.services`` (the same functions as the API); the admin only collects
the reviewer's choices. Lists use a capped paginator, ``list_select_related`` and autocomplete widgets,
so a list of a million claims opens with a constant number of queries and no full table count.
"""

from __future__ import annotations

from django import forms
from django.contrib import admin, messages
from django.contrib.admin.widgets import AutocompleteSelect
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Q
from django.http import HttpRequest, HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.html import format_html, format_html_join

from claims.models import (
    Claim,
    ClaimOrigin,
    ClaimStatus,
    Contradiction,
    ContradictionStatus,
    Incident,
    Verdict,
)
from claims.selectors.claims import claims_matching_text
from claims.services.claims import (
    EDITABLE_FIELDS,
    REVIEW_STATUSES,
    claim_create,
    claim_quote_validate,
    claim_review,
    claim_update,
    claims_review,
)
from claims.services.incidents import incident_merge, incident_split, incidents_refresh
from claims.services.reviews import ReviewAction, contradiction_review, evidence_links_clean, verdict_set
from credibility import admin as credibility_admin
from credibility.selectors import related_or_none
from review import display
from review.admin_tools import AuditedAdmin, PartyTreeFilter, SideFilter

# --- Claims -----------------------------------------------------------------------------------------


class ClaimantFilter(PartyTreeFilter):
    title = "claimant (with sub-parties)"
    parameter_name = "claimant"
    field_path = "claimant"


class ClaimantSideFilter(SideFilter):
    title = "claimant's side"
    parameter_name = "claimant_side"
    field_path = "claimant"


class AccusedFilter(PartyTreeFilter):
    title = "accused (with sub-parties)"
    parameter_name = "accused"
    field_path = "accused"


class IncidentFilter(admin.SimpleListFilter):
    """Claims of one incident (by id, as linked from the incident page) or claims with no incident."""

    title = "incident"
    parameter_name = "incident"

    def lookups(self, request, model_admin):
        choices = [("none", "No incident")]
        value = self.value()
        if value and value.isdigit():
            choices.append((value, f"Incident #{value}"))
        return choices

    def queryset(self, request, queryset):
        value = self.value()
        if value == "none":
            return queryset.filter(incident__isnull=True)
        if value and value.isdigit():
            return queryset.filter(incident_id=int(value))
        return queryset


class OpenContradictionsFilter(admin.SimpleListFilter):
    title = "has open contradictions"
    parameter_name = "open_contradictions"

    def lookups(self, request, model_admin):
        return [("yes", "Yes"), ("no", "No")]

    def queryset(self, request, queryset):
        if self.value() not in ("yes", "no"):
            return queryset
        open_ = Contradiction.objects.filter(status=ContradictionStatus.OPEN)
        in_open = Q(pk__in=open_.values("claim_a_id")) | Q(pk__in=open_.values("claim_b_id"))
        return queryset.filter(in_open) if self.value() == "yes" else queryset.exclude(in_open)


class ClaimAdminForm(forms.ModelForm):
    """The editable claim fields; the quote must sit at its offsets in the article, as the service checks."""

    class Meta:
        model = Claim
        fields = [name for name in EDITABLE_FIELDS if name not in ("origin", "submitted_by")]

    def _post_clean(self):
        super()._post_clean()
        try:
            claim_quote_validate(self.instance)
        except ValidationError as exc:
            self._update_errors(exc)


class AssignIncidentForm(forms.Form):
    incident = forms.ModelChoiceField(
        queryset=Incident.objects.filter(merged_into__isnull=True),
        widget=AutocompleteSelect(Claim._meta.get_field("incident"), admin.site),
        help_text="Search incidents by title or place.",
    )


@admin.register(Claim)
class ClaimAdmin(AuditedAdmin):
    """The claim review queue: filter, read the quote in its article, verify or reject in bulk."""

    form = ClaimAdminForm
    list_display = (
        "id",
        "short_quote",
        "kind",
        "claimant_chain",
        "figures",
        "status",
        "stated_at",
        "outlet",
        "incident",
    )
    list_display_links = ("id", "short_quote")
    list_filter = (
        "status",
        "kind",
        ClaimantFilter,
        ClaimantSideFilter,
        AccusedFilter,
        IncidentFilter,
        ("article__outlet", admin.RelatedFieldListFilter),
        ("place", admin.RelatedFieldListFilter),
        ("stated_at", admin.DateFieldListFilter),
        OpenContradictionsFilter,
    )
    search_fields = ("quote", "claimant__name", "article__title")
    search_help_text = "Words in the quote, the claimant's name or the article's title."
    list_select_related = (
        "claimant",
        "relayed_by",
        "accused",
        "controller",
        "place",
        "article__outlet",
        "incident",
    )
    autocomplete_fields = ("claimant", "relayed_by", "accused", "controller", "incident", "place", "article")
    readonly_fields = (
        "quote_in_context",
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
        "checked_at",
    )
    fieldsets = (
        ("Quote", {"fields": ("quote_in_context", "article", "quote", ("quote_start", "quote_end"))}),
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
        ("Review", {"fields": ("status", "verdict_link", "contradictions", ("reviewed_by", "reviewed_at"))}),
        ("Bookkeeping", {"classes": ("collapse",), "fields": ("origin", ("changed_at", "checked_at"))}),
    )
    actions = ("verify", "reject", "assign_to_incident")
    change_form_template = "admin/claims/claim/change_form.html"

    @admin.display(description="quote")
    def get_search_results(self, request: HttpRequest, queryset, search_term: str):
        """Search through the selector that unions indexed look-ups (see ``claims_matching_text``)."""
        if not search_term.strip():
            return queryset, False
        return claims_matching_text(queryset, text=search_term), False

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
        if not obj.incident_id:
            return "—"
        estimate = related_or_none(obj.incident, "estimate")
        return (
            f"killed {credibility_admin.likely_text(estimate, 'killed')}, "
            f"wounded {credibility_admin.likely_text(estimate, 'wounded')}; "
            f"range {display.casualty_range(obj.incident.killed_low, obj.incident.killed_high)} killed"
        )

    @admin.display(description="outlet", ordering="article__outlet__name")
    def outlet(self, obj: Claim) -> str:
        return str(obj.article.outlet) if obj.article_id and obj.article.outlet_id else "—"

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
            '<a href="{}">{}</a>', reverse("admin:claims_verdict_change", args=[verdict.pk]), verdict
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

    def _review(self, request: HttpRequest, queryset, status: str, verb: str) -> None:
        changed = claims_review(
            claim_ids=list(queryset.values_list("pk", flat=True)), status=status, reviewer=request.user
        )
        self.message_user(request, f"{changed} claim(s) {verb}.", messages.SUCCESS)

    @admin.action(description="Verify selected claims", permissions=["change"])
    def verify(self, request: HttpRequest, queryset) -> None:
        self._review(request, queryset, ClaimStatus.VERIFIED, "verified")

    @admin.action(description="Reject selected claims", permissions=["change"])
    def reject(self, request: HttpRequest, queryset) -> None:
        self._review(request, queryset, ClaimStatus.REJECTED, "rejected")

    @admin.action(description="Assign selected claims to an incident", permissions=["change"])
    def assign_to_incident(self, request: HttpRequest, queryset):
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
            self.message_user(request, f"{len(claims)} claim(s) assigned to {incident}.", messages.SUCCESS)
            return None
        context = {
            **self.admin_site.each_context(request),
            "title": "Assign claims to an incident",
            "opts": self.model._meta,
            "form": form,
            "media": self.media + form.media,
            "queryset": queryset.select_related("claimant")[:200],
            "selected": request.POST.getlist(admin.helpers.ACTION_CHECKBOX_NAME),
            "select_across": request.POST.get("select_across", "0"),
            "action": "assign_to_incident",
        }
        return TemplateResponse(request, "admin/review_action.html", context)


# --- Contradictions ---------------------------------------------------------------------------------


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
            request, f"Contradiction #{obj.pk}: {form.cleaned_data['action']}ed.", messages.SUCCESS
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
        sides = [
            {
                "label": label,
                "claim": claim,
                "quote": display.quote_in_context(claim),
                "chain": display.claimant_chain(claim),
                "figures": display.claim_figures(claim),
                "outlet": claim.article.outlet if claim.article_id and claim.article.outlet_id else None,
                "url": reverse("admin:claims_claim_change", args=[claim.pk]),
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


# --- Incidents --------------------------------------------------------------------------------------


class IncidentMergeForm(forms.Form):
    target = forms.ModelChoiceField(queryset=Incident.objects.none(), widget=forms.RadioSelect)

    def __init__(self, *args, incidents=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["target"].queryset = incidents


@admin.register(Incident)
class IncidentAdmin(AuditedAdmin):
    """Incidents: their claims on a timeline with the casualty range; merge several, split one."""

    list_display = (
        "__str__",
        "kind",
        "place",
        "window_start",
        "grade",
        "killed_range",
        "conservative_killed",
        "likely_killed",
        "merged_into",
    )
    list_filter = (
        "kind",
        "grade",
        ("place", admin.RelatedFieldListFilter),
        ("window_start", admin.DateFieldListFilter),
    )
    search_fields = ("title", "place__name")
    list_select_related = ("place", "merged_into", "estimate")
    autocomplete_fields = ("place",)
    raw_id_fields = ("merged_into",)
    readonly_fields = (
        "killed_range",
        "conservative_killed",
        "likely_killed",
        "wounded_range",
        "likely_wounded",
        "killed_low",
        "killed_high",
        "wounded_low",
        "wounded_high",
        "merged_into",
        "timeline",
    )
    fieldsets = (
        (
            None,
            {"fields": ("title", "kind", "place", ("window_start", "window_end"), "grade", "merged_into")},
        ),
        (
            "Casualties over its sources",
            {
                "fields": (
                    ("killed_range", "conservative_killed", "likely_killed"),
                    ("wounded_range", "likely_wounded"),
                )
            },
        ),
        ("Claims on a timeline", {"fields": ("timeline",)}),
    )
    actions = ("merge_incidents",)
    change_form_template = "admin/claims/incident/change_form.html"
    timeline_limit = 300

    @admin.display(description="killed (min–max)")
    def killed_range(self, obj: Incident) -> str:
        return display.casualty_range(obj.killed_low, obj.killed_high)

    @admin.display(description="conservative figure")
    def conservative_killed(self, obj: Incident) -> str:
        return "—" if obj.killed_low is None else str(obj.killed_low)

    @admin.display(description="wounded (min–max)")
    def wounded_range(self, obj: Incident) -> str:
        return display.casualty_range(obj.wounded_low, obj.wounded_high)

    @admin.display(description="most likely killed", ordering="estimate__killed_likely")
    def likely_killed(self, obj: Incident) -> str:
        return credibility_admin.likely_text(related_or_none(obj, "estimate"), "killed")

    @admin.display(description="most likely wounded")
    def likely_wounded(self, obj: Incident) -> str:
        return credibility_admin.likely_text(related_or_none(obj, "estimate"), "wounded")

    def _timeline_claims(self, obj: Incident):
        return obj.claims.select_related(
            "claimant", "relayed_by", "accused", "controller", "place", "article__outlet"
        ).order_by("stated_at", "id")[: self.timeline_limit]

    @admin.display(description="timeline")
    def timeline(self, obj: Incident):
        if not obj.pk:
            return "—"
        rows = [
            (
                claim.stated_at.strftime("%Y-%m-%d %H:%M"),
                reverse("admin:claims_claim_change", args=[claim.pk]),
                claim.pk,
                display.claimant_chain(claim),
                display.claim_figures(claim),
                claim.get_status_display(),
                claim.quote[:200],
            )
            for claim in self._timeline_claims(obj)
        ]
        if not rows:
            return "No claims."
        return format_html(
            '<table class="incident-timeline"><tr><th>Stated</th><th>Claim</th><th>Who</th><th>Figures</th>'
            "<th>Status</th><th>Quote</th></tr>{}</table>",
            format_html_join(
                "",
                '<tr><td>{}</td><td><a href="{}">#{}</a></td><td>{}</td><td>{}</td><td>{}</td><td>{}</td></tr>',
                rows,
            ),
        )

    def get_urls(self):
        return [
            path(
                "<path:object_id>/split/",
                self.admin_site.admin_view(self.split_view),
                name="claims_incident_split",
            ),
            *super().get_urls(),
        ]

    @admin.action(description="Merge selected incidents", permissions=["change"])
    def merge_incidents(self, request: HttpRequest, queryset):
        """Choose the incident that stays, then fold the others into it with ``incident_merge``."""
        incidents = queryset.select_related("place")
        form = IncidentMergeForm(request.POST if "apply" in request.POST else None, incidents=incidents)
        if form.is_valid():
            target = form.cleaned_data["target"]
            others = [i for i in incidents if i.pk != target.pk]
            if not others:
                self.message_user(request, "Select at least two incidents to merge.", messages.WARNING)
                return None
            try:
                incident_merge(target=target, others=others)
            except ValidationError as exc:
                self.message_user(request, " ".join(exc.messages), messages.ERROR)
                return None
            self.message_user(request, f"Merged {len(others)} incident(s) into {target}.", messages.SUCCESS)
            return None
        context = {
            **self.admin_site.each_context(request),
            "title": "Merge incidents",
            "opts": self.model._meta,
            "form": form,
            "selected": request.POST.getlist(admin.helpers.ACTION_CHECKBOX_NAME),
            "select_across": request.POST.get("select_across", "0"),
            "action": "merge_incidents",
        }
        return TemplateResponse(request, "admin/review_action.html", context)

    def split_view(self, request: HttpRequest, object_id: str):
        """Choose claims of an incident to move into a new incident with ``incident_split``."""
        incident = get_object_or_404(Incident, pk=object_id)
        if not self.has_change_permission(request, incident):
            raise PermissionDenied
        claims = list(self._timeline_claims(incident))
        error = None
        if request.method == "POST":
            chosen = [int(pk) for pk in request.POST.getlist("claim_ids") if pk.isdigit()]
            try:
                new = incident_split(incident=incident, claim_ids=chosen)
            except ValidationError as exc:
                error = " ".join(exc.messages)
            else:
                self.message_user(request, f"Split {len(chosen)} claim(s) into {new}.", messages.SUCCESS)
                return HttpResponseRedirect(reverse("admin:claims_incident_change", args=[new.pk]))
        rows = [
            {
                "claim": claim,
                "chain": display.claimant_chain(claim),
                "figures": display.claim_figures(claim),
            }
            for claim in claims
        ]
        context = {
            **self.admin_site.each_context(request),
            "title": f"Split {incident}",
            "opts": self.opts,
            "original": incident,
            "rows": rows,
            "error": error,
        }
        return TemplateResponse(request, "admin/claims/incident/split.html", context)


# --- Verdicts ---------------------------------------------------------------------------------------


class VerdictAdminForm(forms.ModelForm):
    """Evidence links are typed one per line; ``verdict_set`` checks they are http(s) URLs."""

    evidence = forms.CharField(
        required=False,
        widget=forms.Textarea(attrs={"rows": 4, "cols": 80}),
        help_text="One http(s) link per line.",
    )

    class Meta:
        model = Verdict
        fields = ["claim", "rating", "claim_reviewed", "summary"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            self.fields["evidence"].initial = "\n".join(self.instance.evidence_links)

    def clean_evidence(self) -> list[str]:
        links = [line.strip() for line in self.cleaned_data["evidence"].splitlines() if line.strip()]
        try:
            return evidence_links_clean(links)
        except ValidationError as exc:
            raise ValidationError(exc.messages) from exc


@admin.register(Verdict)
class VerdictAdmin(AuditedAdmin):
    """A reviewer's rating of a claim (ClaimReview's alternateName) with evidence links."""

    form = VerdictAdminForm
    list_display = ("claim", "rating", "reviewer", "updated_at")
    list_filter = ("rating", ("updated_at", admin.DateFieldListFilter))
    search_fields = ("claim__quote", "summary", "claim__claimant__name")
    list_select_related = ("claim", "reviewer")
    autocomplete_fields = ("claim",)
    readonly_fields = ("reviewer", "created_at", "updated_at")
    fields = (
        "claim",
        "rating",
        "claim_reviewed",
        "summary",
        "evidence",
        "reviewer",
        "created_at",
        "updated_at",
    )

    def get_readonly_fields(self, request: HttpRequest, obj=None):
        # A verdict belongs to its claim: rating another claim is a new verdict.
        return (*self.readonly_fields, "claim") if obj else self.readonly_fields

    def save_model(self, request: HttpRequest, obj: Verdict, form, change: bool) -> None:
        """Through ``verdict_set``, as the API does; the reviewer is whoever is logged in."""
        verdict = verdict_set(
            claim=form.cleaned_data.get("claim") or obj.claim,
            rating=form.cleaned_data["rating"],
            reviewer=request.user,
            summary=form.cleaned_data["summary"],
            evidence_links=form.cleaned_data["evidence"],
            claim_reviewed=form.cleaned_data.get("claim_reviewed", ""),
        )
        obj.pk = verdict.pk
        obj._state.adding = False
        obj.refresh_from_db()
