from django import template
from django.utils.safestring import SafeString

from nexushr import seo

register = template.Library()


@register.filter
def json_ld(data: dict) -> SafeString:
    return seo.json_ld(data)


@register.filter
def excerpt(text: str, length: int = 200) -> str:
    """Whole words up to ``length`` characters, then "…" (for descriptions and previews).

    Django's truncatechars takes its ellipsis pattern from the active language's catalog, and
    Django's pt_BR catalog adds a leading space; this one is the same in every language.
    """
    text = " ".join(str(text).split())
    if len(text) <= length:
        return text
    return text[: length - 1].rsplit(" ", 1)[0].rstrip(",.;:—-") + "…"
