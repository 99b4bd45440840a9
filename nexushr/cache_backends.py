"""A Redis cache that degrades instead of failing: when Redis does not answer, the site serves
uncached pages and editors' saves still succeed.

Django's own ``RedisCache`` raises on every operation while Redis is down, which turned every
cached page and every admin save into a 500. This subclass catches connection errors, logs one
warning per outage (not one per request), and then skips Redis entirely for ``RETRY_SECONDS`` so
a dead server costs nothing per request; after that, the next operation tries again.
"""

import logging
import threading
import time
from collections.abc import Callable
from typing import Any

from django.core.cache.backends.base import DEFAULT_TIMEOUT
from django.core.cache.backends.redis import RedisCache

logger = logging.getLogger("nexushr.cache")

RETRY_SECONDS = 5.0


class ResilientRedisCache(RedisCache):
    def __init__(self, server: str, params: dict) -> None:
        options = params.setdefault("OPTIONS", {})
        # A dead host must not hold a worker for the OS connect timeout (minutes).
        options.setdefault("socket_connect_timeout", 0.25)
        options.setdefault("socket_timeout", 0.5)
        super().__init__(server, params)
        self._lock = threading.Lock()
        self._down_until = 0.0
        self._failed = False

    # -- state ------------------------------------------------------------------------------
    @property
    def available(self) -> bool:
        """False while Redis is considered down (an operation failed less than RETRY ago)."""
        return not self._failed

    def ping(self) -> bool:
        """Ask Redis now, whatever the breaker says (for /healthz)."""
        try:
            ok = bool(self._cache.get_client(write=False).ping())
        except Exception as error:
            self._trip(error)
            return False
        self._recover()
        return ok

    def _trip(self, error: Exception) -> None:
        with self._lock:
            self._down_until = time.monotonic() + RETRY_SECONDS
            if not self._failed:
                self._failed = True
                logger.warning(
                    "Cache unavailable (%s: %s); serving pages uncached until it answers again.",
                    type(error).__name__,
                    error,
                )

    def _recover(self) -> None:
        if self._failed:
            with self._lock:
                if self._failed:
                    self._failed = False
                    logger.warning("Cache available again.")

    def _call(self, default: Any, operation: Callable[[], Any]) -> Any:
        if self._failed and time.monotonic() < self._down_until:
            return default
        try:
            result = operation()
        except Exception as error:
            self._trip(error)
            return default
        self._recover()
        return result

    # -- the cache API ----------------------------------------------------------------------
    def add(self, key: str, value: Any, timeout: Any = DEFAULT_TIMEOUT, version: Any = None):
        return self._call(False, lambda: RedisCache.add(self, key, value, timeout, version))

    def get(self, key: str, default: Any = None, version: Any = None) -> Any:
        return self._call(default, lambda: RedisCache.get(self, key, default, version))

    def set(self, key: str, value: Any, timeout: Any = DEFAULT_TIMEOUT, version: Any = None):
        return self._call(None, lambda: RedisCache.set(self, key, value, timeout, version))

    def touch(self, key: str, timeout: Any = DEFAULT_TIMEOUT, version: Any = None):
        return self._call(False, lambda: RedisCache.touch(self, key, timeout, version))

    def delete(self, key: str, version: Any = None):
        return self._call(False, lambda: RedisCache.delete(self, key, version))

    def get_many(self, keys: Any, version: Any = None) -> dict:
        return self._call({}, lambda: RedisCache.get_many(self, keys, version))

    def has_key(self, key: str, version: Any = None) -> bool:
        return self._call(False, lambda: RedisCache.has_key(self, key, version))

    def incr(self, key: str, delta: int = 1, version: Any = None):
        # ValueError (missing key) is the caller's to handle; only connection errors are caught.
        if self._failed and time.monotonic() < self._down_until:
            return None
        try:
            result = super().incr(key, delta, version)
        except ValueError:
            self._recover()
            raise
        except Exception as error:
            self._trip(error)
            return None
        self._recover()
        return result

    def set_many(self, data: dict, timeout: Any = DEFAULT_TIMEOUT, version: Any = None):
        return self._call(list(data), lambda: RedisCache.set_many(self, data, timeout, version))

    def delete_many(self, keys: Any, version: Any = None):
        return self._call(None, lambda: RedisCache.delete_many(self, keys, version))

    def clear(self):
        return self._call(
            False,
            lambda: RedisCache.clear(
                self,
            ),
        )
