"""Translated fields (django-modeltranslation): one column per language, English as fallback."""

from modeltranslation.translator import TranslationOptions, register

from roles.models import CareerStep, Category, Requirement, Responsibility, Role


@register(Category)
class CategoryTranslationOptions(TranslationOptions):
    fields = ("name",)
    required_languages = ("en",)


@register(Role)
class RoleTranslationOptions(TranslationOptions):
    fields = ("title", "alternative_titles", "summary", "day_in_the_life")
    required_languages = {"en": ("title", "summary")}


@register(Responsibility)
class ResponsibilityTranslationOptions(TranslationOptions):
    fields = ("text",)
    required_languages = ("en",)


@register(Requirement)
class RequirementTranslationOptions(TranslationOptions):
    fields = ("text",)
    required_languages = ("en",)


@register(CareerStep)
class CareerStepTranslationOptions(TranslationOptions):
    fields = ("title",)
    required_languages = ("en",)
