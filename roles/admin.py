"""Admin for editors. The role page's admin is where the apps meet: it includes the salary band
and FAQ inlines from their own apps, so an editor edits everything on one page."""

from django import forms
from django.conf import settings
from django.contrib import admin
from django.core.exceptions import ValidationError
from django.db.models import QuerySet
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _
from modeltranslation.admin import TranslationAdmin, TranslationTabularInline
from modeltranslation.utils import build_localized_fieldname

from faqs.admin import FAQInline
from roles.models import (
    CareerStep,
    Category,
    Requirement,
    Responsibility,
    Role,
    RoleRedirect,
    RoleTool,
    SearchSynonym,
    Tool,
)
from salaries.admin import SalaryBandInline


class OrderedItemForm(forms.ModelForm):
    """Lets an editor swap two items' order in one save.

    The inline formset already refuses two submitted rows with the same order. Checked one row
    at a time against the database, a swap would look like a clash with the other row's old
    order, so that check is skipped here; the database constraint is deferred to commit.
    """

    def validate_constraints(self) -> None:
        try:
            self.instance.validate_constraints(
                exclude=self._get_validation_exclusions() | {"order"}
            )
        except ValidationError as error:
            self._update_errors(error)


class OrderedItemInline(TranslationTabularInline):
    """A role's ordered list (``roles.models.OrderedRoleItem``), in its order."""

    form = OrderedItemForm
    extra = 0
    ordering = ["order"]


class ResponsibilityInline(OrderedItemInline):
    model = Responsibility
    fields = ["order", "text", "source"]


class RequirementInline(OrderedItemInline):
    model = Requirement
    fields = ["order", "kind", "text", "source"]


class CareerStepInline(OrderedItemInline):
    model = CareerStep
    fields = ["order", "title", "linked_roles", "source"]
    autocomplete_fields = ["linked_roles"]


class RoleToolInline(admin.TabularInline):
    model = RoleTool
    extra = 0
    ordering = ["order"]
    fields = ["order", "tool"]
    autocomplete_fields = ["tool"]


class RoleRedirectInline(admin.TabularInline):
    model = RoleRedirect
    extra = 0
    fields = ["old_slug", "created_at"]
    readonly_fields = ["created_at"]
    verbose_name_plural = "Old addresses that redirect here (added automatically on rename)"


@admin.register(Role)
class RoleAdmin(TranslationAdmin):
    list_display = ["title", "slug", "category", "demand", "status", "updated_at"]
    list_filter = ["status", "category", "demand"]
    list_select_related = ["category"]
    search_fields = ["title", "slug", "alternative_titles", "summary"]
    autocomplete_fields = ["category", "related_roles"]
    readonly_fields = ["created_at", "updated_at"]
    save_on_top = True
    fieldsets = [
        (None, {"fields": ["title", "slug", "status", ("category", "demand")]}),
        ("Profile", {"fields": ["alternative_titles", "summary", "day_in_the_life"]}),
        ("Related roles", {"fields": ["related_roles"]}),
        ("History", {"fields": [("created_at", "updated_at")], "classes": ["collapse"]}),
    ]
    inlines = [
        SalaryBandInline,
        ResponsibilityInline,
        RequirementInline,
        CareerStepInline,
        RoleToolInline,
        FAQInline,
        RoleRedirectInline,
    ]

    def get_prepopulated_fields(self, request: HttpRequest, obj: Role | None = None) -> dict:
        # Only while creating: renaming the title of a live role must not move its address.
        return (
            {} if obj else {"slug": (build_localized_fieldname("title", settings.LANGUAGE_CODE),)}
        )

    def get_queryset(self, request: HttpRequest) -> QuerySet[Role]:
        return super().get_queryset(request).select_related("category")


@admin.register(Category)
class CategoryAdmin(TranslationAdmin):
    list_display = ["name", "slug", "order"]
    list_editable = ["order"]
    search_fields = ["name", "slug"]
    prepopulated_fields = {"slug": (build_localized_fieldname("name", settings.LANGUAGE_CODE),)}


@admin.register(Tool)
class ToolAdmin(admin.ModelAdmin):
    list_display = ["name", "slug"]
    search_fields = ["name", "slug"]
    prepopulated_fields = {"slug": ("name",)}


@admin.register(RoleRedirect)
class RoleRedirectAdmin(admin.ModelAdmin):
    list_display = ["old_slug", "role", "created_at"]
    list_select_related = ["role"]
    search_fields = ["old_slug", "role__slug", "role__title"]
    autocomplete_fields = ["role"]


@admin.register(SearchSynonym)
class SearchSynonymAdmin(admin.ModelAdmin):
    """Editors' search vocabulary: words candidates use for the same thing. A change applies
    to the next search (synonyms are read at query time; no reindexing)."""

    list_display = ["key", "language_label", "term_summary", "note"]
    list_display_links = ["key"]
    list_filter = ["language"]
    search_fields = ["key", "terms", "note"]
    fields = ["language", "key", "terms", "note"]

    @admin.display(description=_("language"), ordering="language")
    def language_label(self, obj: SearchSynonym) -> str:
        return obj.get_language_display() if obj.language else str(_("Every language"))

    @admin.display(description=_("terms"))
    def term_summary(self, obj: SearchSynonym) -> str:
        return " ↔ ".join(obj.term_list)
