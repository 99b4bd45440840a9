"""Write every content row to a JSON file that ``loaddata`` (and ``restore_content``) reads back."""

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from editorial import content


class Command(BaseCommand):
    help = (
        "Back up the content (roles, salaries, FAQs and questions, sources) to a JSON file "
        "with natural keys; default backups/content-<date>-<time>.json."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("path", nargs="?", help="Where to write the backup.")

    def handle(self, *args: Any, **options: Any) -> None:
        path = content.write_backup(Path(options["path"]) if options["path"] else None)
        counts = content.content_counts()
        self.stdout.write(
            self.style.SUCCESS(f"Backed up {sum(counts.values())} content rows to {path}")
        )
