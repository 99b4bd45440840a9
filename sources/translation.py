"""Translated fields (django-modeltranslation): one column per language, English as fallback."""

from modeltranslation.translator import TranslationOptions, register

from sources.models import Source


@register(Source)
class SourceTranslationOptions(TranslationOptions):
    fields = ("title", "covers")
    required_languages = {"en": ("title",)}
