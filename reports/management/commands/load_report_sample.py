"""python manage.py load_report_sample — the coverage behind docs/sample-report.html."""

from django.core.management.base import BaseCommand

from reports.sample import SAMPLE_SINCE, SAMPLE_UNTIL, sample_load
from sources.conflicts import conflict_packs_load_shipped


class Command(BaseCommand):
    help = "Load sample coverage of the Ganja strikes, the 12:05 truce breach and Hadrut (idempotent)."

    def handle(self, *args, **options):
        conflict_packs_load_shipped()
        counts = sample_load()
        self.stdout.write(
            f"Sample loaded: {counts['claims']} claims, {counts['contradictions']} contradictions. Build it with:\n"
            f"  python manage.py build_report --since {SAMPLE_SINCE} --until {SAMPLE_UNTIL} --out docs/"
        )
