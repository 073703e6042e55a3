"""Verdicts: a reviewer's rating of a claim with evidence links."""

from __future__ import annotations

from django import forms
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponseNotAllowed, HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.urls import path, reverse
from django.utils.http import url_has_allowed_host_and_scheme

from claims.models import Claim, Verdict
from claims.services.reviews import evidence_links_clean
from review import display
from review.admin_tools import AuditedAdmin
from review.services import verdict_set, verdict_withdraw


def safe_next(request: HttpRequest, default: str) -> str:
    """Where to go back to: the ``next`` the page was opened with, if it is on this site."""
    target = request.POST.get("next") or request.GET.get("next") or ""
    if target and url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()}):
        return target
    return default


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
    list_display = ("claim", "rating", "reviewer", "withdrawn", "updated_at")
    list_filter = (
        "rating",
        "withdrawn",
        ("claim__conflict", admin.RelatedFieldListFilter),
        ("updated_at", admin.DateFieldListFilter),
    )
    search_fields = ("claim__quote", "summary", "claim__claimant__name")
    list_select_related = ("claim", "reviewer")
    autocomplete_fields = ("claim",)
    readonly_fields = ("reviewer", "withdrawn", "withdrawn_at", "withdrawn_by", "created_at", "updated_at")
    fields = (
        "claim",
        "rating",
        "claim_reviewed",
        "summary",
        "evidence",
        "reviewer",
        ("withdrawn", "withdrawn_at", "withdrawn_by"),
        "created_at",
        "updated_at",
    )
    change_form_template = "admin/claims/verdict/change_form.html"

    def get_urls(self):
        return [
            path(
                "<path:object_id>/withdraw/",
                self.admin_site.admin_view(self.withdraw_view),
                name="claims_verdict_withdraw",
            ),
            *super().get_urls(),
        ]

    def _with_quote(self, request: HttpRequest, claim_id, extra_context):
        """The claim's quote in its article above the form, so the rating is given where it was said."""
        context = dict(extra_context or {})
        claim = None
        if str(claim_id or "").isdigit():
            claim = (
                Claim.objects.select_related("article", "claimant", "relayed_by")
                .filter(pk=int(claim_id))
                .first()
            )
        if claim is not None:
            context["rated_claim"] = claim
            context["rated_quote"] = display.quote_in_context(claim)
            context["rated_chain"] = display.claimant_chain(claim)
        context["next_url"] = safe_next(request, "")
        return context

    def add_view(self, request: HttpRequest, form_url="", extra_context=None):
        claim_id = request.POST.get("claim") or request.GET.get("claim")
        return super().add_view(request, form_url, self._with_quote(request, claim_id, extra_context))

    def change_view(self, request: HttpRequest, object_id, form_url="", extra_context=None):
        verdict = (
            Verdict.objects.filter(pk=object_id).only("claim_id").first()
            if str(object_id).isdigit()
            else None
        )
        claim_id = verdict.claim_id if verdict else None
        return super().change_view(
            request, object_id, form_url, self._with_quote(request, claim_id, extra_context)
        )

    def _back(self, request: HttpRequest, response):
        target = safe_next(request, "")
        return HttpResponseRedirect(target) if target else response

    def response_add(self, request: HttpRequest, obj, post_url_continue=None):
        return self._back(request, super().response_add(request, obj, post_url_continue))

    def response_change(self, request: HttpRequest, obj):
        return self._back(request, super().response_change(request, obj))

    def withdraw_view(self, request: HttpRequest, object_id: str):
        """POST only: withdraw the verdict with ``verdict_withdraw`` (kept, with its trail, not deleted)."""
        if request.method != "POST":
            return HttpResponseNotAllowed(["POST"])
        verdict = get_object_or_404(Verdict, pk=object_id)
        if not self.has_change_permission(request, verdict):
            raise PermissionDenied
        verdict_withdraw(
            verdict=verdict, reviewer=request.user, reason=request.POST.get("reason", "").strip()
        )
        self.message_user(request, f"Verdict on claim #{verdict.claim_id} withdrawn.", messages.SUCCESS)
        return HttpResponseRedirect(
            safe_next(request, reverse("admin:claims_verdict_change", args=[verdict.pk]))
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
