"""Reviewer admin for provenance: parties (a tree with aliases, merge), places with aliases, outlets and
articles. Writes to parties go through ``sources.services`` so tree paths and aliases stay right."""

from __future__ import annotations

from django import forms
from django.contrib import admin, messages
from django.contrib.admin import helpers
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import models
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.html import format_html

from claims.models import Claim
from claims.services.parties import party_merge
from credibility.admin import explanation_html, summary_html
from credibility.selectors import related_or_none
from factcheck.admin_tools import ReadOnlyAdminMixin, ReviewAdminMixin
from review import display
from review.admin_tools import AuditedAdmin
from sources.conflict_packs import PackError, pack_dump, pack_parse
from sources.conflicts import conflict_pack_export, conflict_pack_load
from sources.feeds import feed_poll_enqueue
from sources.ingestion import article_ingest, article_ingest_url
from sources.models import (
    Article,
    Conflict,
    ConflictSide,
    Feed,
    FeedEntry,
    Outlet,
    Party,
    PartyAlias,
    Place,
    PlaceAlias,
    UrlSubmission,
)
from sources.selectors import party_sides_prefetch
from sources.services import party_create, party_move
from sources.text import normalize_name


class AliasInlineForm(forms.ModelForm):
    """An alias must not be another party's (or place's) name already: aliases resolve to one owner."""

    def clean_alias(self) -> str:
        alias = self.cleaned_data["alias"]
        normalized = normalize_name(alias)
        if not normalized:
            raise forms.ValidationError("An alias needs at least one letter or digit.")
        clash = self._meta.model.objects.filter(normalized=normalized).exclude(pk=self.instance.pk).first()
        if clash is not None:
            owner = clash.party if isinstance(clash, PartyAlias) else clash.place
            raise forms.ValidationError(f"“{alias}” is already an alias of {owner}.")
        return alias


class PartyAliasInline(admin.TabularInline):
    model = PartyAlias
    form = AliasInlineForm
    fields = ("alias",)
    extra = 1


class PlaceAliasInline(admin.TabularInline):
    model = PlaceAlias
    form = AliasInlineForm
    fields = ("alias",)
    extra = 1


class PartyConflictFilter(admin.SimpleListFilter):
    """Parties with a side in one conflict."""

    title = "conflict"
    parameter_name = "conflict"

    def lookups(self, request, model_admin):
        return list(Conflict.objects.values_list("slug", "name"))

    def queryset(self, request, queryset):
        if self.value():
            return queryset.filter(conflict_sides__conflict__slug=self.value())
        return queryset


class PartyAdminForm(forms.ModelForm):
    same_as = forms.URLField(
        max_length=500,
        required=False,
        assume_scheme="https",
        help_text=Party._meta.get_field("same_as").help_text,
        label="Same as",
    )

    class Meta:
        model = Party
        fields = ["name", "kind", "parent", "description", "demonyms", "same_as", "needs_review"]

    def clean_parent(self):
        parent = self.cleaned_data["parent"]
        if parent and self.instance.pk and parent.tree_path.startswith(self.instance.tree_path):
            raise forms.ValidationError("A party cannot sit under itself or one of its own sub-parties.")
        return parent


class PartyMergeForm(forms.Form):
    target = forms.ModelChoiceField(queryset=Party.objects.none(), widget=forms.RadioSelect)

    def __init__(self, *args, parties=None, **kwargs):
        super().__init__(*args, **kwargs)
        target = self.fields["target"]
        assert isinstance(target, forms.ModelChoiceField)
        target.queryset = parties


