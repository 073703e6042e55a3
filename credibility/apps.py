from django.apps import AppConfig


class CredibilityConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "credibility"
    verbose_name = "Source credibility"
