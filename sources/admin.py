from django.contrib import admin
from modeltranslation.admin import TranslationAdmin

from sources.models import Source


@admin.register(Source)
class SourceAdmin(TranslationAdmin):
    """The documents the portal's facts come from. A source still in use cannot be deleted."""

    list_display = ["title", "publisher", "kind", "retrieved_on", "url", "key"]
    list_filter = ["kind", "publisher"]
    search_fields = ["key", "title", "publisher", "url", "covers"]
    prepopulated_fields = {"key": ["title_en"]}
    fieldsets = [
        (None, {"fields": ["title", ("key", "kind"), "publisher", ("url", "retrieved_on")]}),
        (None, {"fields": ["covers"]}),
    ]
