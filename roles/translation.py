"""Translated fields (django-modeltranslation): one column per language, see nexushr.translation."""

from django.conf import settings
from modeltranslation.translator import register

from nexushr.translation import DefaultLanguageRequired
from roles.models import CareerStep, Category, Requirement, Responsibility, Role


@register(Category)
class CategoryTranslationOptions(DefaultLanguageRequired):
    fields = ("name",)


@register(Role)
class RoleTranslationOptions(DefaultLanguageRequired):
    fields = ("title", "alternative_titles", "summary", "day_in_the_life")
    required_languages = {settings.LANGUAGE_CODE: ("title",)}


@register(Responsibility)
class ResponsibilityTranslationOptions(DefaultLanguageRequired):
    fields = ("text",)


@register(Requirement)
class RequirementTranslationOptions(DefaultLanguageRequired):
    fields = ("text",)


@register(CareerStep)
class CareerStepTranslationOptions(DefaultLanguageRequired):
    fields = ("title",)
