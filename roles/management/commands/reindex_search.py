"""Rebuild the role search index (after a bulk import that bypassed model signals)."""

import time

from django.core.management.base import BaseCommand

from roles.search import reindex_all


class Command(BaseCommand):
    help = "Rebuild the role search index in every language."

    def handle(self, *args: object, **options: object) -> None:
        started = time.perf_counter()
        count = reindex_all()
        elapsed = time.perf_counter() - started
        self.stdout.write(self.style.SUCCESS(f"Indexed {count} roles in {elapsed:.1f} s."))
