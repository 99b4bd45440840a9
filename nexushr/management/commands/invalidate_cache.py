"""``manage.py invalidate_cache [--tag role:42 …]``: drop cached pages after a write the ORM did
not see (SQL by hand, a restored backup). Without ``--tag`` every cached page goes."""

from django.core.management.base import BaseCommand

from nexushr.cache import invalidate


class Command(BaseCommand):
    help = "Drop cached pages: all of them, or those built from the given content tags."

    def add_arguments(self, parser) -> None:  # type: ignore[no-untyped-def]
        parser.add_argument(
            "--tag",
            action="append",
            default=[],
            help="a content tag such as role:42, category:7, listing (repeatable)",
        )

    def handle(self, *args: object, tag: list[str], **options: object) -> None:
        tags = set(tag) or {"all"}
        invalidate(tags)
        self.stdout.write(f"Invalidated: {', '.join(sorted(tags))}")
