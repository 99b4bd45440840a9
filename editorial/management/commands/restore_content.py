"""Make the content exactly what a backup holds (a backup of the current content comes first)."""

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from editorial import content


class Command(BaseCommand):
    help = (
        "Restore the content from a backup written by backup_content: load it and remove what "
        "it does not hold, in one transaction. The current content is backed up first."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("path", help="A backup file (backups/content-….json).")
        parser.add_argument(
            "--no-backup",
            action="store_true",
            help="Do not back up the current content first.",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        path = Path(options["path"])
        if not path.is_file():
            raise CommandError(f"No such backup file: {path}")
        before = None
        if not options["no_backup"] and content.has_content():
            before = content.write_backup(prefix="before-restore")
        try:
            result = content.restore(path)
        except Exception as error:
            raise CommandError(
                f"{path} could not be restored, so nothing was changed: {error}"
            ) from error
        removed = sum(result.removed.values())
        self.stdout.write(
            self.style.SUCCESS(
                f"Restored {result.loaded} objects from {path}; removed {removed} that the "
                "backup does not hold."
            )
        )
        if before:
            self.stdout.write(f"The content as it was before is in {before}.")
