"""Admin for parties (a tree with aliases and a merge action), places with aliases, and outlets.

Writes to parties go through ``sources.services`` so tree paths and aliases stay right.
"""

from __future__ import annotations

from django import forms
from django.contrib import admin, messages
from django.http import HttpRequest
from django.utils.html import format_html

from claims.services.parties import party_merge
from credibility.admin import explanation_html, summary_html
from credibility.selectors import related_or_none
from factcheck.admin_tools import ReviewAdminMixin, action_form_response, merge_choice
from review.admin_tools import AuditedAdmin
from sources.models import Conflict, Outlet, Party, PartyAlias, Place, PlaceAlias
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
            others = merge_choice(self, request, target=target, selected=parties, plural="parties")
            if others:
                party_merge(target=target, others=others)
                names = ", ".join(p.name for p in others)
                self.message_user(request, f"Merged {names} into {target}.", messages.SUCCESS)
            return None
        return action_form_response(self, request, form=form, title="Merge parties", action="merge_parties")


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
