"""Admin building blocks every app's admin shares: a paginator that never counts a whole big table,
list defaults for reviewer lists, read-only admins for rows the system writes, and a history admin
whose audit trail is read-only and reads in words.

They know no app: the parts that do (local times of a conflict, filters by side or party tree) are in
``review.admin_tools``, above the domain apps.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from datetime import UTC, datetime
from typing import Any

from django.contrib import messages
from django.contrib.admin import ModelAdmin
from django.contrib.admin.helpers import ACTION_CHECKBOX_NAME
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import HttpRequest
from django.template.response import TemplateResponse
from django.urls import URLPattern, path
from django.utils.functional import cached_property
from django.utils.text import capfirst
from simple_history.admin import SimpleHistoryAdmin
from simple_history.models import DeletedObject
from simple_history.template_utils import HistoricalRecordContextHelper


class CappedCountPaginator(Paginator):
    """Counts at most ``cap`` rows (``SELECT COUNT(*) FROM (... LIMIT cap+1)``), so opening a list of a
    million claims reads a bounded number of index entries; the pagination says "more than 10000"."""

    cap = 10_000

    @cached_property
    def count(self) -> int:
        try:
            # A QuerySet; anything else (a list) has no order_by and is counted by len().
            counted = self.object_list.order_by()[: self.cap + 1].count()  # type: ignore[attr-defined]
        except (AttributeError, TypeError):
            counted = len(self.object_list)
        self.capped = counted > self.cap
        return min(counted, self.cap)

    capped = False


class ReviewAdminMixin:
    """What every reviewer list shares: capped counting, no full result count, one page of 50."""

    paginator: type[Paginator] = CappedCountPaginator
    show_full_result_count = False
    list_per_page = 50


class ReadOnlyAdminMixin:
    """For rows the system writes (logs, fetch outcomes, built reports): viewable, never added or edited by hand."""

    def has_add_permission(self, request, obj=None) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False


def admin_view_urls(model_admin: ModelAdmin, *views: tuple[str, Callable, str]) -> list[URLPattern]:
    """URL patterns for a model admin's own pages, ``(route, view, URL name)`` each, every view behind
    ``admin_site.admin_view`` (a logged-in staff user); put them before the admin's own URLs."""
    return [path(route, model_admin.admin_site.admin_view(view), name=name) for route, view, name in views]


def merge_choice(
    model_admin: ModelAdmin, request: HttpRequest, *, target: Any, selected: Iterable, plural: str
) -> list | None:
    """The selected objects other than ``target`` (the one a merge keeps), or ``None`` after warning the
    reviewer when there are none to fold into it."""
    others = [obj for obj in selected if obj.pk != target.pk]
    if not others:
        model_admin.message_user(request, f"Select at least two {plural} to merge.", messages.WARNING)
        return None
    return others


def action_form_response(
    model_admin: ModelAdmin, request: HttpRequest, *, form: Any, title: str, action: str, **context: Any
) -> TemplateResponse:
    """The page an admin action shows to ask for a choice (which object stays, where claims go): the
    form, and the selection carried over so that posting it runs ``action`` on the same rows."""
    page = {
        **model_admin.admin_site.each_context(request),
        "title": title,
        "opts": model_admin.model._meta,
        "form": form,
        **context,
        "selected": request.POST.getlist(ACTION_CHECKBOX_NAME),
        "select_across": request.POST.get("select_across", "0"),
        "action": action,
    }
    return TemplateResponse(request, "admin/review_action.html", page)


def utc_time_text(moment: datetime) -> str:
    """ "2020-10-11 02:00 UTC": how an audit trail shows a time when its admin names no zone."""
    return f"{moment.astimezone(UTC):%Y-%m-%d %H:%M} UTC"


def history_value(field, value: Any, *, time_text: Callable[[datetime], str] = utc_time_text) -> str:
    """One side of a change as a reviewer reads it: a choice's label, "—" for nothing, times through
    ``time_text``, the related object's name (or "#pk, since deleted" when it is really gone)."""
    if isinstance(value, DeletedObject):
        return "—" if value.pk is None else f"#{value.pk}, since deleted"
    if value is None or value in ("", []):
        return "—"
    if getattr(field, "choices", None):
        return str(dict(field.flatchoices).get(value, value))
    if isinstance(value, datetime):
        return time_text(value)
    if isinstance(value, bool):
        return "yes" if value else "no"
    return str(value)


