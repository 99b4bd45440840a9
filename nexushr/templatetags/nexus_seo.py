from django import template
from django.utils.safestring import SafeString

from nexushr import seo

register = template.Library()


@register.filter
def json_ld(data: dict) -> SafeString:
    return seo.json_ld(data)


@register.filter
def source_title(source: str) -> str:
    return seo.source_title(source)
