import reversion
from django import forms
from django.conf import settings
from django.contrib import admin, messages
from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from import_export.admin import ImportExportMixin
from import_export.formats.base_formats import CSV, XLSX
from import_export.forms import ImportForm

from editorial.admin import EditorialAdmin, EditorialInlineMixin
from nexushr.admin_forms import EditorAdminMixin, SafeAutocompleteMixin
from nexushr.formatting import country_name, format_money_range
from nexushr.text import normalize
from salaries.models import Country, SalaryBand
from salaries.resources import SalaryBandResource


class SalaryImportForm(ImportForm):
    """The upload form, refusing a file too large to be a salary table before reading it."""

    def clean_import_file(self):  # type: ignore[no-untyped-def]
        upload = self.cleaned_data["import_file"]
        limit = settings.SALARY_IMPORT_MAX_BYTES
        if upload.size > limit:
            raise forms.ValidationError(
                _(
                    "The file is %(size)s; the largest accepted is %(limit)s. A salary table "
                    "is far smaller: check that this is the right file, or split it."
                )
                % {"size": filesizeformat(upload.size), "limit": filesizeformat(limit)}
            )
        return upload


@admin.register(Country)
class CountryAdmin(EditorialAdmin):
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


class SalaryBandInline(EditorialInlineMixin, SafeAutocompleteMixin, admin.StackedInline):
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
class SalaryBandAdmin(ImportExportMixin, EditorAdminMixin, EditorialAdmin):
    """Bands one by one, or many at once: *Import* (CSV or XLSX, with a dry-run preview of every
    row) and *Export* in the same format (salaries/resources.py)."""

    resource_classes = [SalaryBandResource]
    import_form_class = SalaryImportForm
    import_formats = [CSV, XLSX]
    export_formats = [CSV, XLSX]
    import_template_name = "salaries/import.html"
    # utf-8-sig: Excel's "CSV UTF-8" starts with a byte-order mark, which this drops.
    from_encoding = "utf-8-sig"

    list_display = ["key", "role", "country", "level", "pay", "amount", "period", "as_of", "source"]
    list_filter = ["country", "level", "pay", "period", "currency"]
    list_select_related = ["role", "country"]
    search_fields = ["key", "role__title", "role__slug", "source"]
    autocomplete_fields = ["role", "country"]
    ordering = ["role__slug", "order"]

    @admin.display(description=gettext_lazy("range"))
    def amount(self, band: SalaryBand) -> str:
        return format_money_range(band.minimum, band.maximum, band.currency)

    def add_data_read_fail_error_to_form(self, form: forms.Form, error: Exception) -> None:
        if isinstance(error, UnicodeDecodeError):
            message = _(
                "The file is not UTF-8 text, so its accents would be read wrongly. Save it as "
                "“CSV UTF-8” (Excel: File → Save As → CSV UTF-8) or as XLSX, and upload it again."
            )
        else:
            message = _(
                "The file could not be read as %(format)s. Check that the format below matches "
                "the file (CSV or XLSX) and that it has the header row of an exported file."
            ) % {"format": self._format_name(form)}
        form.add_error("import_file", message)

    def _format_name(self, form: forms.Form) -> str:
        try:
            return self.get_import_formats()[int(form.cleaned_data["format"])]().get_title()
        except (KeyError, IndexError, ValueError, TypeError):
            return "CSV / XLSX"

    def process_dataset(self, dataset, form, request, **kwargs):  # type: ignore[no-untyped-def]
        """The confirmed import: all rows or none, recorded in the history with its author."""
        kwargs["rollback_on_validation_errors"] = True
        with reversion.create_revision():
            reversion.set_user(request.user)
            reversion.set_comment(
                _("Salary import from %(file)s")
                % {"file": form.cleaned_data.get("original_file_name", "")}
            )
            return super().process_dataset(dataset, form, request, **kwargs)

    def process_result(self, result, request: HttpRequest) -> HttpResponse:  # type: ignore[no-untyped-def]
        if result.has_errors() or result.has_validation_errors():
            messages.error(
                request,
                _(
                    "Nothing was imported: some rows were refused. "
                    "Upload the file again to see why."
                ),
            )
            return redirect("admin:salaries_salaryband_import")
        return super().process_result(result, request)

    def add_success_message(self, result, request: HttpRequest) -> None:  # type: ignore[no-untyped-def]
        totals = result.totals
        messages.success(
            request,
            _("Import finished: %(new)d new, %(changed)d changed, %(unchanged)d unchanged bands.")
            % {"new": totals["new"], "changed": totals["update"], "unchanged": totals["skip"]},
        )
