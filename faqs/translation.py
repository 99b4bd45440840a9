"""Translated fields (django-modeltranslation): one column per language, see nexushr.translation."""

from modeltranslation.translator import register

from faqs.models import FAQ, InterviewQuestion
from nexushr.translation import DefaultLanguageRequired


@register(FAQ)
class FAQTranslationOptions(DefaultLanguageRequired):
    fields = ("question", "answer")


@register(InterviewQuestion)
class InterviewQuestionTranslationOptions(DefaultLanguageRequired):
    fields = ("text",)
