"""Requests per client IP and window, counted in the shared cache (Redis when REDIS_URL is set),
so every process and server behind the same cache enforces one limit.

A fixed window: the count lives under a key named after the window; ``cache.add`` creates it and
``cache.incr`` (atomic in Redis) counts. The answer to an exceeded limit says exactly when the
window ends (``Retry-After``). If the cache is down, requests are let through: a broken cache
must not take the API down with it.
"""

import logging
import math
import time

from django.conf import settings
from django.core.cache import cache
from django.http import HttpRequest

logger = logging.getLogger(__name__)


def client_ip(request: HttpRequest) -> str:
    """The client's address (``REMOTE_ADDR``, which nexushr/proxy.py sets to the real client
    behind ``TRUSTED_PROXY_COUNT`` proxies)."""
    return request.META.get("REMOTE_ADDR", "")[:64]


def retry_after(ident: str, *, now: float | None = None) -> int | None:
    """Count one request from ``ident``; the seconds to wait if that exceeds the limit."""
    limit, window = settings.API_RATE_LIMIT, settings.API_RATE_WINDOW
    now = time.time() if now is None else now
    slot = int(now // window)
    key = f"ratelimit:{ident}:{slot}"
    try:
        cache.add(key, 0, timeout=window + 1)
        count = cache.incr(key)
    except Exception:  # the cache is down (or the key vanished): let the request through
        logger.warning("rate limit not counted: cache unavailable", exc_info=True)
        return None
    if count <= limit:
        return None
    return max(1, math.ceil((slot + 1) * window - now))
