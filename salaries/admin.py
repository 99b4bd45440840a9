from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from nexushr.formatting import format_money_range
from salaries.models import Country, SalaryBand


@admin.register(Country)
class CountryAdmin(admin.ModelAdmin):
    list_display = ["code", "__str__", "currency"]
    search_fields = ["code", "currency"]


class SalaryBandInline(admin.StackedInline):
    """Bands edited on the role's own admin page (included by roles.admin.RoleAdmin)."""

    model = SalaryBand
    extra = 0
    ordering = ["order", "pk"]
    autocomplete_fields = ["country"]
    fieldsets = [
        (None, {"fields": [("key", "order"), ("country", "currency", "statistic")]}),
        (None, {"fields": [("minimum", "maximum", "period"), ("level", "pay")]}),
        (None, {"fields": [("experience_min_years", "experience_max_years"), ("as_of", "source")]}),
    ]


@admin.register(SalaryBand)
class SalaryBandAdmin(admin.ModelAdmin):
    list_display = ["key", "role", "country", "level", "pay", "amount", "period", "as_of", "source"]
    list_filter = ["country", "level", "pay", "period", "currency"]
    list_select_related = ["role", "country"]
    search_fields = ["key", "role__title", "role__slug", "source"]
    autocomplete_fields = ["role", "country"]
    ordering = ["role__slug", "order"]

    @admin.display(description=_("range"))
    def amount(self, band: SalaryBand) -> str:
        return format_money_range(band.minimum, band.maximum, band.currency)
