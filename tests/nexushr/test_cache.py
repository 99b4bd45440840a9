"""HTTP caching: headers per page kind, 304s, bounded keys, outages, a cold page under load."""

import logging
import socket
import subprocess
import sys
import threading
from pathlib import Path

import pytest
from django.conf import settings
from django.core.cache import cache
from django.db import connection
from django.test import override_settings
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from nexushr import cache as page_cache
from tests.roles.factories import RoleFactory

pytestmark = pytest.mark.django_db
ROOT = Path(settings.BASE_DIR)


def queries(client, url: str, **headers) -> tuple:
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url, headers=headers)
    return response, len(captured)


def page_keys() -> list[str]:
    return [key for key in cache._cache if page_cache.PAGE_PREFIX in key]  # locmem internals


# --- headers --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("url", "kind"),
    [
        ("/en/", "home"),
        ("/en/roles/", "index"),
        ("/en/roles/?q=data", "index"),
        ("/en/roles/{slug}/", "role"),
        ("/en/roles/{slug}/share.png", "image"),
        ("/en/share.png", "image"),
        ("/sitemap.xml", "sitemap"),
        ("/en/search/suggestions.json?q=data", "suggestions"),
        ("/en/opensearch.xml", "opensearch"),
    ],
)
def test_public_pages_carry_their_kinds_cache_policy_and_validators(client, url, kind):
    role = RoleFactory()

    response = client.get(url.format(slug=role.slug))

    assert response.status_code == 200
    assert response["Cache-Control"] == settings.HTTP_CACHE_POLICIES[kind]
    for directive in ("public", "max-age=", "s-maxage=", "stale-while-revalidate="):
        assert directive in response["Cache-Control"]
    assert response["ETag"].startswith('"') and response["Last-Modified"]
    assert "Cookie" not in response.get("Vary", "")
    assert not response.cookies


def test_the_htmx_panel_fragment_is_cached_and_varies_on_the_htmx_headers(client):
    role = RoleFactory()
    headers = {"HX-Request": "true", "HX-Target": "interview-questions"}

    first, _ = queries(client, role.get_absolute_url(), **headers)
    second, count = queries(client, role.get_absolute_url(), **headers)

    assert count == 0 and second.content == first.content
    assert "<html" not in first.content.decode()
    assert first["Cache-Control"] == settings.HTTP_CACHE_POLICIES["role"]
    assert set(first["Vary"].replace(" ", "").split(",")) == {"HX-Request", "HX-Target"}


def test_drafts_previews_and_admin_are_private_and_never_stored(client, django_user_model):
    draft = RoleFactory(status="draft")
    staff = django_user_model.objects.create_user("staff", is_staff=True)
    client.force_login(staff)

    page = client.get(draft.get_absolute_url())
    image = client.get(draft.get_absolute_url() + "share.png")
    admin = client.get("/admin/")

    for response in (page, image, admin):
        assert response.status_code == 200
        assert "private" in response["Cache-Control"] and "no-store" in response["Cache-Control"]
    assert page_keys() == []


def test_an_unknown_page_is_not_cached_by_anyone(client):
    response = client.get("/en/roles/no-such-role/")

    assert response.status_code == 404
    assert response["Cache-Control"] == "no-cache"


@pytest.mark.parametrize("cached", [True, False], ids=["from-cache", "just-rendered"])
def test_if_none_match_is_answered_with_304(client, cached):
    role = RoleFactory()
    first = client.get(role.get_absolute_url())
    if not cached:
        cache.clear()
        page_cache.local_entries.clear()

    response, count = queries(client, role.get_absolute_url(), **{"If-None-Match": first["ETag"]})

    assert response.status_code == 304 and response.content == b""
    assert response["ETag"] == first["ETag"]
    assert (count == 0) == cached  # rendered only when the cache had no copy


