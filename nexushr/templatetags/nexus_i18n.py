"""Language marks for translated content: ``{{ role|fallback_lang:"summary" }}``."""

from django import template
from django.utils.html import format_html

from nexushr.translation import shown_language

register = template.Library()


@register.filter
def fallback_lang(instance: object, field: str) -> str:
    """`` lang="en"`` (with its leading space) when ``instance.<field>`` is shown in another
    language than the page's, because its translation is missing and modeltranslation fell
    back to English; nothing otherwise. Screen readers then read it with English voice rules,
    and browsers hyphenate and spell-check it as English."""
    from modeltranslation.utils import get_language

    language = shown_language(instance, field)
    if language == get_language():
        return ""
    return format_html(' lang="{}"', language)
