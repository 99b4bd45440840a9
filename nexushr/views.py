from django.conf import settings
from django.db import connection
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_safe


@require_safe
@never_cache
def healthz(request: HttpRequest) -> JsonResponse:
    """200 when the database answers, 503 when it does not (for load balancers and monitors)."""
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except Exception:
        return JsonResponse({"status": "error", "database": "unavailable"}, status=503)
    return JsonResponse({"status": "ok", "database": "ok"})


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
