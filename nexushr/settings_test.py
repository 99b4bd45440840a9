"""Test settings: fast and deterministic (like wagtail bakerydemo's settings/test.py)."""

import os

from nexushr.settings import *  # noqa: F403

PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
SITE_ORIGIN = "https://nexushr.example"
DEBUG = False
# Playwright's sync API runs an event loop in the test thread; live_server's ORM calls are safe.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
# Static files are served from the app directories in tests; no collectstatic run is needed.
STATIC_ROOT = None
# No persistent connections: the live server's threads must not keep the test database open.
DATABASES["default"]["CONN_MAX_AGE"] = 0
