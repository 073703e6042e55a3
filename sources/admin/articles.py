"""Admin for articles: reading one with its claims, and the ingestion form that stands for "Add"."""

from __future__ import annotations

from django import forms
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.urls import reverse

from claims.models import Claim
from factcheck.admin_tools import ReviewAdminMixin, admin_view_urls
from review import display
from sources.ingestion import article_ingest, article_ingest_url
from sources.models import Article, Conflict


class ArticleIngestForm(forms.Form):
    """What a reviewer pastes: the text (or the page's HTML) and what is known about it."""

    title = forms.CharField(max_length=500, required=False)
    url = forms.URLField(
        max_length=1000,
        required=False,
        assume_scheme="https",
        help_text="Give only the URL (no text or HTML) to fetch the page and read the article from it.",
    )
    outlet = forms.CharField(max_length=200, required=False, help_text="Outlet name; created if new.")
    conflict = forms.ModelChoiceField(
        queryset=Conflict.objects.all(), required=False, help_text="Inferred from the text when left empty."
    )
    published_at = forms.DateTimeField(required=False, help_text="e.g. 2020-10-11 09:30")
    language = forms.CharField(
        max_length=10, required=False, initial="en", help_text="A fetched page's own language if empty."
    )
    body = forms.CharField(widget=forms.Textarea(attrs={"rows": 14}), required=False, help_text="Plain text.")
    html = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 6}), required=False, help_text="Or the page's HTML instead."
    )

    def clean(self):
        data = super().clean() or {}
        if (
            not (data.get("body") or "").strip()
            and not (data.get("html") or "").strip()
            and not data.get("url")
            and "url" not in self.errors
        ):
            raise ValidationError("Paste the article's text or its HTML, or give its URL to fetch it.")
        return data


@admin.register(Article)
class ArticleAdmin(ReviewAdminMixin, admin.ModelAdmin):
    """Articles arrive through ingestion; here a reviewer reads them (escaped) and fixes metadata.

    "Add" is the ingestion form: it calls the same ``article_ingest`` service as the API and the
    ``ingest`` command, and extraction runs as a task. The body, URL and hash are read-only: the claims'
    quote offsets point into the body.
    """

    list_display = ("short_title", "outlet", "conflict", "published_at", "language", "status")
    list_filter = ("status", "conflict", "conflict_needs_review", ("published_at", admin.DateFieldListFilter))
    search_fields = ("title", "url")
    list_select_related = ("outlet", "conflict")
    autocomplete_fields = ("outlet",)
    readonly_fields = ("url", "body", "content_hash", "status_message", "submitted_by", "created_at")
    fields = (
        "title",
        "url",
        "outlet",
        "conflict",
        "conflict_needs_review",
        "published_at",
        "language",
        "status",
        "status_message",
        "body",
        "content_hash",
        "submitted_by",
        "created_at",
    )

    def get_urls(self):
        own = admin_view_urls(self, ("<path:object_id>/claims/", self.claims_view, "sources_article_claims"))
        return [*own, *super().get_urls()]

    def claims_view(self, request: HttpRequest, object_id: str):
        """The article with every claim it yielded highlighted in place, each linking to its claim; a
        passage selected in the text can be added as a missed claim."""
        article = get_object_or_404(Article.objects.select_related("outlet"), pk=object_id)
        if not self.has_view_permission(request, article):
            raise PermissionDenied
        claims = list(
            Claim.objects.filter(article=article)
            .select_related("claimant", "relayed_by", "accused", "controller", "place")
            .order_by("quote_start", "id")
        )
        context = {
            **self.admin_site.each_context(request),
            "title": f"{article} — its claims",
            "opts": self.model._meta,
            "article": article,
            "claims": claims,
            "text": display.article_with_claims(article.body, claims),
            "add_claim_url": reverse("admin:claims_claim_add"),
            "can_add_claim": request.user.has_perm("claims.add_claim"),
        }
        return TemplateResponse(request, "admin/sources/article/claims.html", context)

    def add_view(self, request: HttpRequest, form_url: str = "", extra_context=None):
        """Ingest a pasted article; a refused one shows the service's message and stores nothing."""
        if not self.has_add_permission(request):
            raise PermissionDenied
        form = ArticleIngestForm(request.POST or None)
        if request.method == "POST" and form.is_valid():
            data = form.cleaned_data
            fields = {
                "title": data["title"],
                "outlet_name": data["outlet"] or None,
                "published_at": data["published_at"],
                "extract": "async",
                "conflict": data["conflict"],
            }
            try:
                if not (data["body"] or "").strip() and not (data["html"] or "").strip():
                    result = article_ingest_url(url=data["url"], language=data["language"] or None, **fields)
                else:
                    result = article_ingest(
                        body=data["body"] or None,
                        html=data["html"] or None,
                        url=data["url"] or None,
                        language=data["language"] or "en",
                        **fields,
                    )
            except ValidationError as exc:
                form.add_error(None, exc)
            else:
                article = result.article
                if result.created:
                    messages.success(request, f"“{article}” was ingested; its claims are being extracted.")
                else:
                    messages.info(request, f"This article was already here as “{article}”; nothing changed.")
                return HttpResponseRedirect(reverse("admin:sources_article_change", args=[article.pk]))
        context = {
            **self.admin_site.each_context(request),
            "title": "Ingest an article",
            "form": form,
            "opts": self.model._meta,
        }
        return TemplateResponse(request, "admin/sources/article/ingest.html", context)

    @admin.display(description="title", ordering="title")
    def short_title(self, obj: Article) -> str:
        title = str(obj)
        return title if len(title) <= 100 else title[:99] + "…"
