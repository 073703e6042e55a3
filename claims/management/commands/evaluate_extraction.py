"""``manage.py evaluate_extraction``: how well the extractor does, per kind, on a hand-answered set.

Two kinds of set: the hand-written ones (``--articles``/``--answers``, the default) and a real-text
set given as manifest + answers + a folder of texts (``--set real``), scored per kind, per part
(dev / blind / blind2) and per conflict for precision, recall, claimant side, accused and figures.
``--set real --part P --rehash`` records instead the sha256 of the part's rebuilt texts in the manifest
(see ``claims.evaluation.rehash.rehash_texts``). ``--rebuild-from DIR`` writes the part's texts from the
stored pages in DIR by the manifest's recipes; ``--record-recipes DIR`` derives those recipes from the
pages in DIR and texts already rebuilt (see ``claims.evaluation.rebuild``).
"""

from __future__ import annotations

import json
from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from claims.evaluation import evaluate
from claims.evaluation.real import EvaluationSetError, evaluate_set, manifest_parts
from claims.evaluation.real_contradictions import evaluate_contradictions, report_json
from claims.evaluation.rebuild import recipes_record, texts_rebuild
from claims.evaluation.rehash import rehash_texts
from claims.services.conflict_inference import lexicon_for_text

DEFAULT_REAL_TEXTS = Path(settings.BASE_DIR) / "data" / "evaluation" / "real"


