"""Production settings are secure by default; a plain-HTTP run must say so explicitly."""

import json
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
NAMES = [
    "SECURE_SSL_REDIRECT",
    "SECURE_HSTS_SECONDS",
    "SECURE_HSTS_INCLUDE_SUBDOMAINS",
    "SECURE_HSTS_PRELOAD",
    "SESSION_COOKIE_SECURE",
    "CSRF_COOKIE_SECURE",
    "CSRF_COOKIE_HTTPONLY",
    "SECURE_PROXY_SSL_HEADER",
]


def production_settings(**environ: str) -> dict:
    script = (
        "import json, django; django.setup(); from django.conf import settings; "
        f"print(json.dumps({{name: getattr(settings, name) for name in {NAMES!r}}}))"
    )
    env = {
        "PATH": "/usr/bin:/bin",
        "DJANGO_SETTINGS_MODULE": "nexushr.settings",
        "DJANGO_ENV": "production",
        "SECRET_KEY": "test-only-secret-key-for-production-settings",
        "SITE_ORIGIN": "https://nexushr.example",
        **environ,
    }
    output = subprocess.run(
        [sys.executable, "-c", script], cwd=ROOT, env=env, capture_output=True, text=True
    )
    assert output.returncode == 0, output.stderr
    return json.loads(output.stdout)


def test_production_redirects_to_https_and_sends_hsts_by_default():
    settings = production_settings()
    assert settings["SECURE_SSL_REDIRECT"] is True
    assert settings["SECURE_HSTS_SECONDS"] >= 15_768_000  # six months: the Observatory's minimum
    assert settings["SECURE_HSTS_INCLUDE_SUBDOMAINS"] is True
    assert settings["SESSION_COOKIE_SECURE"] is True
    assert settings["CSRF_COOKIE_SECURE"] is True
    assert settings["CSRF_COOKIE_HTTPONLY"] is True


def test_the_forwarded_proto_header_is_not_believed_by_django_itself():
    """gunicorn decides the scheme from trusted proxies only (deploy/gunicorn.conf.py)."""
    assert production_settings()["SECURE_PROXY_SSL_HEADER"] is None


def test_a_plain_http_run_turns_redirect_hsts_and_secure_cookies_off_explicitly():
    settings = production_settings(PLAIN_HTTP="true")
    assert settings["SECURE_SSL_REDIRECT"] is False
    assert settings["SECURE_HSTS_SECONDS"] == 0
    assert settings["SESSION_COOKIE_SECURE"] is False
    assert settings["CSRF_COOKIE_SECURE"] is False


def test_development_stays_plain_http():
    settings = production_settings(DJANGO_ENV="development")
    assert settings["SECURE_SSL_REDIRECT"] is False
    assert settings["SECURE_HSTS_SECONDS"] == 0
