"""Query strings in Python, built exactly as templates build them with ``{% querystring %}``."""

from collections.abc import Mapping
from urllib.parse import quote

from django.template.defaulttags import querystring


def url_with_query(
    url: str, query: Mapping | None = None, /, *, safe: str = "", **changes: object
) -> str:
    """``url`` with ``query`` (a dict or QueryDict, such as ``request.GET``) and ``changes``
    applied as Django's ``{% querystring %}`` applies them: a value replaces the parameter, None
    removes it, a list repeats it. Without any parameter left, ``url`` alone (no bare "?").
    Characters in ``safe`` are left unencoded, as ``QueryDict.urlencode(safe=…)`` leaves them:
    ``safe=","`` keeps a list written in one parameter readable (``?roles=a,b``)."""
    text = querystring(None, query or {}, changes)
    for char in safe:
        text = text.replace(quote(char, safe=""), char)
    return url + text if text != "?" else url
