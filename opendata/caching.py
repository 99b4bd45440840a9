"""Cache keys and ETags for the open data (API answers and dataset files).

Both derive from the portal's content version (``nexushr.cache``), bumped on every editor's
save: a key or ETag made before an edit never matches after it, so nothing stale is served or
revalidated. Kept small on purpose, to give way to the project's shared HTTP caching helpers.
"""

import hashlib
import logging
from collections.abc import Callable
from functools import wraps

from django.conf import settings
from django.core.cache import cache
from django.http import HttpRequest, HttpResponse
from django.utils import translation
from django.utils.cache import get_conditional_response

from nexushr.cache import content_version

logger = logging.getLogger(__name__)


def page_cache_key(request: HttpRequest) -> str:
    return (
        f"opendata:{content_version()}:{translation.get_language()}:"
        f"{hashlib.sha256(request.get_full_path().encode()).hexdigest()}"
    )


def etag_for(key: str) -> str:
    return '"' + hashlib.sha256(key.encode()).hexdigest()[:32] + '"'


def cache_get(key: str) -> object | None:
    """The cached value, or None; a cache outage degrades to uncached answers, never a 500."""
    try:
        return cache.get(key)
    except Exception:
        logger.warning("open-data cache unavailable", exc_info=True)
        return None


def cache_set(key: str, value: object) -> None:
    try:
        cache.set(key, value, settings.ROLE_PAGE_CACHE_SECONDS)
    except Exception:
        logger.warning("open-data cache unavailable", exc_info=True)


# Cache-Control of every shareable open-data answer: the API's (opendata.middleware) and the
# dataset files and feed (cached_download below).
CACHE_CONTROL = settings.HTTP_CACHE_POLICIES["opendata"]


def cached_download(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    """For GET views whose answer depends only on the content, the language and the URL (the
    dataset files, the feed): 304 for a matching ``If-None-Match`` without building anything,
    the cached body for a repeat, and shared caching and CORS headers on the answer."""

    @wraps(view)
    def wrapper(request: HttpRequest, *args: object, **kwargs: object) -> HttpResponse:
        key = page_cache_key(request)
        etag = etag_for(key)
        response = get_conditional_response(request, etag=etag)
        if response is None:
            cached = cache_get(key)
            if cached is not None:
                content, content_type = cached
                response = HttpResponse(content, content_type=content_type)
            else:
                response = view(request, *args, **kwargs)
                if response.status_code != 200:
                    return response
                cache_set(key, (response.content, response["Content-Type"]))
        response["ETag"] = etag
        response["Cache-Control"] = CACHE_CONTROL
        response["Access-Control-Allow-Origin"] = "*"
        return response

    return wrapper
