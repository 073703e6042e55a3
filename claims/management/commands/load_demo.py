"""Load the demo: every shipped conflict pack, then invented articles about the same incidents from
several outlets (most about the 2020 Karabakh war, one for each other shipped conflict), extracted and
checked.

Idempotent: articles are deduplicated, so running it again adds nothing.
"""

from pathlib import Path

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from claims.models import Claim, Contradiction, ContradictionStatus
from claims.services.ingestion import articles_ingest_paths
from credibility.services import credibility_recompute
from factcheck.auth import DEMO_USER
from sources.conflicts import conflict_packs_load_shipped
from sources.models import Article

DEMO_ARTICLES = Path(settings.BASE_DIR) / "sources" / "demo" / "articles"


class Command(BaseCommand):
    help = "Ingest the demo articles (claims are extracted and checked) and create the demo login."

    def add_arguments(self, parser):
        parser.add_argument("--no-user", action="store_true", help="Do not create the demo superuser.")

    def handle(self, *args, no_user: bool = False, **options):
        for outcome in conflict_packs_load_shipped():
            self.stdout.write(outcome.summary())
        outcomes = articles_ingest_paths(paths=[DEMO_ARTICLES], extract="sync")
        errors = [outcome.error for outcome in outcomes if outcome.error]
        if errors:
            raise CommandError("Demo articles failed to ingest:\n" + "\n".join(errors))
        if not no_user:
            self._demo_user()
        # No beat runs under `make run`: compute scores and likely figures once, after the checks that
        # group the claims into incidents (on commit, like them).
        transaction.on_commit(self._credibility)
        open_count = Contradiction.objects.filter(status=ContradictionStatus.OPEN).count()
        self.stdout.write(
            self.style.SUCCESS(
                f"Demo loaded: {Article.objects.count()} articles, {Claim.objects.count()} claims, "
                f"{open_count} open contradictions."
            )
        )

    def _credibility(self) -> None:
        run = credibility_recompute()
        self.stdout.write(f"Credibility computed for {run.parties} parties.")

    def _demo_user(self) -> None:
        if settings.PRODUCTION:
            self.stdout.write("Production mode: no demo login created (use createsuperuser).")
            return
        User = get_user_model()
        if not User.objects.filter(username=DEMO_USER).exists():
            User.objects.create_superuser(
                username=DEMO_USER, email="demo@factcheck.invalid", password=DEMO_USER
            )
            self.stdout.write("Created the development login demo / demo.")
