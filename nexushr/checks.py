"""System checks for production (``DJANGO_ENV=production``): settings that are fine on a
laptop but wrong behind gunicorn with several workers or on the open internet."""

from django.conf import settings
from django.core.checks import Error, Tags, register

IN_PROCESS_BACKENDS = {
    "django.core.cache.backends.locmem.LocMemCache",
    "django.core.cache.backends.dummy.DummyCache",
}


@register(Tags.caches, deploy=False)
def production_cache(app_configs, **kwargs):  # type: ignore[no-untyped-def]
    if not getattr(settings, "PRODUCTION", False):
        return []
    backend = settings.CACHES["default"]["BACKEND"]
    if backend in IN_PROCESS_BACKENDS and not settings.SINGLE_PROCESS:
        return [
            Error(
                "The in-process cache cannot serve a production deployment: each worker would "
                "keep its own pages, and an editor's save would clear only one of them.",
                hint="Set REDIS_URL, or SINGLE_PROCESS=true if exactly one process serves.",
                id="nexushr.E001",
            )
        ]
    return []


@register(Tags.security)
def production_origin(app_configs, **kwargs):  # type: ignore[no-untyped-def]
    if not getattr(settings, "PRODUCTION", False):
        return []
    if not getattr(settings, "SITE_ORIGIN_CONFIGURED", True):
        return [
            Error(
                "SITE_ORIGIN is not set: canonical links, Open Graph tags, the sitemap and "
                "JSON-LD would point at http://127.0.0.1:8000.",
                hint="Set SITE_ORIGIN to the public origin, e.g. https://roles.example.com.",
                id="nexushr.E002",
            )
        ]
    return []
