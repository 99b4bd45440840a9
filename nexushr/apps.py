from django.apps import AppConfig


class NexusHRConfig(AppConfig):
    name = "nexushr"
    verbose_name = "NexusHR"

    def ready(self) -> None:
        from nexushr import checks, invalidation  # noqa: F401  (registers the system checks)

        invalidation.install()
