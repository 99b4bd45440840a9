from django.contrib import admin
from modeltranslation.admin import TranslationAdmin, TranslationStackedInline

from nexushr.formatting import format_money_range
from salaries.models import Country, SalaryBand


@admin.register(Country)
class CountryAdmin(admin.ModelAdmin):
    list_display = ["code", "__str__", "currency"]
    search_fields = ["code", "currency"]


class SalaryBandInline(TranslationStackedInline):
    """Bands edited on the role's own admin page (included by roles.admin.RoleAdmin)."""

    model = SalaryBand
    extra = 0
    ordering = ["order", "pk"]
    autocomplete_fields = ["country"]
    fieldsets = [
        (None, {"fields": [("key", "order"), ("country", "currency", "statistic")]}),
        (None, {"fields": [("minimum", "maximum", "approximate"), ("period", "period_reading")]}),
        (None, {"fields": [("level", "pay"), ("experience_min_years", "experience_max_years")]}),
        (None, {"fields": [("as_of", "source"), "note"]}),
    ]


@admin.register(SalaryBand)
class SalaryBandAdmin(TranslationAdmin):
    list_display = ["key", "role", "country", "level", "pay", "amount", "period", "as_of", "source"]
    list_filter = ["country", "level", "pay", "period", "approximate", "currency", "source"]
    list_select_related = ["role", "country", "source"]
    search_fields = ["key", "role__title", "role__slug", "source__title", "source__key"]
    autocomplete_fields = ["role", "country"]
    ordering = ["role__slug", "order"]

    @admin.display(description="range")
    def amount(self, band: SalaryBand) -> str:
        return format_money_range(band.minimum, band.maximum, band.currency)
