from django.contrib import admin
from django.db.models import QuerySet
from django.http import HttpRequest
from modeltranslation.admin import TranslationAdmin, TranslationStackedInline

from nexushr.admin_forms import EditorAdminMixin, SafeAutocompleteMixin
from nexushr.formatting import country_name, format_money_range
from nexushr.text import normalize
from salaries.models import Country, SalaryBand


@admin.register(Country)
class CountryAdmin(admin.ModelAdmin):
    list_display = ["code", "__str__", "currency"]
    search_fields = ["code", "currency"]

    def get_search_results(
        self, request: HttpRequest, queryset: QuerySet, search_term: str
    ) -> tuple[QuerySet, bool]:
        """Find a country by its name in the editor's language or in English ("méxico",
        "Brasil", "brazil"), as well as by ISO code or currency."""
        results, may_have_duplicates = super().get_search_results(request, queryset, search_term)
        term = normalize(search_term)
        if not term:
            return results, may_have_duplicates
        by_name = [
            country.pk
            for country in queryset
            if term in normalize(country_name(country.code))
            or term in normalize(country_name(country.code, "en"))
        ]
        return (results | queryset.filter(pk__in=by_name)).distinct(), may_have_duplicates


class SalaryBandInline(SafeAutocompleteMixin, TranslationStackedInline):
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
class SalaryBandAdmin(EditorAdminMixin, TranslationAdmin):
    list_display = ["key", "role", "country", "level", "pay", "amount", "period", "as_of", "source"]
    list_filter = ["country", "level", "pay", "period", "approximate", "currency", "source"]
    list_select_related = ["role", "country", "source"]
    search_fields = ["key", "role__title", "role__slug", "source__title", "source__key"]
    autocomplete_fields = ["role", "country"]
    ordering = ["role__slug", "order"]

    @admin.display(description="range")
    def amount(self, band: SalaryBand) -> str:
        return format_money_range(band.minimum, band.maximum, band.currency)
