from django.conf import settings
from django.http import HttpRequest
from django.urls import translate_url
from django.utils import translation

from nexushr.formatting import locale_code


def site(request: HttpRequest) -> dict[str, object]:
    """Site name and origin, and the same page in every language (for the switcher and hreflang)."""
    current = translation.get_language()
    path = request.get_full_path()
    languages = [
        {
            "code": code,
            "name": settings.LANGUAGE_SELF_NAMES[code],
            "path": _path_in(path, current, code),
            "og_locale": locale_code(code),
            "current": code == current,
        }
        for code, _name in settings.LANGUAGES
    ]
    return {
        "SITE_NAME": settings.SITE_NAME,
        "SITE_ORIGIN": settings.SITE_ORIGIN,
        "page_languages": languages,
        "og_locale": locale_code(current),
    }


def _path_in(path: str, current: str, code: str) -> str:
    """``path`` in language ``code``; for a path that does not resolve (a 404), swap the prefix."""
    translated = translate_url(path, code)
    if translated == path and code != current and path.startswith(f"/{current}/"):
        return f"/{code}/" + path[len(current) + 2 :]
    return translated
