"""Project-wide promises: clean checks and migrations, health, settings, no inline script/style."""

import re
from io import StringIO
from pathlib import Path

import pytest
from django.conf import settings
from django.core.management import call_command

from tests.html import attrs, parse, texts

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


def inline_code(html: str) -> list[str]:
    """What a strict CSP would block: inline scripts (JSON-LD data aside), style elements and
    attributes, and inline event handlers."""
    doc = parse(html)
    scripts = doc.css('script:not([src]):not([type="application/ld+json"])')
    handlers = [
        f"{node.tag} {name}"
        for node in doc.css("*")
        for name in node.attributes
        if name.startswith("on")
    ]
    return [
        *(f"script {node.text()[:40]}" for node in scripts),
        *(f"{node.tag} style" for node in doc.css("style, [style]")),
        *handlers,
    ]


def test_inline_code_is_found_where_it_hides():
    assert inline_code('<p onclick="x()">a</p><style>p{}</style><script>x()</script>') == [
        "script x()",
        "style style",
        "p onclick",
    ]
    assert inline_code('<script src="/a.js"></script><script type="application/ld+json">') == []


def test_templates_have_no_inline_script_or_style():
    offenders = {
        # Template tags dropped first: quotes inside them would end attribute values early.
        str(template.relative_to(ROOT)): inline_code(
            re.sub(r"{%.*?%}|{{.*?}}", "", template.read_text())
        )
        for template in (ROOT / "templates").rglob("*.html")
    }
    assert len(offenders) >= 8
    assert {name: found for name, found in offenders.items() if found} == {}


def test_pages_are_served_with_a_strict_content_security_policy(client, seeded):
    response = client.get("/en/roles/machine-learning-engineer/")

    policy = response["Content-Security-Policy"]
    assert "script-src 'self'" in policy and "style-src 'self'" in policy
    assert "unsafe-inline" not in policy
    assert inline_code(response.content.decode()) == []
    scripts = attrs(response, "script[src]", "src")
    assert any(src.startswith("/static/django_htmx/htmx") for src in scripts), scripts
    # Everything the page loads comes from the site itself: no CDN, no outside fonts.
    loaded = attrs(response, "script[src]", "src") + attrs(response, "link[href]", "href")
    outside = [url for url in loaded if "//" in url and not url.startswith(settings.SITE_ORIGIN)]
    assert loaded and outside == []


def test_htmx_is_configured_not_to_inject_styles(client):
    import json

    [config] = attrs(client.get("/en/"), 'meta[name="htmx-config"]', "content")

    assert json.loads(config)["includeIndicatorStyles"] is False


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


def test_500_page_is_the_sites_own_and_needs_no_database(rf, monkeypatch):
    from django.db import connections
    from django.utils import translation

    from nexushr import errors

    def broken(*args, **kwargs):
        raise RuntimeError("database is down")

    for connection in connections.all():
        monkeypatch.setattr(connection, "cursor", broken)
    translation.activate("pt-br")

    response = errors.handler500(rf.get("/pt-br/"))

    assert response.status_code == 500
    assert texts(response, "h1") == ["Algo deu errado"]


@pytest.mark.parametrize("path", ["/en/", "/en/roles/", "/en/roles/some-role/"])
def test_other_methods_than_get_and_head_are_refused_with_a_405(client, path):
    response = client.post(path)

    assert response.status_code == 405
    assert response["Allow"] == "GET, HEAD"
