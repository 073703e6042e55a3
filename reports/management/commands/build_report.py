"""python manage.py build_report --since DATE --until DATE --out DIR [--format html,csv,json]"""

from __future__ import annotations

from datetime import date
from pathlib import Path

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError

from reports import rendering
from reports.models import PeriodKind
from reports.services import report_build

FORMATS = ("html", "csv", "json")


def _date(value: str) -> date:
    try:
        return date.fromisoformat(value)
    except ValueError as exc:
        raise CommandError(f"'{value}' is not a date (YYYY-MM-DD).") from exc


class Command(BaseCommand):
    help = (
        "Build the contradiction report for the days SINCE..UNTIL (both included, UTC), store it "
        "(rebuilding the same period updates it) and write its files to DIR."
    )

    def add_arguments(self, parser):
        parser.add_argument("--since", required=True, help="First day, YYYY-MM-DD.")
        parser.add_argument("--until", required=True, help="Last day included, YYYY-MM-DD.")
        parser.add_argument(
            "--out", required=True, help="Directory to write the files to (created if missing)."
        )
        parser.add_argument("--format", default="html,csv,json", help="Comma-separated: html, csv, json.")
        parser.add_argument("--party", type=int, help="Narrow to claims by this party id (and its members).")
        parser.add_argument("--incident", type=int, help="Narrow to this incident id.")
        parser.add_argument("--conflict", help="Narrow to one conflict (its slug; see `conflict list`).")

    def handle(self, *args, since, until, out, format, party, incident, conflict=None, **options):
        formats = [f.strip().lower() for f in format.split(",") if f.strip()]
        unknown = sorted(set(formats) - set(FORMATS))
        if unknown or not formats:
            raise CommandError(
                f"Unknown format(s) {', '.join(unknown) or '(none)'}; use {', '.join(FORMATS)}."
            )
        try:
            report = report_build(
                period_start=_date(since),
                period_end=_date(until),
                kind=PeriodKind.CUSTOM,
                filters={"party": party, "incident": incident, "conflict": conflict},
            )
        except ValidationError as exc:
            raise CommandError("; ".join(exc.messages)) from exc
        directory = Path(out)
        directory.mkdir(parents=True, exist_ok=True)
        written = []
        if "html" in formats:
            path = directory / f"{report.file_stem}.html"
            path.write_text(report.html, encoding="utf-8")
            written.append(path)
        if "csv" in formats:
            for name, text in rendering.report_csv_tables(data=report.data).items():
                path = directory / f"{report.file_stem}-{name}"
                path.write_text(text, encoding="utf-8")
                written.append(path)
        if "json" in formats:
            path = directory / f"{report.file_stem}.json"
            path.write_text(rendering.report_json(data=report.data), encoding="utf-8")
            written.append(path)
        totals = report.counts
        self.stdout.write(
            f"Report #{report.pk} {report.period_start}..{report.period_end}: "
            f"{totals.get('contradictions', 0)} contradictions about its events, "
            f"{totals['new_contradictions']} newly detected and {totals['open_contradictions']} open, "
            f"{totals['claims']} claims."
        )
        for path in written:
            self.stdout.write(f"  wrote {path}")
