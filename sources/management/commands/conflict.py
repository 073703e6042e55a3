"""``manage.py conflict load PATH... | load --shipped | export SLUG | list``: conflicts as data."""

from __future__ import annotations

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError, CommandParser

from sources.conflict_packs import PackError, pack_dump, pack_read, shipped_pack_paths
from sources.conflicts import conflict_pack_export, conflict_packs_load
from sources.selectors import conflict_list


class Command(BaseCommand):
    help = "Load conflict packs (YAML), export a conflict as a pack, or list the loaded conflicts."

    def add_arguments(self, parser: CommandParser) -> None:
        sub = parser.add_subparsers(dest="action", required=True)
        load = sub.add_parser("load", help="Load packs (all or nothing; loading twice changes nothing).")
        load.add_argument("paths", nargs="*", help="Pack files (YAML).")
        load.add_argument("--shipped", action="store_true", help="Load every pack that ships with factcheck.")
        export = sub.add_parser("export", help="Print a loaded conflict as a pack.")
        export.add_argument("slug")
        sub.add_parser("list", help="The loaded conflicts with their sides.")

    def handle(self, *args, **options) -> None:
        action = options["action"]
        if action == "load":
            self._load(options["paths"], shipped=options["shipped"])
        elif action == "export":
            conflict = conflict_list().filter(slug=options["slug"]).first()
            if conflict is None:
                known = ", ".join(conflict_list().values_list("slug", flat=True)) or "none loaded"
                raise CommandError(f"No conflict {options['slug']!r}; known: {known}.")
            self.stdout.write(pack_dump(conflict_pack_export(conflict=conflict)), ending="")
        else:
            for conflict in conflict_list():
                sides = "; ".join(
                    f"{side.slug} ({side.kind}"
                    + (
                        f", opposes {', '.join(o.slug for o in side.opposes.all())}"
                        if side.opposes.all()
                        else ""
                    )
                    + ")"
                    for side in conflict.sides.all()
                )
                period = f"{conflict.start_date or '?'} – {conflict.end_date or 'ongoing'}"
                self.stdout.write(f"{conflict.slug}\t{conflict.name}\t{period}\t{conflict.timezone}\t{sides}")

    def _load(self, paths: list[str], *, shipped: bool) -> None:
        files: list[Path | str] = [*(shipped_pack_paths() if shipped else []), *paths]
        if not files:
            raise CommandError("Give pack files to load, or --shipped.")
        try:
            packs = [pack_read(path) for path in files]
            outcomes = conflict_packs_load(packs=packs)
        except PackError as error:
            raise CommandError(f"{error} (nothing was loaded)") from error
        for outcome in outcomes:
            self.stdout.write(outcome.summary())
