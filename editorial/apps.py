from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class EditorialConfig(AppConfig):
    """The editors' tools around the content apps: history, groups, the translation work list,
    seeding, backup and restore. It reads the content apps; they never import it."""

    name = "editorial"
    verbose_name = _("Editorial")

    def ready(self) -> None:
        from django.db.models.signals import post_migrate

        from editorial import history, signals  # noqa: F401  (registers versions, stamps)

        post_migrate.connect(history.create_link_content_types, sender=self)