def test_if_modified_since_is_answered_with_304_without_rendering(client):
    role = RoleFactory()
    first = client.get(role.get_absolute_url())

    response, count = queries(
        client, role.get_absolute_url(), **{"If-Modified-Since": first["Last-Modified"]}
    )

    assert response.status_code == 304 and count == 0


def test_etag_changes_with_the_content_and_last_modified_stays_when_it_does_not(
    client, django_capture_on_commit_callbacks
):
    role, other = RoleFactory(title="Before"), RoleFactory()
    first = client.get(role.get_absolute_url())
    with django_capture_on_commit_callbacks(execute=True):
        role.title = role.title_en = "After"
        role.save()
    second = client.get(role.get_absolute_url())
    assert second["ETag"] != first["ETag"]

    with django_capture_on_commit_callbacks(execute=True):
        page_cache.invalidate({"questions:generic"})  # no generic question on the page
    third = client.get(role.get_absolute_url())
    assert third["ETag"] == second["ETag"]
    assert third["Last-Modified"] == second["Last-Modified"]
    assert other  # untouched


def test_head_is_answered_from_the_cache(client):
    role = RoleFactory()
    body = client.get(role.get_absolute_url()).content

    with CaptureQueriesContext(connection) as captured:
        response = client.head(role.get_absolute_url())
    assert response.status_code == 200 and len(captured) == 0
    assert response["Content-Length"] == str(len(body))


@pytest.mark.parametrize(
    "url",
    [
        "/en/", "/pt-br/roles/?q=dados", "/en/roles/{slug}/", "/en/roles/{slug}/share.png",
        "/sitemap.xml", "/healthz", "/en/roles/no-such-role/", "/en/nowhere/",
        "/en/roles/?page=abc", "/pt-BR/roles/", "/en/roles/{upper}/", "/en/compare/tray/",
        "/api/v1/roles", "/api/v1/roles/{slug}", "/api/v1/roles/x/y", "/api/v1/nothing",
        "/api/v1/roles?page=abc", "/en/data/", "/en/feed/",
    ],
)  # fmt: skip
def test_every_content_length_is_the_bodys_and_a_heads_is_the_gets(client, url):
    """A stale Content-Length makes a client or a proxy wait for bytes that never come (the
    API's problem+json replaced Django's 404 page and kept its 3,147-byte length)."""
    role = RoleFactory()
    url = url.format(slug=role.slug, upper=role.slug.upper())

    got, head = client.get(url), client.head(url)

    assert got.get("Content-Length", str(len(got.content))) == str(len(got.content))
    assert head.status_code == got.status_code
    if "Content-Length" in head:
        assert head["Content-Length"] == str(len(got.content))


# --- bounded keys ---------------------------------------------------------------------------


def test_junk_parameters_add_no_cache_entry(client):
    role = RoleFactory()
    client.get(role.get_absolute_url())
    client.get("/en/roles/")
    before = len(page_keys())

    for n in range(1000):
        junk = f"utm_source=x{n}&fbclid={n}&gclid={n}&utm_campaign=c{n}&whatever{n}=1"
        url = role.get_absolute_url() if n % 2 else "/en/roles/"
        response, count = queries(client, f"{url}?{junk}")
        assert response.status_code == 200 and count == 0

    assert len(page_keys()) == before


@pytest.mark.parametrize(
    ("first", "second"),
    [
        ("?page=1", ""),
        ("?page=01", "?page=1"),
        ("?q=data&category=", "?category=&q=data"),
        ("?q=%20data%20%20", "?q=data"),
        ("?page=2&utm_medium=email", "?page=2"),
    ],
)
def test_equivalent_query_strings_share_one_entry(client, first, second):
    RoleFactory.create_batch(13, title="Data Role")
    client.get("/en/roles/" + first)

    _, count = queries(client, "/en/roles/" + second)

    assert count == 0


