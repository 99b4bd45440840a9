"""HTTP for /api/: what every endpoint shares, before and after ninja answers.

In order: refuse an over-long query string (414), a NUL character in the address (404 in the
path, 400 in a parameter) and an exceeded rate limit (429); answer CORS
preflights; choose the content language (``?lang=`` over ``Accept-Language``); answer
``If-None-Match`` with 304 and serve repeated GETs from the cache; then, on the way out, set
``ETag``, ``Cache-Control``, ``Content-Language`` and CORS headers, and turn any error that is
not already problem+json (Django's 404 page, a 405, a 500) into problem+json.
"""

import json
from collections.abc import Callable

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.utils import translation
from django.utils.cache import get_conditional_response, patch_vary_headers

from opendata.caching import CACHE_CONTROL, cache_get, cache_set, etag_for, page_cache_key
from opendata.problems import (
    PROBLEM_CONTENT_TYPE,
    Problem,
    invalid,
    problem_body,
    problem_for_status,
    problem_response,
)
from opendata.ratelimit import client_ip, retry_after
from opendata.schemas import LANGUAGE_CODES

API_PREFIX = "/api/"
# PostgreSQL refuses a NUL in any text it is given ("cannot contain NUL (0x00) bytes"), so a
# slug or filter holding one answered 500; no parameter of the API takes one.
NUL = "\x00"
SAFE_METHODS = {"GET", "HEAD"}
# What a browser script may read from an answer besides the CORS-safelisted headers.
EXPOSED_HEADERS = "Content-Language, ETag, Retry-After, Location"


class ApiMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if not request.path_info.startswith(API_PREFIX):
            return self.get_response(request)
        head = request.method == "HEAD"
        if head:  # ninja routes GET only; HEAD is GET without the body
            request.method = "GET"
        try:
            response = self._respond(request)
        except Problem as problem:
            response = problem_response(request, problem)
        response = self._finish(request, response)
        if head:
            request.method = "HEAD"
            response.content = b""
        return response

    def _respond(self, request: HttpRequest) -> HttpResponse:
        length = len(request.META.get("QUERY_STRING", "").encode())
        if length > settings.API_MAX_QUERY_STRING:
            raise Problem(
                "query-too-long",
                f"The query string has {length} bytes; the API reads at most "
                f"{settings.API_MAX_QUERY_STRING}.",
            )
        if NUL in request.path:
            raise Problem("not-found", "No resource has a NUL character (%00) in its address.")
        name = _nul_parameter(request)
        if name is not None:
            raise invalid(name, "contains a NUL character (%00), which no parameter takes")
        wait = retry_after(client_ip(request))
        if wait is not None:
            raise Problem(
                "rate-limited",
                f"More than {settings.API_RATE_LIMIT} requests in {settings.API_RATE_WINDOW} "
                f"seconds from this address; retry in {wait} seconds.",
                headers={"Retry-After": str(wait)},
            )
        if request.method == "OPTIONS":
            return _preflight()
        _activate_language(request)
        if request.method != "GET":
            return self.get_response(request)
        key = page_cache_key(request)
        etag = etag_for(key)
        not_modified = get_conditional_response(request, etag=etag)
        if not_modified is not None:
            not_modified["ETag"] = etag
            return not_modified
        cached = cache_get(key)
        if cached is not None:
            response = HttpResponse(cached, content_type="application/json; charset=utf-8")
        else:
            response = self.get_response(request)
            if response.status_code == 200 and response["Content-Type"].startswith(
                "application/json"
            ):
                cache_set(key, response.content)
        if response.status_code == 200 and response["Content-Type"].startswith("application/json"):
            response["ETag"] = etag
        return response

    def _finish(self, request: HttpRequest, response: HttpResponse) -> HttpResponse:
        if response.status_code >= 400 and not response.get("Content-Type", "").startswith(
            PROBLEM_CONTENT_TYPE
        ):
            problem = problem_for_status(response.status_code)
            response.content = json.dumps(problem_body(request, problem)).encode()
            response["Content-Type"] = PROBLEM_CONTENT_TYPE
            response["Cache-Control"] = "no-store"
            if "Content-Length" in response:  # CommonMiddleware counted the HTML page's bytes
                response["Content-Length"] = str(len(response.content))
        response["Content-Language"] = translation.get_language()
        patch_vary_headers(response, ["Accept-Language"])
        credentialed = _carries_credentials(request)
        if response.status_code in (200, 301, 304) and "Cache-Control" not in response:
            response["Cache-Control"] = "private" if credentialed else CACHE_CONTROL
        if not credentialed and request.method in SAFE_METHODS | {"OPTIONS"}:
            response["Access-Control-Allow-Origin"] = "*"
            response["Access-Control-Expose-Headers"] = EXPOSED_HEADERS
        return response


def _nul_parameter(request: HttpRequest) -> str | None:
    """The first query parameter whose name or value holds a NUL character, if any."""
    for name, values in request.GET.lists():
        if NUL in name or any(NUL in value for value in values):
            return name.replace(NUL, "")
    return None


def _activate_language(request: HttpRequest) -> None:
    """``?lang=`` wins over Accept-Language (which LocaleMiddleware has already applied)."""
    lang = request.GET.get("lang")
    if lang is None:
        return
    code = lang
    if code not in LANGUAGE_CODES:
        raise invalid(
            "lang",
            f"{lang[:20]!r} is not a language of this API; use one of {', '.join(LANGUAGE_CODES)}",
        )
    translation.activate(code)
    request.LANGUAGE_CODE = code


def _carries_credentials(request: HttpRequest) -> bool:
    """A signed-in browser session or an Authorization header: such a request is not anonymous,
    so it gets no CORS grant and its answer is not for shared caches. (Checked on the raw
    request, so anonymous answers do not gain ``Vary: Cookie``.)"""
    return settings.SESSION_COOKIE_NAME in request.COOKIES or "HTTP_AUTHORIZATION" in request.META


def _preflight() -> HttpResponse:
    """Browsers ask before a GET with non-simple headers (If-None-Match): GET and HEAD only,
    with the headers a reader needs; no credentials."""
    response = HttpResponse(status=204)
    response["Allow"] = "GET, HEAD, OPTIONS"
    response["Access-Control-Allow-Methods"] = "GET, HEAD"
    response["Access-Control-Allow-Headers"] = "Accept, Accept-Language, If-None-Match"
    response["Access-Control-Max-Age"] = "86400"
    return response
