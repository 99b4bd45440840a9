"""Admin for editors. The role page's admin is where the apps meet: it includes the salary band
and FAQ inlines from their own apps, so an editor edits everything on one page."""

import copy
from typing import Any

from django import forms
from django.conf import settings
from django.contrib import admin, messages
from django.contrib.admin.utils import unquote
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import QuerySet
from django.forms.formsets import all_valid
from django.forms.models import BaseInlineFormSet
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseNotAllowed, QueryDict
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils import translation
from django.utils.translation import gettext_lazy as _
from modeltranslation.admin import TranslationAdmin, TranslationStackedInline
from modeltranslation.utils import build_localized_fieldname

from editorial.admin import EditorialAdmin, EditorialInlineMixin
from faqs.admin import FAQInline, RoleQuestionInline
from nexushr.admin_forms import EditorAdminMixin, SafeAutocompleteMixin
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


class RoleForm(forms.ModelForm):
    """Refuses a save that would publish a page candidates cannot read: a published role needs
    its English title, and an English summary whenever it has a summary in another language
    (English is what the other languages fall back to). A role with no summary in any language
    may be published: its page says the sources name the role without describing it."""

    def clean(self) -> dict:
        cleaned = super().clean()
        if cleaned.get("status") != Role.Status.PUBLISHED:
            return cleaned
        message = _(
            "A published role needs this in English: the other languages fall back to it. "
            "Fill it in, or save the role as a draft."
        )
        if "title_en" in self.fields and not (cleaned.get("title_en") or "").strip():
            self.add_error("title_en", message)
        summaries = {
            name: (cleaned.get(name) or "").strip()
            for name in self.fields
            if name.startswith("summary_")
        }
        if "summary_en" in summaries and not summaries["summary_en"] and any(summaries.values()):
            self.add_error("summary_en", message)
        return cleaned


class CareerStepFormSet(BaseInlineFormSet):
    """A published role's ladder may link only to published roles: a draft would be a link
    that answers 404 to candidates. Checked against the role as posted (``self.instance``,
    the parent form's unsaved values), so a new role and a role published in the same save
    are checked too; a draft ladder may point at drafts that are published with it."""

    def clean(self) -> None:
        super().clean()
        if self.instance.status != Role.Status.PUBLISHED:
            return
        for form in self.forms:
            cleaned = getattr(form, "cleaned_data", None)
            if not cleaned or cleaned.get("DELETE"):
                continue
            drafts = [role for role in cleaned.get("linked_roles") or [] if not role.is_published]
            if drafts:
                form.add_error(
                    "linked_roles",
                    ValidationError(
                        _(
                            "%(roles)s is a draft, so candidates could not open the link. "
                            "Publish it first or leave it out of this step."
                        ),
                        params={"roles": ", ".join(str(role) for role in drafts)},
                        code="draft_linked_role",
                    ),
                )


class OrderedItemInline(EditorialInlineMixin, SafeAutocompleteMixin, TranslationStackedInline):
    """A role's ordered list (``roles.models.OrderedRoleItem``), in its order."""

    form = OrderedItemForm
    extra = 0
    ordering = ["order"]


class ResponsibilityInline(OrderedItemInline):
    model = Responsibility
    fields = ["order", "text", "source"]


class RequirementInline(OrderedItemInline):
    model = Requirement
    fields = [("order", "kind"), "text", "source"]


class CareerStepInline(OrderedItemInline):
    formset = CareerStepFormSet
    model = CareerStep
    fields = ["order", "title", "linked_roles", "source"]
    autocomplete_fields = ["linked_roles"]


class RoleToolInline(EditorialInlineMixin, SafeAutocompleteMixin, admin.TabularInline):
    model = RoleTool
    extra = 0
    ordering = ["order"]
    fields = ["order", "tool"]
    autocomplete_fields = ["tool"]


class RoleRedirectInline(EditorialInlineMixin, admin.TabularInline):
    model = RoleRedirect
    extra = 0
    fields = ["old_slug", "created_at"]
    readonly_fields = ["created_at"]
    verbose_name_plural = _("Old addresses that redirect here (added automatically on rename)")


