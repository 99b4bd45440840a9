from django import forms
from django.contrib import admin
from django.db.models import QuerySet
from django.forms.models import BaseInlineFormSet
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _
from modeltranslation.admin import TranslationAdmin, TranslationStackedInline

from editorial.admin import EditorialAdmin, EditorialInlineMixin
from faqs.models import FAQ, InterviewQuestion
from nexushr.admin_forms import EditorAdminMixin, SafeAutocompleteMixin


class RoleQuestionFormSet(BaseInlineFormSet):
    @classmethod
    def get_default_prefix(cls) -> str:
        return "interview_questions"  # rather than the through table's "InterviewQuestion_roles"


class RoleQuestionForm(forms.ModelForm):
    class Meta:
        model = InterviewQuestion.roles.through
        fields = ["interviewquestion"]
        labels = {"interviewquestion": _("question")}


class RoleQuestionInline(EditorialInlineMixin, SafeAutocompleteMixin, admin.TabularInline):
    """The questions asked for one role, picked by their text on the role's admin page (the
    question's own text, kind and order are edited under Interview questions)."""

    model = InterviewQuestion.roles.through
    formset = RoleQuestionFormSet
    form = RoleQuestionForm
    extra = 0
    autocomplete_fields = ["interviewquestion"]
    verbose_name = _("interview question for this role")
    verbose_name_plural = _("interview questions for this role")


class FAQInline(EditorialInlineMixin, SafeAutocompleteMixin, TranslationStackedInline):
    """A role's FAQs, edited on the role's admin page (included by roles.admin.RoleAdmin)."""

    model = FAQ
    extra = 0
    ordering = ["order", "pk"]
    fields = [("key", "order", "is_active"), "question", "answer", ("source", "only_with")]


@admin.register(FAQ)
class FAQAdmin(EditorAdminMixin, EditorialAdmin, TranslationAdmin):
    list_display = ["question", "role", "order", "is_active", "only_with", "source"]
    list_editable = ["order", "is_active"]
    list_filter = ["is_active", ("role", admin.EmptyFieldListFilter), "role", "only_with", "source"]
    list_select_related = ["role", "source"]
    search_fields = ["question", "answer", "key"]
    fields = ["key", "role", "question", "answer", "order", "is_active", "source", "only_with"]
    autocomplete_fields = ["role"]


class ScopeFilter(admin.SimpleListFilter):
    title = _("scope")
    parameter_name = "scope"

    def lookups(self, request: HttpRequest, model_admin: admin.ModelAdmin) -> list:
        return list(InterviewQuestion.Scope.choices)

    def queryset(self, request: HttpRequest, queryset: QuerySet) -> QuerySet:
        if self.value() in InterviewQuestion.Scope.values:
            return queryset.filter(scope=self.value())
        return queryset


@admin.register(InterviewQuestion)
class InterviewQuestionAdmin(EditorAdminMixin, EditorialAdmin, TranslationAdmin):
    list_display = ["text", "kind", "scope", "order", "is_active", "source"]
    list_editable = ["order", "is_active"]
    list_filter = ["kind", ScopeFilter, "is_active", "roles", "categories", "source"]
    search_fields = ["text", "key"]
    autocomplete_fields = ["roles"]
    filter_horizontal = ["categories"]
    fieldsets = [
        (None, {"fields": ["key", "text", "kind"]}),
        (
            _("Where it applies"),
            {
                "fields": ["roles", "categories"],
                "description": _("Leave both empty for a generic question."),
            },
        ),
        (_("Publishing"), {"fields": [("order", "is_active"), "source"]}),
    ]
    actions = ["retire", "reactivate"]

    def get_queryset(self, request: HttpRequest) -> QuerySet:
        queryset = super().get_queryset(request).with_scope().select_related("source")
        return queryset.prefetch_related("roles", "categories")

    @admin.display(description=_("scope"))
    def scope(self, question: InterviewQuestion) -> str:
        """The scope, with the roles and categories the question names."""
        if question.scope == InterviewQuestion.Scope.GENERIC:
            return str(_("Generic (every role)"))
        roles = [role.title for role in question.roles.all()]
        categories = [category.name for category in question.categories.all()]
        return ", ".join(roles + categories)

    @admin.action(description=_("Retire the selected questions (hide them from role pages)"))
    def retire(self, request: HttpRequest, queryset: QuerySet) -> None:
        self._set_active(queryset, False)

    @admin.action(description=_("Reactivate the selected questions"))
    def reactivate(self, request: HttpRequest, queryset: QuerySet) -> None:
        self._set_active(queryset, True)

    def _set_active(self, queryset: QuerySet, active: bool) -> None:
        # One save per question rather than queryset.update(): each change is recorded in the
        # question's history (the changelist runs in a revision) and clears the page cache.
        for question in queryset.filter(is_active=not active):
            question.is_active = active
            question.save(update_fields=["is_active"])
