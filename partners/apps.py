from django.apps import AppConfig


class PartnersConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "partners"
    verbose_name = "Partners and API keys"

    def ready(self) -> None:
        from partners import schema  # noqa: F401  (registers the OpenAPI auth schemes)
