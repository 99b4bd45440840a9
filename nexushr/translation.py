"""What every translated model shares (django-modeltranslation): one column per language in
settings.LANGUAGES, the default language required, the others falling back to it."""

from django.conf import settings
from modeltranslation.fields import NONE, TranslationFieldDescriptor
from modeltranslation.translator import TranslationOptions
from modeltranslation.utils import build_localized_fieldname, get_language, resolution_order


class DefaultLanguageRequired(TranslationOptions):
    required_languages = (settings.LANGUAGE_CODE,)


def shown_language(instance: object, field: str) -> str:
    """The language ``instance.<field>`` is read in on this page: the active language, or the
    one modeltranslation falls back to (English, ``MODELTRANSLATION_FALLBACK_LANGUAGES``) when
    the active language's column is empty. Resolved as modeltranslation's own descriptor does
    (same order, same test of an empty value), one field at a time."""
    language = get_language()
    descriptor = getattr(type(instance), field, None)
    if not isinstance(descriptor, TranslationFieldDescriptor):
        return language  # not a translated field: shown as it is
    undefined = descriptor.fallback_undefined
    if undefined is NONE:
        undefined = descriptor.field.get_default()
    for candidate in resolution_order(language, descriptor.fallback_languages):
        value = getattr(instance, build_localized_fieldname(field, candidate), None)
        if descriptor.meaningful_value(value, undefined):
            return candidate
    return language
