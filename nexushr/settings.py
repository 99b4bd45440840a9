"""Settings for NexusHR, read from environment variables.

Development needs nothing set: SQLite, DEBUG off unless asked for, a throwaway secret key.
Production (``DJANGO_ENV=production``) refuses to start without ``SECRET_KEY``.
"""

import os
from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured
from django.utils.csp import CSP
from django.utils.translation import gettext_lazy as _

PROJECT_PACKAGE = Path(__file__).resolve().parent
BASE_DIR = PROJECT_PACKAGE.parent


def env_bool(name: str, default: bool = False) -> bool:
    return os.environ.get(name, str(default)).strip().lower() in {"1", "true", "yes", "on"}


def env_list(name: str, default: str = "") -> list[str]:
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


PRODUCTION = os.environ.get("DJANGO_ENV", "development") == "production"
DEBUG = env_bool("DEBUG")

SECRET_KEY = os.environ.get("SECRET_KEY", "")
if not SECRET_KEY:
    if PRODUCTION:
        raise ImproperlyConfigured("SECRET_KEY must be set when DJANGO_ENV=production.")
    SECRET_KEY = "django-insecure-development-only-key"

ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "127.0.0.1,localhost,testserver")

# Absolute URLs in canonical links, Open Graph tags, the sitemap and JSON-LD come from this
# configured origin, never from the request's Host header (which a client controls).
SITE_ORIGIN = os.environ.get("SITE_ORIGIN", "http://127.0.0.1:8000").rstrip("/")
SITE_NAME = "NexusHR"

INSTALLED_APPS = [
    # modeltranslation must come before the admin so its translated admin classes register.
    "modeltranslation",
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.sitemaps",
    "django_htmx",
    "nexushr",
    "roles",
    "salaries",
    "faqs",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.middleware.csp.ContentSecurityPolicyMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
]

ROOT_URLCONF = "nexushr.urls"
WSGI_APPLICATION = "nexushr.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "django.template.context_processors.csp",
                "nexushr.context_processors.site",
            ],
            "builtins": ["django.templatetags.i18n"],
        },
    },
]

DATABASES = {
    "default": dj_database_url.config(
        default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}",
        conn_max_age=int(os.environ.get("CONN_MAX_AGE", "60")),
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
    # Trigram lookups and similarity for the role search (see roles/search.py).
    INSTALLED_APPS.append("django.contrib.postgres")


def sqlite_server_options() -> dict:
    """SQLite set up for a server with concurrent writers (gunicorn workers, threads, admins).

    WAL lets readers go on while one writer writes; ``transaction_mode`` IMMEDIATE takes the
    write lock when a transaction begins, so a second writer *waits* (up to ``timeout``
    seconds, the busy timeout) instead of failing with "database is locked" when its read
    lock cannot be upgraded; synchronous=NORMAL is safe with WAL and spares an fsync per commit.
    """
    return {
        "transaction_mode": "IMMEDIATE",
        "timeout": int(os.environ.get("SQLITE_TIMEOUT", "20")),
        "init_command": ("PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;"),
    }


if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    DATABASES["default"]["OPTIONS"] = sqlite_server_options()
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
# SQLite cannot defer unique constraints (see roles.models.OrderedRoleItem): said once, here.
SILENCED_SYSTEM_CHECKS = ["models.W038"]

REDIS_URL = os.environ.get("REDIS_URL", "")
if REDIS_URL:
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": REDIS_URL,
            # Several deployments (or test runs) can share one Redis database by prefix.
            "KEY_PREFIX": os.environ.get("CACHE_KEY_PREFIX", "nexushr"),
        }
    }
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
# Rendered role pages are cached per language; saving a role in the admin clears them.
ROLE_PAGE_CACHE_SECONDS = int(os.environ.get("ROLE_PAGE_CACHE_SECONDS", "600"))

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# Languages: the URL prefix decides the page language (i18n_patterns). This list is the one
# place a language is declared: Django's LANGUAGES, the switcher's names, modeltranslation's
# columns (its default is LANGUAGES), `make messages` (nexushr/management/commands/makemessages.py)
# and the search documents (roles/search.py) all derive from it. The first is the default
# language: the source language of the UI strings and the fallback for untranslated content.
_LANGUAGES = [
    # (code, name in the page language, name in that language itself for the switcher)
    ("en", _("English"), "English"),
    ("pt-br", _("Brazilian Portuguese"), "Português (Brasil)"),
    ("es-mx", _("Mexican Spanish"), "Español (México)"),
]
LANGUAGES = [(code, name) for code, name, _self_name in _LANGUAGES]
LANGUAGE_SELF_NAMES = {code: self_name for code, _name, self_name in _LANGUAGES}
LANGUAGE_CODE = LANGUAGES[0][0]
LOCALE_PATHS = [BASE_DIR / "locale"]
USE_I18N = True
TIME_ZONE = "America/Sao_Paulo"
USE_TZ = True

