"""Which fields of a model are translated (django-modeltranslation) and in which languages."""

from functools import cache

from django.db import models
from modeltranslation import settings as mt_settings
from modeltranslation.translator import NotRegistered, translator
from modeltranslation.utils import build_localized_fieldname

SOURCE_LANGUAGE: str = mt_settings.DEFAULT_LANGUAGE
# The languages translators write: every content language but the source one.
TARGET_LANGUAGES: tuple[str, ...] = tuple(
    code for code in mt_settings.AVAILABLE_LANGUAGES if code != SOURCE_LANGUAGE
)


@cache
def translated_fields(model: type[models.Model]) -> tuple[str, ...]:
    """The translated fields of ``model`` that people write (base names: "title", "summary")."""
    try:
        options = translator.get_options_for_model(model)
    except NotRegistered:
        return ()
    return tuple(options.all_fields)


@cache
def all_translated_fields(model: type[models.Model]) -> tuple[str, ...]:
    try:
        return tuple(translator.get_options_for_model(model).all_fields)
    except NotRegistered:
        return ()


def localized(field: str, language: str) -> str:
    """``localized("title", "pt-br")`` → ``"title_pt_br"``."""
    return build_localized_fieldname(field, language)


@cache
def translator_writable_fields(model: type[models.Model]) -> frozenset[str]:
    """The form fields a translator may change on ``model``: its translations, nothing else."""
    return frozenset(
        localized(field, language)
        for field in translated_fields(model)
        for language in TARGET_LANGUAGES
    )
