"""Query strings in Python, built exactly as templates build them with ``{% querystring %}``."""

from collections.abc import Mapping

from django.template.defaulttags import querystring


def url_with_query(url: str, query: Mapping | None = None, /, **changes: object) -> str:
    """``url`` with ``query`` (a dict or QueryDict, such as ``request.GET``) and ``changes``
    applied as Django's ``{% querystring %}`` applies them: a value replaces the parameter, None
    removes it, a list repeats it. Without any parameter left, ``url`` alone (no bare "?")."""
    text = querystring(None, query or {}, changes)
    return url + text if text != "?" else url