@admin.register(Party)
class PartyAdmin(AuditedAdmin):
    """The party tree (ordered by tree path, indented by depth) with aliases inline and a merge action."""

    form = PartyAdminForm
    inlines = (PartyAliasInline,)
    list_display = ("tree_name", "kind", "side_list", "alias_list", "credibility_score", "needs_review")
    list_filter = (PartyConflictFilter, "kind", "needs_review")
    search_fields = ("name", "aliases__alias")
    list_select_related = ("parent", "credibility")
    autocomplete_fields = ("parent",)
    readonly_fields = ("credibility_summary", "credibility_explanation")
    ordering = ("tree_path",)
    actions = ("merge_parties",)

    def get_queryset(self, request: HttpRequest):
        return (
            super()
            .get_queryset(request)
            .select_related("credibility")
            .prefetch_related("aliases", party_sides_prefetch())
        )

    @admin.display(description="credibility", ordering="credibility__score")
    def credibility_score(self, obj: Party) -> str:
        credibility = related_or_none(obj, "credibility")
        return "—" if credibility is None else f"{credibility.score:.2f} ({credibility.claims_counted})"

    @admin.display(description="credibility")
    def credibility_summary(self, obj: Party):
        return summary_html(related_or_none(obj, "credibility"))

    @admin.display(description="claims that moved it most")
    def credibility_explanation(self, obj: Party):
        return explanation_html(related_or_none(obj, "credibility"))

    @admin.display(description="party", ordering="tree_path")
    def tree_name(self, obj: Party):
        return format_html('<span style="padding-left: {}em">{}</span>', obj.depth * 1.5, obj.name)

    @admin.display(description="sides")
    def side_list(self, obj: Party) -> str:
        return ", ".join(f"{ps.side.label} ({ps.conflict.slug})" for ps in obj.conflict_sides.all()) or "—"

    @admin.display(description="aliases")
    def alias_list(self, obj: Party) -> str:
        return ", ".join(a.alias for a in obj.aliases.all() if a.alias != obj.name)

    def save_model(self, request: HttpRequest, obj: Party, form, change: bool) -> None:
        """New parties through ``party_create``; a new parent through ``party_move`` (rewrites the subtree)."""
        if not change:
            data = form.cleaned_data
            party = party_create(
                name=data["name"],
                kind=data["kind"],
                parent=data["parent"],
                description=data["description"],
                same_as=data["same_as"],
                needs_review=data["needs_review"],
            )
            obj.pk = party.pk
            obj._state.adding = False
            obj.refresh_from_db()
            return
        plain = [name for name in form.changed_data if name != "parent"]
        if plain:
            obj.save(update_fields=[*plain, "updated_at"])
        if "parent" in form.changed_data:
            moved = party_move(party=Party.objects.get(pk=obj.pk), parent=form.cleaned_data["parent"])
            obj.tree_path = moved.tree_path

    @admin.action(description="Merge selected parties into one", permissions=["change"])
    def merge_parties(self, request: HttpRequest, queryset):
        """Choose the party that stays; ``party_merge`` moves claims, aliases, outlets and sub-parties."""
        parties = queryset.order_by("tree_path")
        form = PartyMergeForm(request.POST if "apply" in request.POST else None, parties=parties)
        if form.is_valid():
            target = form.cleaned_data["target"]
            others = [p for p in parties if p.pk != target.pk]
            if not others:
                self.message_user(request, "Select at least two parties to merge.", messages.WARNING)
                return None
            party_merge(target=target, others=others)
            self.message_user(
                request, f"Merged {', '.join(p.name for p in others)} into {target}.", messages.SUCCESS
            )
            return None
        context = {
            **self.admin_site.each_context(request),
            "title": "Merge parties",
            "opts": self.model._meta,
            "form": form,
            "selected": request.POST.getlist(helpers.ACTION_CHECKBOX_NAME),
            "select_across": request.POST.get("select_across", "0"),
            "action": "merge_parties",
        }
        return TemplateResponse(request, "admin/review_action.html", context)


@admin.register(Place)
class PlaceAdmin(ReviewAdminMixin, admin.ModelAdmin):
    inlines = (PlaceAliasInline,)
    list_display = ("name", "kind", "country", "region", "alias_list", "latitude", "longitude")
    list_filter = ("kind", "country")
    search_fields = ("name", "aliases__alias")
    list_select_related = ("region",)
    autocomplete_fields = ("region",)

    def get_queryset(self, request: HttpRequest):
        return super().get_queryset(request).prefetch_related("aliases")

    @admin.display(description="aliases")
    def alias_list(self, obj: Place) -> str:
        return ", ".join(a.alias for a in obj.aliases.all() if a.alias != obj.name)


