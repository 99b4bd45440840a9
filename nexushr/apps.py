from django.apps import AppConfig


class NexusHRConfig(AppConfig):
    name = "nexushr"
    verbose_name = "NexusHR"
