"""In-process throughput of the WSGI application against a bare Django view (`make bench`).

The bare view returns the same bytes as the cached role page, through Django's WSGI handler
and URL resolver with no middleware: the framework's ceiling. The ratio of the app to it,
measured in the same run, is what the README reports (issue 13's targets: ≥ 0.9 cached,
≥ 0.1 uncached); `make bench-http` measures the same over HTTP with gunicorn and wrk.
"""

import io
import time

from django.core.cache import cache
from django.core.handlers.wsgi import WSGIHandler
from django.http import HttpResponse
from django.test import override_settings
from django.urls import path

from nexushr.cache import PageCacheFront, local_entries

BODY = b""


def bare_view(request, slug):  # type: ignore[no-untyped-def]
    return HttpResponse(BODY, content_type="text/html; charset=utf-8")


urlpatterns = [path("en/roles/<slug:slug>/", bare_view)]


def environ(url: str) -> dict:
    path_info, _, query = url.partition("?")
    return {
        "REQUEST_METHOD": "GET",
        "PATH_INFO": path_info,
        "QUERY_STRING": query,
        "SERVER_NAME": "testserver",
        "SERVER_PORT": "80",
        "HTTP_HOST": "testserver",
        "wsgi.url_scheme": "http",
        "wsgi.input": io.BytesIO(),
        "wsgi.errors": io.StringIO(),
        "wsgi.version": (1, 0),
        "wsgi.multithread": False,
        "wsgi.multiprocess": True,
        "wsgi.run_once": False,
    }


def _call(app, url: str) -> bytes:  # type: ignore[no-untyped-def]
    status = []
    body = b"".join(app(environ(url), lambda s, h, e=None: status.append(s)))
    assert status[0].startswith("200"), (url, status)
    return body


def rate(app, url: str, *, seconds: float = 2.0, before=None) -> float:  # type: ignore[no-untyped-def]
    """Requests per second over about ``seconds`` (after a warm-up request)."""
    _call(app, url)
    count, started = 0, time.perf_counter()
    while (elapsed := time.perf_counter() - started) < seconds:
        if before:
            before()
        _call(app, url)
        count += 1
    return count / elapsed


def measure(url: str) -> dict[str, float]:
    global BODY
    app = PageCacheFront(WSGIHandler())  # as nexushr/wsgi.py ships it
    BODY = _call(app, url)
    with override_settings(MIDDLEWARE=[], ROOT_URLCONF=__name__):
        bare = WSGIHandler()
        bare_rps = rate(bare, url)
    cached_rps = rate(app, url)

    def cold() -> None:
        cache.clear()
        local_entries.clear()

    uncached_rps = rate(app, url, before=cold)
    return {
        "bytes": len(BODY),
        "bare_rps": bare_rps,
        "cached_rps": cached_rps,
        "uncached_rps": uncached_rps,
        "r1_cached": cached_rps / bare_rps,
        "r1_uncached": uncached_rps / bare_rps,
    }