@admin.register(Outlet)
class OutletAdmin(ReviewAdminMixin, admin.ModelAdmin):
    list_display = ("name", "kind", "country", "domain", "party")
    list_filter = ("kind", "country")
    search_fields = ("name", "domain")
    list_select_related = ("party",)
    autocomplete_fields = ("party",)


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
        return [
            path(
                "<path:object_id>/claims/",
                self.admin_site.admin_view(self.claims_view),
                name="sources_article_claims",
            ),
            *super().get_urls(),
        ]

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


def _shortened(error: str, most: int = 120) -> str:
    """An error message cut to fit a list column (the whole text is on the object's page)."""
    return error if len(error) <= most else error[: most - 1] + "…"


@admin.register(Feed)
class FeedAdmin(ReviewAdminMixin, admin.ModelAdmin):
    """Feeds polled for new articles: when each was polled, when it is due, and why it last failed.

    "Poll now" sends the same ``poll_feed`` task beat sends, forced, so the feed is read at once.
    """

    # Narrow enough that the failures and the last error show without scrolling; the URL is on the page.
    list_display = (
        "__str__",
        "outlet",
        "conflict",
        "active",
        "last_polled_at",
        "next_poll_at",
        "consecutive_failures",
        "short_error",
    )
    list_filter = ("active", "conflict", ("last_error_at", admin.DateFieldListFilter))
    formfield_overrides = {models.URLField: {"assume_scheme": "https"}}
    search_fields = ("title", "url")
    list_select_related = ("outlet", "conflict")
    autocomplete_fields = ("outlet",)
    # What polling records: shown, never edited.
    readonly_fields = (
        "last_polled_at",
        "last_success_at",
        "consecutive_failures",
        "last_error",
        "last_error_at",
        "etag",
        "last_modified",
        "entries_link",
    )
    fields = (
        "url",
        "title",
        "outlet",
        "conflict",
        "active",
        "poll_interval",
        "next_poll_at",
        *readonly_fields,
    )
    actions = ("poll_now",)

    @admin.display(description="last error")
    def short_error(self, obj: Feed) -> str:
        return _shortened(obj.last_error)

    @admin.display(description="entries")
    def entries_link(self, obj: Feed):
        if not obj.pk:
            return "—"
        url = reverse("admin:sources_feedentry_changelist") + f"?feed__id__exact={obj.pk}"
        return format_html('<a href="{}">Entries of this feed</a>', url)

    @admin.action(description="Poll the selected feeds now", permissions=["change"])
    def poll_now(self, request: HttpRequest, queryset) -> None:
        feed_ids = list(queryset.values_list("pk", flat=True))
        feed_poll_enqueue(feed_ids=feed_ids)
        self.message_user(
            request, f"Polling {len(feed_ids)} feed(s); refresh to see the result.", messages.SUCCESS
        )


@admin.register(FeedEntry)
class FeedEntryAdmin(ReadOnlyAdminMixin, ReviewAdminMixin, admin.ModelAdmin):
    """What polling made of each feed entry (read-only): the article, or the error of its page."""

    list_display = ("__str__", "feed", "status", "article", "attempts", "short_error", "updated_at")
    list_filter = ("status", "feed")
    search_fields = ("title", "link", "guid")
    list_select_related = ("feed", "article")

    @admin.display(description="error")
    def short_error(self, obj: FeedEntry) -> str:
        return _shortened(obj.error)


