"""Who the client is, decided once for everything that reads ``REMOTE_ADDR``.

Behind the shipped nginx (deploy/nginx/proxy_params) every request reaches gunicorn from
127.0.0.1, and nginx *replaces* ``X-Forwarded-For`` with the address it saw. With
``TRUSTED_PROXY_COUNT`` proxies in front, the client is the address the outermost trusted proxy
appended; entries further left were written by the client and are never believed. This
middleware puts that address in ``REMOTE_ADDR``, so the API's rate limit, django-axes' login
lockout (which reads ``REMOTE_ADDR``) and the logs all count the real client rather than one
shared bucket for everyone. With no proxy configured (0, the default) nothing changes: a client
talking to the app directly cannot choose its address by sending the header.
"""

from collections.abc import Callable

from django.conf import settings
from django.http import HttpRequest, HttpResponse


def forwarded_client(meta: dict, proxies: int) -> str | None:
    """The client's address from ``X-Forwarded-For`` behind ``proxies`` trusted proxies."""
    if proxies <= 0:
        return None
    forwarded = [a.strip() for a in meta.get("HTTP_X_FORWARDED_FOR", "").split(",")]
    forwarded = [a for a in forwarded if a]
    return forwarded[-proxies][:64] if len(forwarded) >= proxies else None


class ClientAddressMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        client = forwarded_client(request.META, settings.TRUSTED_PROXY_COUNT)
        if client:
            request.META["REMOTE_ADDR"] = client
        return self.get_response(request)
