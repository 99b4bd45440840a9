from django.conf import settings
from django.http import HttpRequest
from django.urls import NoReverseMatch, Resolver404, resolve, reverse
from django.utils import translation

from nexushr.formatting import locale_code


def site(request: HttpRequest) -> dict[str, object]:
    """Site name and origin, the canonical path, and the same page in every language (for the
    switcher and hreflang).

    Every path here comes from resolving the request and reversing the match per language, so
    it is always a same-origin path: a raw request path such as ``//evil.example/en/`` never
    reaches a link. Query parameters are only those the page declares (its ``PageSpec``),
    normalised; anything else (``utm_*``, ``fbclid`` …) is dropped.
    """
    current = translation.get_language()
    paths, canonical = _paths_by_language(request, current)
    languages = [
        {
            "code": code,
            "name": settings.LANGUAGE_SELF_NAMES[code],
            "path": paths[code][0],
            "canonical_path": paths[code][1],
            "og_locale": locale_code(code),
            "current": code == current,
        }
        for code, _name in settings.LANGUAGES
    ]
    return {
        "SITE_NAME": settings.SITE_NAME,
        "SITE_ORIGIN": settings.SITE_ORIGIN,
        "page_languages": languages,
        "canonical_path": canonical,
        "og_locale": locale_code(current),
    }


def _paths_by_language(request: HttpRequest, current: str) -> tuple[dict, str]:
    """{language: (path with the page's parameters, canonical path)}, and this page's
    canonical path; the home page in each language when the request does not resolve."""
    spec = getattr(request, "page_spec", None)
    values = getattr(request, "page_params", {}) if spec else {}
    query = spec.query_string(values) if spec else ""
    canonical_query = spec.query_string(values, canonical_only=True) if spec else ""
    try:
        match = resolve(request.path_info)
    except Resolver404:
        match = None
    paths = {}
    for code, _name in settings.LANGUAGES:
        with translation.override(code):
            path = _reverse(match) or reverse("home")
        paths[code] = (path + query, path + canonical_query)
    return paths, paths.get(current, paths[settings.LANGUAGE_CODE])[1]


def _reverse(match) -> str | None:  # type: ignore[no-untyped-def]
    if match is None or not match.url_name:
        return None
    try:
        path = reverse(match.view_name, args=match.args, kwargs=match.kwargs)
    except NoReverseMatch:
        return None
    # reverse() percent-encodes and never yields a scheme or host; refuse anything that a
    # browser could still read as another origin.
    return path if path.startswith("/") and not path.startswith(("//", "/\\")) else None
