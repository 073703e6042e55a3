from django.apps import AppConfig


class ClaimsConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "claims"
    verbose_name = "Claims, incidents and contradictions"

    def ready(self) -> None:
        # sources sends ``claims.tasks.extract_article`` by name (sources.enqueue): register the task in
        # every process, not only in a worker, whose autodiscovery would be the first to import it.
        from claims import tasks  # noqa: F401, PLC0415 -- models must be ready before tasks import
