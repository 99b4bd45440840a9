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


def forbidden(request: HttpRequest, heading: str, message: str) -> HttpResponse:
    return render(request, "403.html", {"heading": heading, "message": message}, status=403)


def handler403(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    return forbidden(
        request,
        _("This page is not open to you"),
        _("Your account cannot open this page. If you think it should, ask an administrator."),
    )


def csrf_failure(request: HttpRequest, reason: str = "") -> HttpResponse:
    """``CSRF_FAILURE_VIEW``: a form sent without its security token, most often one left
    open until it expired, or sent to a page that takes no form. Django's own page is an
    unstyled developer's explanation; this says what to do."""
    return forbidden(
        request,
        _("The form could not be sent"),
        _(
            "The page was open too long, or your browser did not send this site's cookies. "
            "Go back, copy anything you typed, reload the page and send the form again."
        ),
    )


def handler404(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    return render(request, "404.html", status=404)


def handler500(request: HttpRequest) -> HttpResponse:
    # No database or request-dependent context here: the failure may be the database itself.
    return render(request, "500.html", status=500)
