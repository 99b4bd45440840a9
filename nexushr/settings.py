"""Settings for NexusHR, read from environment variables.

Development needs nothing set: SQLite, DEBUG off unless asked for, a throwaway secret key.
Production (``DJANGO_ENV=production``) refuses to start without ``SECRET_KEY``.
"""

import os
from datetime import timedelta
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


def _build_id() -> str:
    """The checked-out commit, when there is one (a deploy can set BUILD_ID instead)."""
    import shutil
    import subprocess

    git = shutil.which("git")
    if git is None:
        return "dev"
    try:
        result = subprocess.run(  # noqa: S603 - a fixed command
            [git, "rev-parse", "--short=12", "HEAD"],
            cwd=BASE_DIR,
            capture_output=True,
            text=True,
            timeout=2,
            check=True,
        )
    except (OSError, subprocess.SubprocessError):
        return "dev"
    return result.stdout.strip() or "dev"


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
SITE_ORIGIN_CONFIGURED = bool(os.environ.get("SITE_ORIGIN"))  # production requires it (checks.py)
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
    # django-ninja: the open-data API; in INSTALLED_APPS so its Swagger UI is served from the
    # app's own static files (without it, ninja would load Swagger UI from a CDN).
    "ninja",
    "reversion",
    "axes",
    "import_export",
    "nexushr",
    "sources",
    "roles",
    "salaries",
    "faqs",
    "opendata",
    "editorial",
]

MIDDLEWARE = [
    # REMOTE_ADDR is the real client behind TRUSTED_PROXY_COUNT proxies (nexushr/proxy.py).
    "nexushr.proxy.ClientAddressMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # Answers anonymous GETs of cached pages before sessions, CSRF or the database are touched.
    "nexushr.cache.PageCacheMiddleware",
    "django.middleware.csp.ContentSecurityPolicyMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    # /api/ only: query-string limit, rate limit, ?lang=, ETag/304, caching, CORS, problem+json.
    "opendata.middleware.ApiMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    # Last, as django-axes asks: it turns a locked-out login into the lockout page.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "nexushr.urls"
WSGI_APPLICATION = "nexushr.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "OPTIONS": {
            # The project's templates are read trimmed of indentation (nexushr/template_loaders.py);
            # the admin's and other apps' as they are. Compiled templates are cached.
            "loaders": [
                (
                    "django.template.loaders.cached.Loader",
                    [
                        "nexushr.template_loaders.TrimmedFilesystemLoader",
                        "django.template.loaders.app_directories.Loader",
                    ],
                )
            ],
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                # No CSP nonce processor: the policy allows no inline script at all, and a
                # per-request nonce would make every cached copy of a page differ.
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
            # Django's Redis backend, but a Redis outage degrades to uncached pages (see module).
            "BACKEND": "nexushr.cache_backends.ResilientRedisCache",
            "LOCATION": REDIS_URL,
            # Several deployments (or test runs) can share one Redis database by prefix.
            "KEY_PREFIX": os.environ.get("CACHE_KEY_PREFIX", "nexushr"),
        }
    }
else:
    # In-process: fine for one process (`make run`, tests). Production refuses it unless
    # SINGLE_PROCESS says so (nexushr/checks.py): each process would hold its own pages.
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
            "OPTIONS": {"MAX_ENTRIES": 5000},
        }
    }
