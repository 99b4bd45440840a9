from django.conf import settings
from django.contrib.sitemaps.views import sitemap
from django.core.cache import cache
from django.db import connection
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_safe

from nexushr.cache import PageSpec, page, tag_response
from nexushr.forms import SitemapForm
from nexushr.sitemaps import SITEMAPS


@require_safe
@never_cache
def healthz(request: HttpRequest) -> JsonResponse:
    """For load balancers and monitors.

    503 when the database does not answer: this instance cannot serve uncached pages or
    saves. 200 with ``"status": "degraded"`` when only the cache is down: every instance shares
    the same Redis, so a 503 would make the load balancer drop all of them at once and turn
    slower, uncached pages into no pages at all. Monitors alert on the body's ``cache``.
    """
    body = {"status": "ok", "database": "ok", "cache": "ok"}
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except Exception:
        body |= {"status": "error", "database": "unavailable"}
    if not _cache_answers():
        body["cache"] = "unavailable"
        if body["status"] == "ok":
            body["status"] = "degraded"
    return JsonResponse(body, status=503 if body["database"] != "ok" else 200)


def _cache_answers() -> bool:
    ping = getattr(cache, "ping", None)
    if ping is not None:  # nexushr.cache_backends.ResilientRedisCache
        return ping()
    try:
        cache.set("healthz", 1, 5)
        return cache.get("healthz") == 1
    except Exception:
        return False


@require_safe
def robots_txt(request: HttpRequest) -> HttpResponse:
    lines = ["User-agent: *"]
    # A custom admin address (settings.ADMIN_URL) is kept out of robots.txt: naming it would
    # tell every scanner where to look.
    if settings.ADMIN_URL == "admin/":
        lines.append("Disallow: /admin/")
    # The compare tray's controls only edit a visitor's cookie: nothing there to crawl.
    lines += [
        f"Disallow: /{code}/compare/{part}/"
        for code, _name in settings.LANGUAGES
        for part in ("edit", "tray")
    ]
    lines.append(f"Sitemap: {settings.SITE_ORIGIN}/sitemap.xml")
    return HttpResponse("\n".join(lines) + "\n", content_type="text/plain; charset=utf-8")


@require_safe
@page(PageSpec("sitemap", form=SitemapForm, canonical=frozenset({"p"})))
def sitemap_xml(request: HttpRequest) -> HttpResponse:
    """/sitemap.xml: cached like a page, dropped whenever a role or category changes."""
    response = sitemap(request, sitemaps=SITEMAPS)
    response.render()
    return tag_response(response, {"listing"})