class Command(BaseCommand):
    help = "Score the claim extractor against a hand-answered evaluation set."

    def add_arguments(self, parser) -> None:
        parser.add_argument(
            "--articles", type=Path, help="Folder of evaluation articles (hand-written sets)."
        )
        parser.add_argument("--answers", type=Path, help="Answer file (JSON).")
        parser.add_argument(
            "--set", choices=("written", "real"), default="written", help="Which kind of set to score."
        )
        parser.add_argument("--manifest", type=Path, help="Manifest of a real-text set (JSON).")
        parser.add_argument(
            "--texts", type=Path, help=f"Folder of the real-text set's texts (default {DEFAULT_REAL_TEXTS})."
        )
        parser.add_argument(
            "--part",
            default="dev",
            help="Which part of a real-text set to score: a part the manifest names (dev, blind, blind2) or "
            "'all' (dev and blind); a blind part only when named.",
        )
        parser.add_argument("--json", action="store_true", help="Print the real-text scores as JSON.")
        parser.add_argument(
            "--contradictions",
            action="store_true",
            help="With --set real: ingest the part's excerpts (rolled back afterwards), run the contradiction "
            "check and compare the flags with the answer file's contradictions.",
        )
        parser.add_argument(
            "--verbose", action="store_true", help="List missed claims, false positives and wrong values."
        )
        parser.add_argument(
            "--rehash",
            action="store_true",
            help="With --set real: score nothing; write into the manifest the sha256 of each text of the part "
            "that exists and holds all its answers' quotes (after the texts were rebuilt).",
        )
        parser.add_argument(
            "--rebuilt-on", help="With --rehash: the date the texts were rebuilt (YYYY-MM-DD), recorded."
        )
        parser.add_argument(
            "--rebuilt-note", default="", help="With --rehash: how the texts were rebuilt, recorded."
        )
        parser.add_argument(
            "--rebuild-from",
            type=Path,
            metavar="DIR",
            help="With --set real --part P: score nothing; write the part's texts from the stored pages in DIR "
            "(<id>.txt) by the manifest's recipes, only where the result has the manifest's sha256.",
        )
        parser.add_argument(
            "--record-recipes",
            type=Path,
            metavar="DIR",
            help="With --set real --part P: score nothing; write into the manifest a recipe for each text of "
            "the part that has its sha256 and whose stored page is in DIR.",
        )

    def handle(self, *args, **options) -> None:
        if options["contradictions"] and options["set"] != "real":
            raise CommandError("--contradictions needs --set real.")
        for flag in ("rehash", "rebuild_from", "record_recipes"):
            if options[flag] and options["set"] != "real":
                raise CommandError(f"--{flag.replace('_', '-')} needs --set real.")
        if options["set"] == "real":
            self._handle_real(options)
            return
        report = evaluate(
            lexicon=lexicon_for_text, articles_dir=options["articles"], answers_path=options["answers"]
        )
        self.stdout.write(report.table())
        if options["verbose"]:
            self._lines(
                (
                    ("Missed", report.misses),
                    ("False positives", report.false_positives),
                    ("Wrong claimant or relay", report.wrong_claimants),
                )
            )

    def _handle_real(self, options) -> None:
        parts = self._real_parts(options)
        if options["rehash"]:
            self._handle_rehash(options, parts)
            return
        if options["rebuild_from"] or options["record_recipes"]:
            self._handle_rebuild(options, parts)
            return
        if options["contradictions"]:
            self._handle_contradictions(options, parts)
            return
        report = self._on_real_set(
            evaluate_set, options, lexicon=lexicon_for_text, answers_path=options["answers"], parts=parts
        )
        if options["json"]:
            self.stdout.write(json.dumps(report.as_dict(), indent=1))
        else:
            self.stdout.write(f"{report.excerpts} excerpts\n{report.table()}")
        if options["verbose"]:
            self._lines(
                (
                    ("Missed", report.misses),
                    ("False positives", report.false_positives),
                    ("Wrong side, accused or figures", report.wrong_values),
                )
            )

    @staticmethod
    def _on_real_set(action, options, **kwargs):
        """Call ``action`` on the real-text set the options name (manifest, texts folder), turning a set
        that cannot be read into a ``CommandError`` that says why."""
        try:
            return action(
                manifest_path=options["manifest"], texts_dir=options["texts"] or DEFAULT_REAL_TEXTS, **kwargs
            )
        except EvaluationSetError as exc:
            raise CommandError(str(exc)) from None

    def _real_parts(self, options) -> tuple[str, ...]:
        """The parts to score: 'all' is dev and blind; any other name must be a part of the manifest."""
        if options["part"] == "all":
            return ("dev", "blind")
        try:
            known = manifest_parts(options["manifest"])
        except EvaluationSetError as exc:
            raise CommandError(str(exc)) from None
        if options["part"] not in known:
            raise CommandError(
                f"Unknown part {options['part']!r}: the manifest has {', '.join(known)} (or 'all')."
            )
        return (options["part"],)

    def _handle_rehash(self, options, parts) -> None:
        if options["part"] == "all" or not options["rebuilt_on"]:
            raise CommandError("--rehash needs one named --part and --rebuilt-on YYYY-MM-DD.")
        report = self._on_real_set(
            rehash_texts,
            options,
            answers_path=options["answers"],
            part=parts[0],
            rebuilt_on=options["rebuilt_on"],
            note=options["rebuilt_note"],
        )
        self.stdout.write(
            f"part {report.part}: {len(report.rehashed)} texts rehashed, {len(report.skipped)} skipped"
        )
        self._lines((("Skipped", report.skipped),))

    def _handle_rebuild(self, options, parts) -> None:
        if options["part"] == "all":
            raise CommandError("--rebuild-from and --record-recipes need one named --part.")
        action, raw_dir, verb = (
            (texts_rebuild, options["rebuild_from"], "rebuilt")
            if options["rebuild_from"]
            else (recipes_record, options["record_recipes"], "given a recipe")
        )
        if not raw_dir.is_dir():
            raise CommandError(f"{raw_dir} is not a folder of stored pages.")
        report = self._on_real_set(action, options, raw_dir=raw_dir, part=parts[0])
        self.stdout.write(f"part {report.part}: {len(report.done)} texts {verb}, {len(report.failed)} not")
        self._lines((("Not done", report.failed),))

    def _handle_contradictions(self, options, parts) -> None:
        report = self._on_real_set(
            evaluate_contradictions, options, answers_path=options["answers"], parts=parts
        )
        if options["json"]:
            self.stdout.write(report_json(report))
            return
        self.stdout.write(f"part: {', '.join(parts)}\n{report.table()}")
        if options["verbose"]:
            self._lines((("Real contradictions", report.pairs), ("False flags", report.false_flags)))

    def _lines(self, groups) -> None:
        for title, lines in groups:
            self.stdout.write(f"\n{title} ({len(lines)}):")
            for line in lines:
                self.stdout.write(f"  {line}")
