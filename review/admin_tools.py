"""Building blocks shared by the reviewer admins: a paginator that never counts a whole big table,
a history admin whose audit trail is read-only, and list filters that stay cheap at a million rows."""

from __future__ import annotations

from django.contrib import admin
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db.models import Q
from django.utils.functional import cached_property
from simple_history.admin import SimpleHistoryAdmin

from sources.models import ConflictSide, Party


class CappedCountPaginator(Paginator):
    """Counts at most ``cap`` rows (``SELECT COUNT(*) FROM (... LIMIT cap+1)``), so opening a list of a
    million claims reads a bounded number of index entries; the pagination says "more than 10000"."""

    cap = 10_000

    @cached_property
    def count(self) -> int:
        try:
            counted = self.object_list.order_by()[: self.cap + 1].count()
        except (AttributeError, TypeError):
            counted = len(self.object_list)
        self.capped = counted > self.cap
        return min(counted, self.cap)

    capped = False


class ReviewAdminMixin:
    """What every reviewer list shares: capped counting, no full result count, one page of 50."""

    paginator = CappedCountPaginator
    show_full_result_count = False
    list_per_page = 50


class ReadOnlyAdminMixin:
    """For rows the system writes (logs, fetch outcomes, built reports): viewable, never added or edited by hand."""

    def has_add_permission(self, request, obj=None) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False


class AuditedAdmin(ReviewAdminMixin, SimpleHistoryAdmin):
    """A history admin whose audit trail (who, when, what changed) is read-only.

    Reverting from the history page would write the model directly and skip the services that keep
    checks, tree paths and cached figures right, so reverting is switched off.
    """

    def revert_disabled(self, request, obj=None) -> bool:
        return True

    def history_form_view(self, request, object_id, version_id, extra_context=None):
        if request.method == "POST":
            raise PermissionDenied("Reverting from the audit trail is disabled; edit the object instead.")
        return super().history_form_view(request, object_id, version_id, extra_context)


class SideFilter(admin.SimpleListFilter):
    """Filter by the side of a party field (``field_path``): a side of one conflict, from its pack."""

    field_path = "claimant"

    def lookups(self, request, model_admin):
        return [(str(side.pk), str(side)) for side in ConflictSide.objects.select_related("conflict")]

    def queryset(self, request, queryset):
        if self.value() and self.value().isdigit():
            return queryset.filter(**{f"{self.field_path}__conflict_sides__side_id": int(self.value())})
        return queryset


class PartyTreeFilter(admin.SimpleListFilter):
    """Filter by a party and everything below it in the tree ("Azerbaijan" includes its ministries).

    The choices list only the top two levels of the tree (one small query); any party id works in
    the URL, which is how the dashboard links to a party's claims.
    """

    field_path = "claimant"

    def lookups(self, request, model_admin):
        top = Party.objects.filter(Q(parent__isnull=True) | Q(parent__parent__isnull=True)).order_by(
            "tree_path"
        )
        choices = [(str(p.pk), ("\u2003" * p.depth) + p.name) for p in top.only("id", "name", "tree_path")]
        selected = self.value()
        if selected and selected.isdigit() and selected not in {c[0] for c in choices}:
            party = Party.objects.filter(pk=int(selected)).only("id", "name").first()
            if party:
                choices.append((selected, party.name))
        return choices

    def queryset(self, request, queryset):
        value = self.value()
        if not value:
            return queryset
        if not value.isdigit():
            return queryset.none()
        party = Party.objects.filter(pk=int(value)).only("tree_path").first()
        if party is None:
            return queryset.none()
        # The subtree's ids as literals, not a join on tree_path: PostgreSQL then estimates from its
        # per-claimant statistics and uses the claimant index for a party with few claims instead of
        # walking a million rows in date order looking for them.
        subtree = list(
            Party.objects.filter(tree_path__startswith=party.tree_path).values_list("id", flat=True)
        )
        return queryset.filter(**{f"{self.field_path}_id__in": subtree})