def test_canonical_and_hreflang_drop_junk_and_keep_what_the_page_reads(client):
    RoleFactory.create_batch(13)
    html = client.get("/en/roles/?page=2&utm_source=news&fbclid=abc&q=role").content.decode()

    assert f'<link rel="canonical" href="{settings.SITE_ORIGIN}/en/roles/?page=2">' in html
    assert f'hreflang="pt-br" href="{settings.SITE_ORIGIN}/pt-br/roles/?page=2"' in html
    # The language switcher keeps the visitor's search but not the trackers.
    assert 'href="/es-mx/roles/?q=role&amp;page=2"' in html
    assert "utm_source" not in html and "fbclid" not in html


# --- error pages cannot send visitors elsewhere ---------------------------------------------


@pytest.mark.parametrize(
    "path", ["//evil.example/en/", "///evil.example/", "/%2F%2Fevil.example", "/\\evil.example/"]
)
def test_the_404_language_links_stay_on_this_site(rf, path):
    from urllib.parse import unquote

    from nexushr.errors import handler404

    # The test client would read "//evil.example" as a host; build the raw request instead.
    request = rf.get("/")
    request.path = request.path_info = unquote(path)
    request.COOKIES = {}

    response = handler404(request)

    assert response.status_code == 404
    html = response.content.decode()
    assert "evil.example" not in html
    for code in ("en", "pt-br", "es-mx"):
        assert f'href="/{code}/"' in html


# --- outages --------------------------------------------------------------------------------


@pytest.fixture
def redis_down():
    """REDIS_URL pointing at a closed port: what a stopped Redis looks like to the app."""
    sock = socket.socket()
    sock.bind(("127.0.0.1", 0))
    port = sock.getsockname()[1]
    sock.close()
    caches = {
        "default": {
            "BACKEND": "nexushr.cache_backends.ResilientRedisCache",
            "LOCATION": f"redis://127.0.0.1:{port}/0",
        }
    }
    with override_settings(CACHES=caches):
        yield


def test_with_redis_down_pages_render_uncached_and_one_warning_is_logged(
    client, redis_down, caplog
):
    role = RoleFactory()
    with caplog.at_level(logging.WARNING, logger="nexushr.cache"):
        for url in ("/en/", role.get_absolute_url(), role.get_absolute_url() + "share.png"):
            for _ in range(3):
                assert client.get(url).status_code == 200

    warnings = [r for r in caplog.records if r.name == "nexushr.cache"]
    assert len(warnings) == 1
    assert "Cache unavailable" in warnings[0].getMessage()


def test_with_redis_down_an_admin_save_succeeds(client, redis_down, django_user_model):
    from tests.roles.test_admin import role_form

    role = RoleFactory(slug="data-engineer")
    client.force_login(django_user_model.objects.create_superuser("ed", "e@example.com", "pw"))
    data = role_form(role.category, title_en="Saved during an outage")

    response = client.post(reverse("admin:roles_role_change", args=[role.pk]), data)

    assert response.status_code == 302
    role.refresh_from_db()
    assert role.title_en == "Saved during an outage"


def test_healthz_reports_a_degraded_cache_in_its_body(client, redis_down):
    response = client.get("/healthz")

    assert response.status_code == 200
    assert response.json() == {"status": "degraded", "database": "ok", "cache": "unavailable"}


def test_invalidations_missed_during_an_outage_are_applied_when_the_cache_returns(
    client, django_capture_on_commit_callbacks, monkeypatch
):
    role = RoleFactory(title="Before")
    client.get(role.get_absolute_url())
    monkeypatch.setattr(page_cache, "_available", lambda: False)
    with django_capture_on_commit_callbacks(execute=True):
        role.title = role.title_en = "After"
        role.save()
    assert page_cache._missed
    monkeypatch.undo()

    assert "After" in client.get(role.get_absolute_url()).content.decode()
    assert not page_cache._missed