# modeltranslation: one column per language in LANGUAGES; empty translations fall back to the
# default language.
MODELTRANSLATION_DEFAULT_LANGUAGE = LANGUAGE_CODE
MODELTRANSLATION_FALLBACK_LANGUAGES = (LANGUAGE_CODE,)

STATIC_URL = "/static/"
# collectstatic's target; production only (elsewhere whitenoise serves from the finders).
STATIC_ROOT = os.environ.get("STATIC_ROOT") or (BASE_DIR / "staticfiles" if PRODUCTION else None)
STATICFILES_DIRS = [BASE_DIR / "static"]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": (
            "whitenoise.storage.CompressedManifestStaticFilesStorage"
            if PRODUCTION
            else "django.contrib.staticfiles.storage.StaticFilesStorage"
        )
    },
}
# Outside production whitenoise serves straight from the app and project static folders, so
# `make run` works without DEBUG and without a collectstatic step.
WHITENOISE_USE_FINDERS = not PRODUCTION
WHITENOISE_AUTOREFRESH = DEBUG
MEDIA_ROOT = BASE_DIR / "media"
MEDIA_URL = "/media/"

# Content-Security-Policy: no inline script or style anywhere, so the strict policy holds.
SECURE_CSP = {
    "default-src": [CSP.SELF],
    "script-src": [CSP.SELF],
    "style-src": [CSP.SELF],
    "img-src": [CSP.SELF, "data:"],
    "connect-src": [CSP.SELF],
    "font-src": [CSP.SELF],
    "object-src": [CSP.NONE],
    "base-uri": [CSP.SELF],
    "form-action": [CSP.SELF],
    "frame-ancestors": [CSP.NONE],
}

SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "strict-origin-when-cross-origin"
X_FRAME_OPTIONS = "DENY"
# Production is served over HTTPS (deploy/: nginx terminates TLS): plain HTTP is redirected,
# HSTS is sent for a year and cookies are Secure. PLAIN_HTTP=true turns all of that off, for a
# production-like run without TLS on purpose (never on a public address).
# SECURE_SSL_REDIRECT / SECURE_HSTS_SECONDS in the environment override either default.
PLAIN_HTTP = env_bool("PLAIN_HTTP")
HTTPS = PRODUCTION and not PLAIN_HTTP
SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", HTTPS)
SECURE_HSTS_SECONDS = int(os.environ.get("SECURE_HSTS_SECONDS", 31_536_000 if HTTPS else 0))
SECURE_HSTS_INCLUDE_SUBDOMAINS = HTTPS
SECURE_HSTS_PRELOAD = HTTPS
SESSION_COOKIE_SECURE = CSRF_COOKIE_SECURE = HTTPS
# No script reads the CSRF cookie (forms and htmx take the token from the page).
CSRF_COOKIE_HTTPONLY = True
if PRODUCTION:
    CSRF_TRUSTED_ORIGINS = [SITE_ORIGIN]
# Whether a request came over HTTPS is decided by gunicorn, which believes X-Forwarded-Proto
# only from the proxy addresses in its forwarded_allow_ips (deploy/gunicorn.conf.py) and sets
# wsgi.url_scheme. SECURE_PROXY_SSL_HEADER stays unset on purpose: Django would believe the
# header from any client that reaches the app server directly.

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "WARNING")},
}
