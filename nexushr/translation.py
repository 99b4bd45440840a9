"""What every translated model shares (django-modeltranslation): one column per language in
settings.LANGUAGES, the default language required, the others falling back to it."""

from collections.abc import Callable, Sequence
from typing import Any

from django.conf import settings
from modeltranslation.fields import NONE, TranslationFieldDescriptor
from modeltranslation.translator import TranslationOptions
from modeltranslation.utils import (
    build_localized_fieldname,
    fallbacks_enabled,
    get_language,
    resolution_order,
)


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


def fallback_columns(model: type, field: str) -> tuple[list[str], Callable[[Sequence], Any]]:
    """For reading ``field`` without model instances (``values_list`` rows): the columns to
    select, in the active language's fallback order, and a function that picks the value from
    those columns' values as modeltranslation's descriptor picks it for ``instance.<field>``
    (same order, same test of an empty value, same value when every column is empty)."""
    descriptor = getattr(model, field)
    undefined = descriptor.fallback_undefined
    default = descriptor.field.get_default()
    if undefined is NONE:
        undefined = default
    if fallbacks_enabled() and descriptor.fallback_value is not NONE:
        default = descriptor.fallback_value
    languages = resolution_order(get_language(), descriptor.fallback_languages)

    def pick(values: Sequence) -> Any:
        for value in values:
            if value is not None and value != undefined:
                return value
        return default

    return [build_localized_fieldname(field, language) for language in languages], pick