def test_with_the_database_down_cached_pages_and_images_are_still_served(client, monkeypatch):
    role = RoleFactory()
    urls = ["/en/", role.get_absolute_url(), role.get_absolute_url() + "share.png", "/en/roles/"]
    expected = {url: client.get(url).content for url in urls}

    def broken(*args, **kwargs):
        raise RuntimeError("database is down")

    monkeypatch.setattr(connection, "cursor", broken)
    for url in urls:
        response = client.get(url)
        assert response.status_code == 200 and response.content == expected[url]


# --- correctness under concurrency ----------------------------------------------------------


@pytest.mark.django_db(transaction=True)
def test_a_render_that_overlaps_a_commit_is_stored_stale(monkeypatch):
    from django.db import transaction
    from django.test import Client

    role = RoleFactory(title="Old title")
    client = Client()
    url = role.get_absolute_url()
    real_view_call = page_cache.PageCacheMiddleware._maybe_store

    def commit_during_render(request, key, response, started, previous):
        # The page was rendered from the old row; an editor commits before it is stored.
        with transaction.atomic():
            role.title = role.title_en = "New title"
            role.save()
        real_view_call(request, key, response, started, previous)

    monkeypatch.setattr(
        page_cache.PageCacheMiddleware, "_maybe_store", staticmethod(commit_during_render)
    )
    assert "Old title" in client.get(url).content.decode()
    monkeypatch.undo()

    assert "New title" in client.get(url).content.decode()


@pytest.mark.django_db(transaction=True)
def test_a_cold_page_is_rendered_once_under_concurrent_requests(live_server, monkeypatch):
    import urllib.request

    from roles import views

    role = RoleFactory()
    renders = []
    original = views.role_page_get

    def slow_page_get(**kwargs):
        renders.append(1)
        threading.Event().wait(0.3)
        return original(**kwargs)

    monkeypatch.setattr(views, "role_page_get", slow_page_get)
    url = live_server.url + role.get_absolute_url()
    statuses = []

    def fetch():
        with urllib.request.urlopen(url, timeout=10) as response:
            statuses.append(response.status)

    threads = [threading.Thread(target=fetch) for _ in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert statuses == [200] * 8
    assert len(renders) == 1


# --- production guard -----------------------------------------------------------------------


def run_check(**env: str) -> subprocess.CompletedProcess:
    environment = {
        "PATH": "/usr/bin:/bin",
        "DJANGO_ENV": "production",
        "SECRET_KEY": "x" * 50,
        "DJANGO_SETTINGS_MODULE": "nexushr.settings",
        "ALLOWED_HOSTS": "roles.example",
    } | env
    return subprocess.run(
        [sys.executable, "manage.py", "check"],
        cwd=ROOT,
        env={k: v for k, v in environment.items() if v is not None},
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )


def test_production_refuses_the_in_process_cache_and_a_missing_site_origin():
    result = run_check(SITE_ORIGIN=None, REDIS_URL=None)

    assert result.returncode != 0
    assert "nexushr.E001" in result.stderr and "nexushr.E002" in result.stderr


def test_production_accepts_a_single_process_or_redis_with_an_origin():
    origin = "https://roles.example"
    assert run_check(SITE_ORIGIN=origin, SINGLE_PROCESS="true").returncode == 0
    assert run_check(SITE_ORIGIN=origin, REDIS_URL="redis://127.0.0.1:6379/3").returncode == 0


def test_with_the_page_cache_off_every_request_renders_and_nothing_is_stored(client, settings):
    role = RoleFactory()
    stored, _ = queries(client, role.get_absolute_url())  # stored while the cache was on
    settings.ROLE_PAGE_CACHE_SECONDS = 0
    page_cache.local_entries.clear()

    second, count = queries(client, role.get_absolute_url())
    revalidated = client.get(role.get_absolute_url(), headers={"If-None-Match": stored["ETag"]})

    assert count > 0 and second.content == stored.content  # rendered, not read from the cache
    assert revalidated.status_code == 304
