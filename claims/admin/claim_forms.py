"""The claim admin's forms: the claim page, and the incident to assign selected claims to."""

from __future__ import annotations

from django import forms
from django.contrib import admin
from django.contrib.admin.widgets import AutocompleteSelect
from django.core.exceptions import ValidationError

from claims.models import Claim, Incident
from claims.services.claims import EDITABLE_FIELDS, claim_quote_validate


class ClaimAdminForm(forms.ModelForm):
    """The editable claim fields; the quote must sit at its offsets in the article, as the service checks."""

    class Meta:
        model = Claim
        fields = [name for name in EDITABLE_FIELDS if name not in ("origin", "submitted_by")]

    # ``_post_clean`` runs once the form has built the instance, so the quote is checked against the
    # values being saved; django-stubs leaves both private hooks out.
    def _post_clean(self):
        super()._post_clean()  # type: ignore[misc]  # private ModelForm hook missing from the stubs
        try:
            claim_quote_validate(self.instance)
        except ValidationError as exc:
            self._update_errors(exc)  # type: ignore[attr-defined]  # private ModelForm hook missing from the stubs


class AssignIncidentForm(forms.Form):
    incident = forms.ModelChoiceField(
        queryset=Incident.objects.filter(merged_into__isnull=True),
        widget=AutocompleteSelect(Claim._meta.get_field("incident"), admin.site),
        help_text="Search incidents by title or place.",
    )
