"""The site's own error pages, rendered in the page language with the site's design."""

from django.http import HttpRequest, HttpResponse, HttpResponsePermanentRedirect
from django.shortcuts import render
from django.urls import is_valid_path
from django.utils import translation
from django.utils.translation import gettext as _

from nexushr.querystring import url_with_query


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
    """A link that names a language in another spelling (``/pt-BR/``, ``/es/``, ``/EN/``) is
    sent to the same page under the site's prefix; an unknown role address offers the roles
    it most likely meant; anything else gets the page that says there is nothing here."""
    if request.method in ("GET", "HEAD") and (path := language_alias_path(request.path_info)):
        return HttpResponsePermanentRedirect(url_with_query(path, request.GET))
    context = {}
    match = request.resolver_match
    if match is not None and match.view_name == "roles:detail":
        from roles.selectors import roles_like  # the error pages load before the apps' models

        context["roles_like"] = roles_like(match.kwargs["slug"])
    return render(request, "404.html", context, status=404)


def language_alias_path(path: str) -> str | None:
    """``path`` under the site's own prefix when its first segment is another spelling of one
    of the site's languages (``pt-BR``, ``pt_br``, ``pt``, ``pt-PT``, ``es-AR``, ``EN``,
    ``en-US``: Django's choice of the closest supported variant), and that path exists; else
    None. The result starts with the prefix, so it cannot lead off the site."""
    first, _slash, rest = path.lstrip("/").partition("/")
    try:
        code = translation.get_supported_language_variant(first.replace("_", "-").lower())
    except LookupError:
        return None
    code = code.lower()  # Django answers in the case it was asked ("pt-BR")
    if code == first:
        return None
    with translation.override(code):
        for candidate in (f"/{code}/{rest}", f"/{code}/{rest}/"):
            if is_valid_path(candidate):
                return candidate
    return None


def handler500(request: HttpRequest) -> HttpResponse:
    # No database or request-dependent context here: the failure may be the database itself.
    return render(request, "500.html", status=500)
