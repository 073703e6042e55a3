"""Partners and their keys in the admin. A new key is shown once, in the success message."""

from __future__ import annotations

from django import forms
from django.contrib import admin
from rest_framework_api_key.admin import APIKeyModelAdmin

from partners.models import Partner, PartnerAPIKey, Scope, StaffToken


class PartnerAPIKeyForm(forms.ModelForm):
    scopes = forms.MultipleChoiceField(
        choices=Scope.choices, widget=forms.CheckboxSelectMultiple, initial=[Scope.READ]
    )

    class Meta:
        model = PartnerAPIKey
        fields = ["partner", "name", "scopes", "expiry_date", "revoked"]

    def clean_scopes(self) -> list[str]:
        return sorted(self.cleaned_data["scopes"])


@admin.register(PartnerAPIKey)
class PartnerAPIKeyAdmin(APIKeyModelAdmin):
    """Saving a new key assigns it and shows the plain key once (djangorestframework-api-key)."""

    form = PartnerAPIKeyForm
    list_display = (  # type: ignore[assignment]  # the library leaves its admin unannotated; mypy pins its exact tuple
        "prefix",
        "partner",
        "name",
        "scopes",
        "created",
        "expiry_date",
        "_has_expired",
        "revoked",
    )
    list_filter = ("revoked", "partner")  # type: ignore[assignment]  # the library leaves its admin unannotated; mypy pins its exact tuple
    list_select_related = ("partner",)
    search_fields = ("name", "prefix", "partner__name")  # type: ignore[assignment]  # the library leaves its admin unannotated; mypy pins its exact tuple


class PartnerAPIKeyInline(admin.TabularInline):
    model = PartnerAPIKey
    fields = ("prefix", "name", "scopes", "created", "expiry_date", "revoked")
    readonly_fields = fields
    extra = 0
    can_delete = False
    show_change_link = True

    def has_add_permission(self, request, obj=None) -> bool:
        # Keys are added from the key admin, which shows the secret once.
        return False


@admin.register(Partner)
class PartnerAdmin(admin.ModelAdmin):
    list_display = ("name", "contact_email", "is_active", "created_at")
    list_filter = ("is_active",)
    search_fields = ("name", "contact_email")
    inlines = [PartnerAPIKeyInline]


@admin.register(StaffToken)
class StaffTokenAdmin(admin.ModelAdmin):
    list_display = ("user", "created")
    fields = ("user",)
    raw_id_fields = ("user",)

    def save_model(self, request, obj, form, change) -> None:
        from django.contrib import messages

        from partners.services import staff_token_create

        key = staff_token_create(user=obj.user)
        obj.pk = key
        messages.warning(
            request, f"The API token for {obj.user} is: {key}. Store it now; it is not shown again."
        )
