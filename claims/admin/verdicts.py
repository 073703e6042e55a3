"""Verdicts: a reviewer's rating of a claim with evidence links."""

from __future__ import annotations

from django import forms
from django.contrib import admin
from django.core.exceptions import ValidationError
from django.http import HttpRequest

from claims.models import (
    Verdict,
)
from claims.services.reviews import evidence_links_clean, verdict_set
from review.admin_tools import AuditedAdmin


class VerdictAdminForm(forms.ModelForm):
    """Evidence links are typed one per line; ``verdict_set`` checks they are http(s) URLs."""

    evidence = forms.CharField(
        required=False,
        widget=forms.Textarea(attrs={"rows": 4, "cols": 80}),
        help_text="One http(s) link per line.",
    )

    class Meta:
        model = Verdict
        fields = ["claim", "rating", "summary"]

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
    fields = ("claim", "rating", "summary", "evidence", "reviewer", "created_at", "updated_at")

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
        )
        obj.pk = verdict.pk
        obj._state.adding = False
        obj.refresh_from_db()
