"""What every translated model shares (django-modeltranslation): one column per language in
settings.LANGUAGES, the default language required, the others falling back to it."""

from django.conf import settings
from modeltranslation.translator import TranslationOptions


class DefaultLanguageRequired(TranslationOptions):
    required_languages = (settings.LANGUAGE_CODE,)
