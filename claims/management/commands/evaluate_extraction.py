"""``manage.py evaluate_extraction``: precision, recall and claimant accuracy of the extractor per kind."""

from __future__ import annotations

from pathlib import Path

from django.core.management.base import BaseCommand

from claims.evaluation import evaluate
from claims.services.extraction import lexicon_for_text


class Command(BaseCommand):
    help = "Score the claim extractor against the hand-made evaluation set (claims/evaluation/)."

    def add_arguments(self, parser) -> None:
        parser.add_argument("--articles", type=Path, help="Folder of evaluation articles.")
        parser.add_argument("--answers", type=Path, help="Answer file (JSON).")
        parser.add_argument(
            "--verbose", action="store_true", help="List missed claims, false positives and wrong claimants."
        )

    def handle(self, *args, **options) -> None:
        report = evaluate(
            lexicon=lexicon_for_text, articles_dir=options["articles"], answers_path=options["answers"]
        )
        self.stdout.write(report.table())
        if options["verbose"]:
            for title, lines in (
                ("Missed", report.misses),
                ("False positives", report.false_positives),
                ("Wrong claimant or relay", report.wrong_claimants),
            ):
                self.stdout.write(f"\n{title} ({len(lines)}):")
                for line in lines:
                    self.stdout.write(f"  {line}")
