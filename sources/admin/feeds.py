"""Admin for what comes in by itself: feeds and their entries, and the URLs partners submit."""

from __future__ import annotations

from django.contrib import admin, messages
from django.db import models
from django.http import HttpRequest
from django.urls import reverse
from django.utils.html import format_html

from factcheck.admin_tools import ReadOnlyAdminMixin, ReviewAdminMixin
from sources.feeds import feed_poll_enqueue
from sources.models import Feed, FeedEntry, UrlSubmission


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
