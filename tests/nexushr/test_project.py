"""Project-wide promises: clean checks and migrations, health, settings, no inline script/style."""

import re
from io import StringIO
from pathlib import Path

import pytest
from django.conf import settings
from django.core.management import call_command

pytestmark = pytest.mark.django_db

ROOT = Path(settings.BASE_DIR)


def test_system_checks_pass():
    call_command("check", fail_level="WARNING", stdout=StringIO())


def test_no_model_change_lacks_a_migration():
    call_command("makemigrations", "--check", "--dry-run", stdout=StringIO())


def test_healthz_reports_a_working_database(client):
    response = client.get("/healthz")

    assert response.status_code == 200
    assert response.json() == {"status": "ok", "database": "ok", "cache": "ok"}


def test_healthz_reports_a_broken_database(client, monkeypatch):
    from django.db import connection

    def broken(*args, **kwargs):
        raise RuntimeError("database is down")

    monkeypatch.setattr(connection, "cursor", broken)
    response = client.get("/healthz")

    assert response.status_code == 503
    assert response.json()["database"] == "unavailable"


def test_templates_have_no_inline_script_or_style():
    offenders = []
    for template in list((ROOT / "templates").rglob("*.html")):
        html = template.read_text()
        for tag in re.findall(r"<script\b[^>]*>", html):
            if "src=" not in tag and "application/ld+json" not in tag:
                offenders.append(f"{template.name}: {tag}")
        if re.search(r"\sstyle=", html) or "<style" in html:
            offenders.append(f"{template.name}: style")
        if re.search(r"\son[a-z]+=", html):
            offenders.append(f"{template.name}: inline event handler")
    assert offenders == []


def test_pages_are_served_with_a_strict_content_security_policy(client, seeded):
    response = client.get("/en/roles/machine-learning-engineer/")

    policy = response["Content-Security-Policy"]
    assert "script-src 'self'" in policy and "style-src 'self'" in policy
    assert "unsafe-inline" not in policy
    html = response.content.decode()
    assert 'src="/static/django-htmx/' in html or "htmx" in html
    assert "https://" not in "".join(re.findall(r'(?:src|href)="([^"]+)"', html)).replace(
        settings.SITE_ORIGIN, ""
    )


def test_htmx_is_configured_not_to_inject_styles(client):
    html = client.get("/en/").content.decode()

    assert '"includeIndicatorStyles": false' in html


def test_production_refuses_to_start_without_a_secret_key():
    import subprocess
    import sys

    result = subprocess.run(
        [sys.executable, "-c", "import nexushr.settings"],
        cwd=ROOT,
        env={"DJANGO_ENV": "production", "PATH": "/usr/bin:/bin"},
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode != 0
    assert "SECRET_KEY must be set" in result.stderr


def test_debug_is_off_unless_asked_for():
    import subprocess
    import sys

    result = subprocess.run(
        [sys.executable, "-c", "import nexushr.settings as s; print(s.DEBUG)"],
        cwd=ROOT,
        env={"PATH": "/usr/bin:/bin"},
        capture_output=True,
        text=True,
        check=True,
    )
    assert result.stdout.strip() == "False"


def test_500_page_is_the_sites_own_and_needs_no_database(client, monkeypatch):
    from nexushr import errors

    response = errors.handler500(client.get("/en/").wsgi_request)

    assert response.status_code == 500
    assert b"Something went wrong" in response.content


def test_400_for_a_non_get_method_on_public_pages(client):
    assert client.post("/en/roles/").status_code == 405
