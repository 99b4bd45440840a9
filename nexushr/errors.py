"""The site's own error pages, rendered in the page language with the site's design."""

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext as _


def bad_request(request: HttpRequest, message: str = "") -> HttpResponse:
    """400 with a message a person can act on (for malformed query strings and the like)."""
    return render(
        request,
        "400.html",
        {"message": message or _("The address has a value the page cannot use.")},
        status=400,
    )


def handler400(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    return bad_request(request)


def handler404(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    return render(request, "404.html", status=404)


def handler500(request: HttpRequest) -> HttpResponse:
    # No database or request-dependent context here: the failure may be the database itself.
    return render(request, "500.html", status=500)
