"""Translated fields (django-modeltranslation): one column per language, see nexushr.translation."""

from django.conf import settings
from modeltranslation.translator import register

from nexushr.translation import DefaultLanguageRequired
from sources.models import Source


@register(Source)
class SourceTranslationOptions(DefaultLanguageRequired):
    fields = ("title", "covers")
    required_languages = {settings.LANGUAGE_CODE: ("title",)}