SINGLE_PROCESS = env_bool("SINGLE_PROCESS")
# Lifetime of a cached response in the shared cache; an editor's save makes it stale sooner
# (tag invalidation, nexushr/cache.py). 0 turns the page cache off: every request renders.
ROLE_PAGE_CACHE_SECONDS = int(os.environ.get("ROLE_PAGE_CACHE_SECONDS", "3600"))
# How long a process trusts its own copy of a hot page before asking the shared cache again:
# the most another process's save can lag on this one. 0 turns the local copy off.
PAGE_CACHE_LOCAL_SECONDS = float(os.environ.get("PAGE_CACHE_LOCAL_SECONDS", "0.25"))
# The deployed code and static build: part of every ETag and page-cache key, so a deploy never
# serves or validates pages rendered by the previous one.
BUILD_ID = os.environ.get("BUILD_ID") or _build_id()
# Cache-Control per page kind (the one place these values live). Browsers keep pages a few
# minutes; shared caches (nginx's micro-cache, a CDN) keep them one second and then revalidate
# with the ETag, which the app answers from its page cache with a 304, so an editor's save is
# visible through them within about a second. stale-if-error lets them ride out an app outage.
HTTP_CACHE_POLICIES = {
    "role": "public, max-age=300, s-maxage=1, stale-while-revalidate=60, stale-if-error=86400",
    "home": "public, max-age=120, s-maxage=1, stale-while-revalidate=60, stale-if-error=86400",
    "index": "public, max-age=60, s-maxage=1, stale-while-revalidate=30, stale-if-error=86400",
    "compare": "public, max-age=60, s-maxage=1, stale-while-revalidate=30, stale-if-error=86400",
    "image": "public, max-age=3600, s-maxage=60, stale-while-revalidate=86400, "
    "stale-if-error=86400",
    "sitemap": "public, max-age=3600, s-maxage=60, stale-while-revalidate=3600",
    # The search box's suggestions (typed queries: short-lived) and the OpenSearch description.
    "suggestions": "public, max-age=300, s-maxage=1, stale-while-revalidate=60, "
    "stale-if-error=86400",
    "opensearch": "public, max-age=86400, s-maxage=60, stale-while-revalidate=86400",
    # The API and the datasets (opendata/): like a role page, so a CDN revalidates each second.
    "opendata": "public, max-age=300, s-maxage=1, stale-while-revalidate=60, stale-if-error=86400",
}

# Open data (opendata/): the API's limits and the datasets' licence.
# Requests per client IP and window (seconds), counted in the shared cache so every process
# sees the same count (set REDIS_URL when more than one process serves).
API_RATE_LIMIT = int(os.environ.get("API_RATE_LIMIT", "120"))
API_RATE_WINDOW = int(os.environ.get("API_RATE_WINDOW", "60"))
# How many reverse proxies in front of the app append to X-Forwarded-For (0: use the socket
# address). With nginx in front, 1: the client is the last address nginx appended. `make serve`
# and the smoke deployment set 1 (nginx in front); PLAIN_HTTP=true (no proxy) keeps 0.
TRUSTED_PROXY_COUNT = int(os.environ.get("TRUSTED_PROXY_COUNT", "0"))
# Longest query string the API reads, in bytes (longer: 414 with a problem+json body).
API_MAX_QUERY_STRING = 2048
OPEN_DATA_LICENSE = {
    "name": "CC-BY-4.0",
    "title": "Creative Commons Attribution 4.0 International",
    "path": "https://creativecommons.org/licenses/by/4.0/",
}
# The admin's address (no leading slash). Set ADMIN_URL to something of your own in production so
# the login page is not where every scanner looks first; robots.txt never names a custom one.
ADMIN_URL = os.environ.get("ADMIN_URL", "admin/").strip("/") + "/"

# Login throttling (django-axes): after AXES_FAILURE_LIMIT failed attempts for one username from
# one address, that pair is locked out for AXES_COOLOFF_TIME; the login page says so.
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
AXES_FAILURE_LIMIT = int(os.environ.get("AXES_FAILURE_LIMIT", "5"))
AXES_COOLOFF_TIME = timedelta(minutes=int(os.environ.get("AXES_COOLOFF_MINUTES", "15")))
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_CALLABLE = "editorial.lockout.lockout_response"
AXES_VERBOSE = False
# Axes reads REMOTE_ADDR, which nexushr/proxy.py sets to the real client behind a proxy.

# Bulk salary updates (django-import-export): imports need the "change" permission on bands,
# exports the "view" one; every import runs in one transaction, so a refused row changes nothing.
IMPORT_EXPORT_IMPORT_PERMISSION_CODE = "change"
IMPORT_EXPORT_EXPORT_PERMISSION_CODE = "view"
IMPORT_EXPORT_USE_TRANSACTIONS = True
IMPORT_EXPORT_SKIP_ADMIN_LOG = False
# The largest salary file accepted (bytes); see salaries/admin.py.
SALARY_IMPORT_MAX_BYTES = int(os.environ.get("SALARY_IMPORT_MAX_BYTES", str(2 * 1024 * 1024)))

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
# A form sent without its token gets the site's own 403 page, saying what to do.
CSRF_FAILURE_VIEW = "nexushr.errors.csrf_failure"
# /healthz answers over plain HTTP too: load balancers probe the app directly.
SECURE_REDIRECT_EXEMPT = [r"^healthz$"]
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
