"""Translated fields (django-modeltranslation): one column per language, English as fallback."""

from modeltranslation.translator import TranslationOptions, register

from salaries.models import SalaryBand


@register(SalaryBand)
class SalaryBandTranslationOptions(TranslationOptions):
    fields = ("note",)
