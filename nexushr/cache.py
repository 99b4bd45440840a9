"""Cached role pages and share images, invalidated when an editor saves anything they show.

One "content version" number lives in the cache; every key includes it, and any save or delete
in the roles, salaries or faqs apps bumps it (roles/signals.py). Editors save rarely and readers
read often, so dropping every cached page on a save is simple and always correct.
"""

import hashlib
from collections.abc import Callable
from functools import wraps

from django.conf import settings
from django.core.cache import cache
from django.http import HttpRequest, HttpResponse
from django.utils import translation

VERSION_KEY = "content-version"


def content_version() -> int:
    version = cache.get(VERSION_KEY)
    if version is None:
        cache.add(VERSION_KEY, 1, timeout=None)
        version = cache.get(VERSION_KEY, 1)
    return int(version)


def bump_content_version() -> None:
    try:
        cache.incr(VERSION_KEY)
    except ValueError:  # not set yet (or evicted): any new number invalidates old keys
        cache.set(VERSION_KEY, content_version() + 1, timeout=None)


def page_key(request: HttpRequest, name: str) -> str:
    path = request.get_full_path()
    if len(path) > 160:  # keep keys short for any backend, whatever a visitor puts in the URL
        path = hashlib.sha256(path.encode()).hexdigest()
    return f"page:{content_version()}:{translation.get_language()}:{name}:{path}"


def cache_public_page(name: str) -> Callable:
    """Cache a view's 200 responses for anonymous, non-htmx GETs, per language and URL."""

    def decorator(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
        @wraps(view)
        def wrapper(request: HttpRequest, *args: object, **kwargs: object) -> HttpResponse:
            if request.user.is_authenticated or getattr(request, "htmx", False):
                return view(request, *args, **kwargs)
            key = page_key(request, name)
            cached = cache.get(key)
            if cached is not None:
                content, content_type = cached
                return HttpResponse(content, content_type=content_type)
            response = view(request, *args, **kwargs)
            if response.status_code == 200 and not response.streaming:
                cache.set(
                    key,
                    (response.content, response["Content-Type"]),
                    settings.ROLE_PAGE_CACHE_SECONDS,
                )
            return response

        return wrapper

    return decorator
