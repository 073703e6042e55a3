"""Partners (newsrooms, NGOs, researchers) and the API keys they use."""

from django.conf import settings
from django.db import models
from rest_framework_api_key.models import AbstractAPIKey


class Scope(models.TextChoices):
    READ = "read", "Read"
    SUBMIT = "submit", "Submit articles and claims"


class Partner(models.Model):
    name = models.CharField(max_length=200, unique=True)
    contact_email = models.EmailField(blank=True)
    is_active = models.BooleanField(default=True)
    webhook_url = models.URLField(blank=True, help_text="Receives each new or changed contradiction.")
    webhook_secret = models.CharField(max_length=128, blank=True, help_text="HMAC-SHA256 signing secret.")
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class PartnerAPIKey(AbstractAPIKey):
    """A hashed API key (djangorestframework-api-key) tied to a partner, with scopes."""

    partner = models.ForeignKey(Partner, on_delete=models.CASCADE, related_name="api_keys")
    scopes = models.JSONField(default=list, help_text='Subset of ["read", "submit"].')

    class Meta(AbstractAPIKey.Meta):
        verbose_name = "partner API key"
        verbose_name_plural = "partner API keys"

    def has_scope(self, scope: str) -> bool:
        return scope in self.scopes


class StaffToken(models.Model):
    """A bearer token for a staff user's scripts (``Authorization: Token <key>``), full API access.

    Kept here rather than enabling ``rest_framework.authtoken`` so the partners app owns every way in.
    """

    key = models.CharField(max_length=40, primary_key=True)
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="staff_api_token"
    )
    created = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = "staff API token"
        verbose_name_plural = "staff API tokens"

    def __str__(self) -> str:
        return f"Token for {self.user}"
