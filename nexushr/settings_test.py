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
# SQLite tests use a file, not Django's default shared in-memory database. The live server's
# threads would otherwise share the test thread's one connection, and two requests at once (a
# page and its qr.png) interleave statements on it: "bad parameter or other API misuse", or a
# 404 for a role that exists. With a file every thread has its own connection, as in production
# (WAL and the busy timeout of sqlite_server_options apply). One file per checkout, in tmpfs
# where there is one; pytest-django suffixes it per xdist worker and Django deletes it after.
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    import hashlib
    import tempfile
    from pathlib import Path

    _shm = Path("/dev/shm")  # noqa: S108 (a test database, recreated by Django each run)
    _dir = _shm if _shm.is_dir() and os.access(_shm, os.W_OK) else Path(tempfile.gettempdir())
    _checkout = hashlib.sha256(str(BASE_DIR).encode()).hexdigest()[:8]
    DATABASES["default"]["TEST"] = {"NAME": str(_dir / f"nexushr-test-{_checkout}.sqlite3")}
