"""Errors as RFC 9457 problem details (``application/problem+json``), one kind per mistake.

Every kind has a stable ``type`` URI under ``/api/v1/problems/<kind>`` that answers with its
description, so a client can branch on ``type`` and a person can read what it means.
"""

import json
from dataclasses import dataclass, field
from http import HTTPStatus

from django.http import HttpRequest, HttpResponse

PROBLEM_CONTENT_TYPE = "application/problem+json"

# kind → (status, title, what it means); the titles never change for a kind (RFC 9457 §3.1.3).
KINDS: dict[str, tuple[int, str, str]] = {
    "invalid-parameter": (
        400,
        "Invalid parameter",
        "A query parameter has a value the API cannot use: an unknown filter value, a malformed "
        "date, a page that does not exist. `errors` names each parameter and what is wrong.",
    ),
    "not-found": (
        404,
        "Not found",
        "No published resource answers at this address (unknown, or not published).",
    ),
    "method-not-allowed": (
        405,
        "Method not allowed",
        "The API is read-only: it answers GET, HEAD and OPTIONS.",
    ),
    "query-too-long": (
        414,
        "Query string too long",
        "The query string is longer than the API reads; no filter needs that much.",
    ),
    "rate-limited": (
        429,
        "Too many requests",
        "This client sent more requests than the rate limit allows; retry after the number of "
        "seconds in the Retry-After header.",
    ),
    "server-error": (
        500,
        "Server error",
        "Something failed on our side; the request itself may be fine. Try again later.",
    ),
}
STATUS_KINDS = {status: kind for kind, (status, _title, _text) in KINDS.items()}


@dataclass
class Problem(Exception):
    """Raised by API code; turned into a problem+json response by the API's handlers."""

    kind: str
    detail: str
    errors: list[dict] = field(default_factory=list)
    headers: dict[str, str] = field(default_factory=dict)

    @property
    def status(self) -> int:
        return KINDS[self.kind][0]


def invalid(parameter: str, message: str) -> Problem:
    """One bad query parameter."""
    return Problem(
        "invalid-parameter",
        f"{parameter}: {message}",
        errors=[{"parameter": parameter, "in": "query", "message": message}],
    )


def type_uri(kind: str) -> str:
    return f"/api/v1/problems/{kind}"


def problem_body(request: HttpRequest, problem: Problem) -> dict:
    status, title, _text = KINDS[problem.kind]
    body = {
        "type": type_uri(problem.kind),
        "title": title,
        "status": status,
        "detail": problem.detail,
        "instance": request.get_full_path()[:300],
    }
    if problem.errors:
        body["errors"] = problem.errors
    return body


def problem_response(request: HttpRequest, problem: Problem) -> HttpResponse:
    response = HttpResponse(
        json.dumps(problem_body(request, problem), ensure_ascii=False),
        status=problem.status,
        content_type=PROBLEM_CONTENT_TYPE,
    )
    for name, value in problem.headers.items():
        response[name] = value
    response["Cache-Control"] = "no-store"
    return response


def problem_for_status(status: int, detail: str = "") -> Problem:
    """A problem for an error response produced outside the API's code (Django's 404, 500 …)."""
    kind = STATUS_KINDS.get(status)
    if kind is None:
        kind = "server-error" if status >= 500 else "invalid-parameter"
    if not detail:
        detail = HTTPStatus(status).description if status in HTTPStatus else KINDS[kind][2]
    return Problem(kind, detail)