@admin.register(UrlSubmission)
class UrlSubmissionAdmin(ReadOnlyAdminMixin, ReviewAdminMixin, admin.ModelAdmin):
    """URLs partners submitted over the API (read-only): queued, fetched with the article, or failed."""

    list_display = ("url", "submitted_by", "status", "article", "short_error", "created_at")
    list_filter = ("status", "submitted_by")
    search_fields = ("url",)
    list_select_related = ("submitted_by", "article")

    @admin.display(description="error")
    def short_error(self, obj: UrlSubmission) -> str:
        return _shortened(obj.error)


class ConflictPackUploadForm(forms.Form):
    pack = forms.FileField(
        help_text="A conflict pack (YAML, format factcheck-conflict-pack/1); see docs/conflict-packs.md."
    )


class ConflictSideInline(ReadOnlyAdminMixin, admin.TabularInline):
    model = ConflictSide
    fields = ("slug", "label", "kind", "colour", "opposed", "root_list")
    readonly_fields = fields
    extra = 0
    can_delete = False

    @admin.display(description="opposes")
    def opposed(self, obj: ConflictSide) -> str:
        return ", ".join(other.label for other in obj.opposes.all()) or "nobody"

    @admin.display(description="roots")
    def root_list(self, obj: ConflictSide) -> str:
        return ", ".join(root.name for root in obj.roots.all())

    def get_queryset(self, request):
        return super().get_queryset(request).prefetch_related("opposes", "roots")


@admin.register(Conflict)
class ConflictAdmin(ReadOnlyAdminMixin, ReviewAdminMixin, admin.ModelAdmin):
    """Conflicts come from packs: read here, loaded by uploading a pack (staff), exported as YAML."""

    list_display = ("name", "slug", "start_date", "end_date", "timezone", "side_labels", "pack_version")
    search_fields = ("name", "slug")
    fields = (
        "name",
        "slug",
        "start_date",
        "end_date",
        "timezone",
        "countries",
        "description",
        "pack_version",
    )
    readonly_fields = fields
    inlines = [ConflictSideInline]
    change_list_template = "admin/sources/conflict/change_list.html"

    def get_queryset(self, request):
        return super().get_queryset(request).prefetch_related("sides")

    @admin.display(description="sides")
    def side_labels(self, obj: Conflict) -> str:
        return ", ".join(side.label for side in obj.sides.all())

    def get_urls(self):
        urls = super().get_urls()
        upload = path("upload/", self.admin_site.admin_view(self.upload_view), name="sources_conflict_upload")
        export = path(
            "<path:object_id>/export/",
            self.admin_site.admin_view(self.export_view),
            name="sources_conflict_export",
        )
        return [upload, export, *urls]

    def upload_view(self, request: HttpRequest):
        """Load an uploaded pack with ``conflict_pack_load``: all of it or, on any error, nothing."""
        if not request.user.is_staff or not request.user.has_perm("sources.add_conflict"):
            raise PermissionDenied
        form = ConflictPackUploadForm(request.POST or None, request.FILES or None)
        if request.method == "POST" and form.is_valid():
            upload = form.cleaned_data["pack"]
            try:
                text = upload.read().decode("utf-8")
                outcome = conflict_pack_load(pack=pack_parse(text, source=upload.name))
            except UnicodeDecodeError:
                form.add_error("pack", f"{upload.name}: not UTF-8 text.")
            except PackError as error:
                form.add_error("pack", str(error))
            else:
                self.message_user(request, outcome.summary(), messages.SUCCESS)
                return HttpResponseRedirect(reverse("admin:sources_conflict_changelist"))
        context = {**self.admin_site.each_context(request), "form": form, "title": "Load a conflict pack"}
        return TemplateResponse(request, "admin/sources/conflict/upload.html", context)

    def export_view(self, request: HttpRequest, object_id: str):
        conflict = self.get_object(request, object_id)
        if conflict is None:
            raise Http404("No such conflict.")
        response = HttpResponse(
            pack_dump(conflict_pack_export(conflict=conflict)), content_type="application/yaml"
        )
        response["Content-Disposition"] = f'attachment; filename="{conflict.slug}.yaml"'
        return response
