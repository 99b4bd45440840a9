from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class RolesConfig(AppConfig):
    name = "roles"
    verbose_name = _("Roles")

    def ready(self) -> None:
        from django.db.models.signals import post_migrate

        from roles import signals  # connects cache invalidation and search indexing

        post_migrate.connect(signals.index_if_empty, sender=self, dispatch_uid="search-index")
