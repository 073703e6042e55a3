from django.apps import AppConfig


class SourcesConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "sources"
    verbose_name = "Sources: outlets, articles, parties, places"

    def ready(self) -> None:
        # Services send the app's tasks by name (sources.enqueue): register them in every process, not
        # only in a worker, whose autodiscovery would be the first to import them.
        from sources import tasks  # noqa: F401, PLC0415 -- models must be ready before tasks import
