"""Partners (newsrooms, NGOs, researchers) and the API keys they use."""

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
