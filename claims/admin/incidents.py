"""Incidents: the timeline of their claims, merge and split."""

from __future__ import annotations

from typing import cast

from django import forms
from django.contrib import admin, messages
from django.contrib.admin.helpers import ACTION_CHECKBOX_NAME
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponseNotAllowed, HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.html import format_html, format_html_join

from claims.models import Incident, Note
from claims.services.disputes import note_add
from claims.services.incidents import incident_merge, incident_split
from credibility import admin as credibility_admin
from credibility.selectors import related_or_none
from review import display
from review.admin_tools import AuditedAdmin, LocalTimeAdminMixin


class IncidentMergeForm(forms.Form):
    target = forms.ModelChoiceField(queryset=Incident.objects.none(), widget=forms.RadioSelect)

    def __init__(self, *args, incidents=None, **kwargs):
        super().__init__(*args, **kwargs)
        cast(forms.ModelChoiceField, self.fields["target"]).queryset = incidents


# simple_history leaves object_history_template a plain str; the stubs make it a ClassVar of any template.
@admin.register(Incident)
class IncidentAdmin(LocalTimeAdminMixin, AuditedAdmin):  # type: ignore[misc]
    """Incidents: their claims on a timeline with the casualty range; merge several, split one."""

    list_display = (
        "__str__",
        "kind",
        "place",
        "starts",
        "grade",
        "killed_range",
        "conservative_killed",
        "likely_killed",
        "merged_into",
    )
    list_filter = (
        "kind",
        "grade",
        ("conflict", admin.RelatedFieldListFilter),
        ("place", admin.RelatedFieldListFilter),
        ("window_start", admin.DateFieldListFilter),
    )
    search_fields = ("title", "place__name")
    list_select_related = ("place", "merged_into", "estimate", "conflict")
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
        "notes",
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
        ("Notes", {"fields": ("notes",)}),
    )
    actions = ("merge_incidents",)
    change_form_template = "admin/claims/incident/change_form.html"
    timeline_limit = 300

    def time_zone_for(self, obj: Incident | None):
        return display.incident_tz(obj)

    @admin.display(description="starts", ordering="window_start")
    def starts(self, obj: Incident):
        return display.local_time(obj.window_start, display.incident_tz(obj))

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
        tz = display.incident_tz(obj)
        rows = [
            (
                display.local_time(claim.stated_at, tz),
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

    def related_history(self, request: HttpRequest, obj: Incident):
        return [("Note", Note.history.filter(incident_id=obj.pk))]

    @admin.display(description="notes")
    def notes(self, obj: Incident):
        if not obj.pk:
            return "—"
        tz = display.incident_tz(obj)
        rows = [
            (n.author or "system", display.local_time(n.created_at, tz), n.text)
            for n in Note.objects.filter(incident=obj)
            .select_related("author")
            .order_by("created_at", "id")[:100]
        ]
        return format_html_join("", "<p><strong>{}</strong> {}: {}</p>", rows) if rows else "None yet."

    def note_view(self, request: HttpRequest, object_id: str):
        incident = get_object_or_404(Incident, pk=object_id)
        if request.method != "POST":
            return HttpResponseNotAllowed(["POST"])
        if not self.has_change_permission(request, incident):
            raise PermissionDenied
        try:
            note_add(author=request.user, text=request.POST.get("text", ""), incident=incident)
        except ValidationError as exc:
            self.message_user(request, " ".join(exc.messages), messages.ERROR)
        return HttpResponseRedirect(reverse("admin:claims_incident_change", args=[incident.pk]))

    def get_urls(self):
        return [
            path(
                "<path:object_id>/note/",
                self.admin_site.admin_view(self.note_view),
                name="claims_incident_note",
            ),
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
            "selected": request.POST.getlist(ACTION_CHECKBOX_NAME),
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
