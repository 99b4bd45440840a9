"""Translated fields (django-modeltranslation): one column per language, see nexushr.translation.

A band's note (the source's caveat) is optional, so no language is required."""

from modeltranslation.translator import TranslationOptions, register

from salaries.models import SalaryBand


@register(SalaryBand)
class SalaryBandTranslationOptions(TranslationOptions):
    fields = ("note",)
