"""Load the seed fixtures into an empty database; re-seed an existing one only when asked.

manage.py seed              # empty database: load; otherwise say so and change nothing
manage.py seed --dry-run    # what re-seeding would add and overwrite, field by field
manage.py seed --overwrite  # back up the content, then load the fixtures over it
"""

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from editorial import content


def _short(value: Any, limit: int = 60) -> str:
    text = repr(value)
    return text if len(text) <= limit else text[: limit - 1] + "…"


class Command(BaseCommand):
    help = (
        "Load the seed fixtures into a database with no content. On a database that has "
        "content nothing is loaded unless --overwrite is given; --dry-run shows what would change."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("fixtures", nargs="*", help="Fixture files (default: fixtures/*.json).")
        parser.add_argument(
            "--dry-run",
            action="store_true",
            help="Show what loading the fixtures would add and overwrite; change nothing.",
        )
        parser.add_argument(
            "--overwrite",
            action="store_true",
            help="Load the fixtures over existing content (a backup is written first).",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        paths = [Path(p) for p in options["fixtures"]] or content.default_fixtures()
        missing = [str(path) for path in paths if not path.is_file()]
        if missing:
            raise CommandError(f"No such fixture file: {', '.join(missing)}")
        if options["dry_run"] and options["overwrite"]:
            raise CommandError("Give either --dry-run or --overwrite, not both.")

        if not content.has_content():
            if options["dry_run"]:
                plan = content.seed_plan(paths)
                self.stdout.write(
                    f"The database has no content: seeding would add {len(plan.new)} objects "
                    "(nothing was loaded; run manage.py seed to load them)."
                )
                self.list_new(plan)
                return
            content.load_fixtures(paths, comment="Loaded the seed fixtures")
            counts = content.content_counts()
            self.stdout.write(
                self.style.SUCCESS(
                    "Loaded the seed fixtures into an empty database "
                    f"({sum(counts.values())} rows)."
                )
            )
            return

        if options["dry_run"]:
            self.report(content.seed_plan(paths))
            return
        if not options["overwrite"]:
            self.stdout.write(
                "The database already has content, so the seed fixtures were not loaded: "
                "nothing an editor saved is overwritten.\n"
                "  See what re-seeding would change:  manage.py seed --dry-run\n"
                "  Re-seed (after a backup):          manage.py seed --overwrite"
            )
            return
        plan = content.seed_plan(paths)
        if not plan.changes_anything:
            self.stdout.write("The content already matches the fixtures: nothing to do.")
            return
        backup = content.write_backup(prefix="before-reseed")
        self.report(plan)
        content.load_fixtures(paths, comment="Re-seeded from the fixtures")
        self.stdout.write(
            self.style.SUCCESS(
                f"Re-seeded. The content as it was before is in {backup} "
                f"(manage.py restore_content {backup} brings it back)."
            )
        )

    def report(self, plan: content.SeedPlan) -> None:
        self.stdout.write(
            f"Re-seeding would add {len(plan.new)} objects, overwrite {len(plan.overwritten)} "
            f"and leave {plan.unchanged} unchanged. Objects not in the fixtures are kept."
        )
        self.list_new(plan)
        for item in plan.overwritten:
            self.stdout.write(f"  overwrite  {item.label} {item.key}")
            for name, old, new in item.fields:
                self.stdout.write(f"      {name}: {_short(old)} → {_short(new)}")

    def list_new(self, plan: content.SeedPlan) -> None:
        for label, key in plan.new:
            self.stdout.write(f"  add        {label} {key}")