@admin.register(Role)
class RoleAdmin(EditorAdminMixin, EditorialAdmin, TranslationAdmin):
    form = RoleForm
    list_display = ["title", "slug", "category", "demand", "status", "updated_at"]
    list_filter = ["status", "category", "demand"]
    list_select_related = ["category"]
    search_fields = ["title", "slug", "alternative_titles", "summary"]
    autocomplete_fields = ["category", "related_roles"]
    readonly_fields = ["created_at", "updated_at"]
    save_on_top = True
    fieldsets = [
        (None, {"fields": ["title", "status", ("category", "demand"), "summary"]}),
        (_("Also known as"), {"fields": ["alternative_titles"]}),
        (_("Day in the life"), {"fields": ["day_in_the_life"]}),
        (_("Related roles"), {"fields": ["related_roles"]}),
        (_("Address"), {"fields": ["slug", ("created_at", "updated_at")]}),
    ]
    inlines = [
        SalaryBandInline,
        ResponsibilityInline,
        RequirementInline,
        CareerStepInline,
        RoleToolInline,
        RoleQuestionInline,
        FAQInline,
        RoleRedirectInline,
    ]
    # The form in the order of the public page (nexushr.admin_forms.EditorAdminMixin).
    editor_sections = [
        ("summary", _("Summary"), [0, 1]),
        ("salaries", _("Salaries"), [SalaryBandInline]),
        (
            "lists",
            _("Responsibilities, requirements and tools"),
            [ResponsibilityInline, RequirementInline, 2, RoleToolInline],
        ),
        ("career-path", _("Career path"), [CareerStepInline, 3]),
        ("questions", _("Interview questions"), [RoleQuestionInline]),
        ("faqs", _("FAQs"), [FAQInline]),
        ("sharing", _("Address and sharing"), [4, RoleRedirectInline]),
    ]

    def save_model(self, request: HttpRequest, obj: Role, form: Any, change: bool) -> None:
        super().save_model(request, obj, form, change)
        if obj.is_published and not (obj.summary_en or "").strip():
            messages.warning(
                request,
                _(
                    "Published without a summary: the page says its sources name this role "
                    "without describing it. Add a summary in English when a source describes "
                    "the role."
                ),
            )

    def get_urls(self) -> list:
        preview = self.admin_site.admin_view(self.preview_view)
        return [
            path("add/preview/<str:language>/", preview, name="roles_role_preview_add"),
            path("<path:object_id>/preview/<str:language>/", preview, name="roles_role_preview"),
            *super().get_urls(),
        ]

    def render_change_form(self, request: HttpRequest, context: dict, *args, **kwargs):
        obj = context.get("original")
        context["preview_languages"] = [
            {
                "code": code,
                "name": settings.LANGUAGE_SELF_NAMES.get(code, name),
                "url": reverse(
                    "admin:roles_role_preview" if obj else "admin:roles_role_preview_add",
                    kwargs={"language": code, **({"object_id": obj.pk} if obj else {})},
                ),
            }
            for code, name in settings.LANGUAGES
        ]
        return super().render_change_form(request, context, *args, **kwargs)

    def preview_view(
        self, request: HttpRequest, language: str, object_id: str | None = None
    ) -> HttpResponse:
        """The public page as the form would make it, in one language, without saving.

        The form and its inlines are saved inside a transaction that is always rolled back:
        nothing is published, and since cache invalidation runs only after a commit, no cached
        page or image is touched. Invalid input shows the errors instead of a page.
        """
        if request.method != "POST":
            return HttpResponseNotAllowed(["POST"])
        if language not in dict(settings.LANGUAGES):
            raise Http404("Unknown language")
        obj = self.get_object(request, unquote(object_id)) if object_id else None
        if object_id and obj is None:
            raise Http404("No such role")
        if not (
            self.has_change_permission(request, obj) if obj else self.has_add_permission(request)
        ):
            raise PermissionDenied
        with transaction.atomic():
            try:
                response = self._render_preview(request, obj, language)
            finally:
                transaction.set_rollback(True)
        response["Cache-Control"] = "private, no-store"
        response["X-Robots-Tag"] = "noindex"
        return response

    def _render_preview(
        self, request: HttpRequest, obj: Role | None, language: str
    ) -> HttpResponse:
        from roles.views import role_detail

        change = obj is not None
        form = self.get_form(request, obj, change=change)(request.POST, request.FILES, instance=obj)
        formsets, _inlines = self._create_formsets(request, form.instance, change=change)
        if not (form.is_valid() and all_valid(formsets)):
            errors = [*form.errors.items()] + [
                (formset.prefix, error) for formset in formsets for error in formset.errors if error
            ]
            return TemplateResponse(
                request,
                "admin/roles/role/preview_errors.html",
                {**self.admin_site.each_context(request), "errors": errors, "opts": self.opts},
                status=400,
            ).render()
        role = self.save_form(request, form, change=change)
        self.save_model(request, role, form, change)
        self.save_related(request, form, formsets, change)
        with translation.override(language):
            page_request = copy.copy(request)
            page_request.method = "GET"
            page_request.GET = QueryDict()
            page_request.POST = QueryDict()
            page_request.path = page_request.path_info = role.get_absolute_url()
            page_request.is_preview = True
            return role_detail(page_request, slug=role.slug)

    def get_prepopulated_fields(self, request: HttpRequest, obj: Role | None = None) -> dict:
        # Only while creating: renaming the title of a live role must not move its address.
        return (
            {} if obj else {"slug": (build_localized_fieldname("title", settings.LANGUAGE_CODE),)}
        )

    def get_queryset(self, request: HttpRequest) -> QuerySet[Role]:
        return super().get_queryset(request).select_related("category")


@admin.register(Category)
class CategoryAdmin(EditorAdminMixin, EditorialAdmin, TranslationAdmin):
    list_display = ["name", "slug", "order"]
    list_editable = ["order"]
    search_fields = ["name", "slug"]
    prepopulated_fields = {"slug": (build_localized_fieldname("name", settings.LANGUAGE_CODE),)}


@admin.register(Tool)
class ToolAdmin(EditorialAdmin):
    list_display = ["name", "slug"]
    search_fields = ["name", "slug"]
    prepopulated_fields = {"slug": ("name",)}


@admin.register(RoleRedirect)
class RoleRedirectAdmin(SafeAutocompleteMixin, admin.ModelAdmin):
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
