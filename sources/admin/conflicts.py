"""Admin for conflicts: read-only, loaded from an uploaded pack and exported as one."""

from __future__ import annotations

from django import forms
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.template.response import TemplateResponse
from django.urls import reverse

from factcheck.admin_tools import ReadOnlyAdminMixin, ReviewAdminMixin, admin_view_urls
from sources.conflict_packs import PackError, pack_dump, pack_parse
from sources.conflicts import conflict_pack_export, conflict_pack_load
from sources.models import CONFLICT_PACK_DETAILS, Conflict, ConflictSide


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
    fields = ("name", "slug", *CONFLICT_PACK_DETAILS)
    readonly_fields = fields
    inlines = [ConflictSideInline]
    change_list_template = "admin/sources/conflict/change_list.html"

    def get_queryset(self, request):
        return super().get_queryset(request).prefetch_related("sides")

    @admin.display(description="sides")
    def side_labels(self, obj: Conflict) -> str:
        return ", ".join(side.label for side in obj.sides.all())

    def get_urls(self):
        own = admin_view_urls(
            self,
            ("upload/", self.upload_view, "sources_conflict_upload"),
            ("<path:object_id>/export/", self.export_view, "sources_conflict_export"),
        )
        return [*own, *super().get_urls()]

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
