"""Translated fields (django-modeltranslation): one column per language, English as fallback."""

from modeltranslation.translator import TranslationOptions, register

from faqs.models import FAQ, InterviewQuestion


@register(FAQ)
class FAQTranslationOptions(TranslationOptions):
    fields = ("question", "answer")
    required_languages = ("en",)


@register(InterviewQuestion)
class InterviewQuestionTranslationOptions(TranslationOptions):
    fields = ("text",)
    required_languages = ("en",)