class AuditHistoryHelper(HistoricalRecordContextHelper):
    """Changes in words: labels of choices, "—" for empty links (not "Deleted user (pk=None)")."""

    time_text: Callable[[datetime], str] = staticmethod(utc_time_text)

    def prepare_delta_change_value(self, change, value):
        return history_value(self.model._meta.get_field(change.field), value, time_text=self.time_text)


def history_changes(model, records: list, *, time_text: Callable[[datetime], str] = utc_time_text) -> None:
    """Set ``history_delta_changes`` on each of ``records`` (one object's, newest first): the fields that
    changed from the record before, or for the first record the values it was created with."""
    for current, previous in zip(records, [*records[1:], None], strict=True):
        if previous is not None:
            delta = current.diff_against(previous, foreign_keys_are_objs=True)
            helper = AuditHistoryHelper(model, current)
            helper.time_text = time_text
            current.history_delta_changes = helper.context_for_delta_changes(delta)
            continue
        created = []
        for field in model._meta.fields:
            if not field.editable or field.primary_key or not hasattr(current, field.attname):
                continue
            raw = getattr(current, field.attname)
            if raw is None or raw in ("", []):
                continue
            value = getattr(current, field.name, None) if field.is_relation else raw
            created.append(
                {
                    "field": capfirst(field.verbose_name),
                    "old": "—",
                    "new": history_value(field, value, time_text=time_text),
                }
            )
        current.history_delta_changes = created


class AuditedAdmin(ReviewAdminMixin, SimpleHistoryAdmin):
    """A history admin whose audit trail (who, when, what changed, from what, to what) is read-only.

    Reverting from the history page would write the model directly and skip the services that keep
    checks, tree paths and cached figures right, so reverting is switched off. Changes made by the
    system (the detection engine, recomputed figures) read "system"; ``related_history`` adds the trail
    of rows that belong to the object (a claim's verdict and notes) under its own.
    """

    #: How the trail shows a time; the reviewer admins show the conflict's local time.
    history_time_text: Callable[[datetime], str] = staticmethod(utc_time_text)
    object_history_template = "admin/audited_history.html"
    object_history_list_template = "admin/audited_history_list.html"

    def set_history_delta_changes(self, request, historical_records, foreign_keys_are_objs=True):
        records = list(historical_records)
        # The page's last record is diffed against the one before it, which may be on the next page.
        older = None
        if records:
            last = records[-1]
            older = (
                type(last)
                .objects.filter(**{self.model._meta.pk.attname: getattr(last, self.model._meta.pk.attname)})
                .filter(history_date__lte=last.history_date, history_id__lt=last.history_id)
                .order_by("-history_date", "-history_id")
                .first()
            )
        history_changes(self.model, [*records, *([older] if older else [])], time_text=self.history_time_text)

    def related_history(self, request, obj) -> list[tuple[str, Any]]:
        """(label, historical queryset) pairs whose records are shown with the object's own trail."""
        return []

    def history_view(self, request, object_id, extra_context=None):
        extra_context = dict(extra_context or {})
        obj = self.get_object(request, object_id)
        rows = []
        for label, queryset in self.related_history(request, obj) if obj else []:
            records = list(
                queryset.select_related("history_user").order_by("-history_date", "-history_id")[:200]
            )
            by_object: dict[Any, list] = {}
            for record in records:
                by_object.setdefault(getattr(record, record.instance_type._meta.pk.attname), []).append(
                    record
                )
            for same in by_object.values():
                history_changes(same[0].instance_type, same, time_text=self.history_time_text)
            rows += [(label, record) for record in records]
        rows.sort(key=lambda row: (row[1].history_date, row[1].history_id), reverse=True)
        extra_context["related_history"] = rows
        return super().history_view(request, object_id, extra_context)

    def revert_disabled(self, request, obj=None) -> bool:
        return True

    def history_form_view(self, request, object_id, version_id, extra_context=None):
        if request.method == "POST":
            raise PermissionDenied("Reverting from the audit trail is disabled; edit the object instead.")
        return super().history_form_view(request, object_id, version_id, extra_context)
