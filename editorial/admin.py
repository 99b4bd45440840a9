"""Admin building blocks the content apps' admins use: history with readable diffs and restore
(django-reversion), and the translators' restriction to translation fields."""

from __future__ import annotations

from typing import Any

import reversion
from django.contrib.admin.options import ActionLocation
from django.core.exceptions import EmptyResultSet, PermissionDenied
from django.db import models
from django.db.models import QuerySet
from django.forms import Select
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils.text import capfirst
from django.utils.translation import gettext as _
from reversion.admin import VersionAdmin
from reversion.models import Version

from editorial import history
from editorial.permissions import translations_only
from editorial.translated import all_translated_fields, localized, translator_writable_fields


def _form_field_names(model: type[models.Model]) -> list[str]:
    """Every field a person can edit on ``model``, translated ones per language."""
    from django.conf import settings

    translated = set(all_translated_fields(model))
    names: list[str] = []
    for field in [*model._meta.concrete_fields, *model._meta.many_to_many]:
        if not field.editable or field.primary_key or field.name in translated:
            continue
        if getattr(field, "translated_field", None) is not None:
            continue  # a modeltranslation column, added below in language order
        names.append(field.name)
    for field in translated:
        names += [localized(field, code) for code, _name in settings.LANGUAGES]
    return names


class TranslatorRestrictedMixin:
    """For ModelAdmins and inlines: a translator sees every field but may change only the
    pt-BR and es-MX translations; no list editing, no bulk actions that change content."""

    model: type[models.Model]

    def get_readonly_fields(self, request: HttpRequest, obj: Any = None) -> list[str]:
        readonly = list(super().get_readonly_fields(request, obj))  # type: ignore[misc]
        if not translations_only(request.user):
            return readonly
        writable = translator_writable_fields(self.model)
        return readonly + [
            name
            for name in _form_field_names(self.model)
            if name not in writable and name not in readonly
        ]

    def has_add_permission(self, request: HttpRequest, *args: Any) -> bool:
        if translations_only(request.user):
            return False  # translators translate what exists
        return super().has_add_permission(request, *args)  # type: ignore[misc]

    def has_delete_permission(self, request: HttpRequest, *args: Any) -> bool:
        if translations_only(request.user):
            return False
        return super().has_delete_permission(request, *args)  # type: ignore[misc]

    def get_changelist_instance(self, request: HttpRequest) -> Any:
        changelist = super().get_changelist_instance(request)  # type: ignore[misc]
        if translations_only(request.user):
            changelist.list_editable = ()
        return changelist

    def get_actions(
        self, request: HttpRequest, action_location: ActionLocation = ActionLocation.CHANGE_LIST
    ) -> dict:
        actions = super().get_actions(request, action_location)  # type: ignore[misc]
        if translations_only(request.user):
            return {}
        return actions


class HistoryAdmin(VersionAdmin):
    """History with a readable diff of every revision, newest first, and restore.

    Restoring runs django-reversion's revision view: it shows the form as it was, and saving it
    brings the object back with its inlines. Translators cannot restore (it would change
    English text), only read the history.
    """

    object_history_template = "editorial/object_history.html"
    history_latest_first = True
    # How many revisions the history page lists (the oldest ones are summarized).
    history_limit = 50

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        # Register with the follow rules of editorial.history before VersionAdmin would
        # auto-register the model with its own guesses.
        history.register_models()
        super().__init__(*args, **kwargs)

    def change_view(
        self,
        request: HttpRequest,
        object_id: str,
        form_url: str = "",
        extra_context: dict | None = None,
    ) -> HttpResponse:
        if request.method == "POST":
            self._record_baseline(object_id)
        return super().change_view(request, object_id, form_url, extra_context)

    def save_related(self, request: HttpRequest, form: Any, formsets: Any, change: bool) -> None:
        super().save_related(request, form, formsets, change)
        if reversion.is_active() and not reversion.is_manage_manually():
            # The object's snapshot was taken when it was saved, before its inlines. Taken
            # again now, it also holds the rows the inlines added without a post_save signal
            # (many-to-many link rows, such as a role's interview questions).
            reversion.add_to_revision(form.instance)

    def _record_baseline(self, object_id: str) -> None:
        """Content loaded from fixtures or made before history existed has no version yet:
        record how it is *before* the first change, so that change gets a diff and can be
        undone."""
        obj = self.model._default_manager.filter(pk=object_id).first()
        if obj is None or Version.objects.get_for_object(obj).exists():
            return
        with reversion.create_revision(manage_manually=False):
            reversion.set_comment(_("As it was before the first recorded change"))
            reversion.add_to_revision(obj)

    def revision_view(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        if translations_only(request.user):
            raise PermissionDenied
        request._restoring_version = True  # type: ignore[attr-defined]
        return super().revision_view(request, *args, **kwargs)

    def recover_view(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        if translations_only(request.user):
            raise PermissionDenied
        request._restoring_version = True  # type: ignore[attr-defined]
        return super().recover_view(request, *args, **kwargs)

    def get_inline_instances(self, request: HttpRequest, obj: Any = None) -> list:
        inlines = super().get_inline_instances(request, obj)
        if getattr(request, "_restoring_version", False):
            # Only what a version holds is restored; derived rows (old addresses, kept
            # automatically) stay off the restore form.
            inlines = [inline for inline in inlines if history.is_followed(inline.model)]
        return inlines

    def history_view(
        self, request: HttpRequest, object_id: str, extra_context: dict | None = None
    ) -> HttpResponse:
        if not self.has_view_or_change_permission(request):
            raise PermissionDenied
        obj = get_object_or_404(self.model, pk=object_id)
        opts = self.model._meta
        versions = list(
            Version.objects.get_for_object(obj)
            .select_related("revision", "revision__user")
            .order_by("-pk")[: self.history_limit + 1]
        )
        can_restore = not translations_only(request.user) and self.has_change_permission(
            request, obj
        )
        entries = []
        for index, version in enumerate(versions[: self.history_limit]):
            previous = versions[index + 1] if index + 1 < len(versions) else None
            entries.append(
                {
                    "version": version,
                    "revision": version.revision,
                    "changes": history.revision_changes(version, previous),
                    "is_first": previous is None,
                    "is_current": index == 0,
                    "restore_url": reverse(
                        f"{self.admin_site.name}:{opts.app_label}_{opts.model_name}_revision",
                        args=[obj.pk, version.pk],
                    )
                    if can_restore and index > 0
                    else None,
                }
            )
        context = {
            **self.admin_site.each_context(request),
            "title": _("History: %(object)s") % {"object": obj},
            "subtitle": None,
            "entries": entries,
            "truncated": len(versions) > self.history_limit,
            "module_name": str(capfirst(opts.verbose_name_plural)),
            "object": obj,
            "opts": opts,
            "app_label": opts.app_label,
            "preserved_filters": self.get_preserved_filters(request),
            **(extra_context or {}),
        }
        request.current_app = self.admin_site.name
        from django.template.response import TemplateResponse

        return TemplateResponse(request, self.object_history_template, context)


class EditorialAdmin(TranslatorRestrictedMixin, HistoryAdmin):
    """The base for every content ModelAdmin: history, restore and the translators' rule."""

    def get_search_results(self, request: HttpRequest, queryset: QuerySet, search_term: str):
        # Django's change list drops NUL characters from a search; its autocomplete view (the
        # search box of every related-object drop-down) passes them on, and PostgreSQL refuses
        # any text holding one: "cannot contain NUL (0x00) bytes", a 500.
        return super().get_search_results(request, queryset, search_term.replace("\x00", ""))


class EditorialInlineMixin(TranslatorRestrictedMixin):
    """The base for every content inline: the translators' rule, and lookups made once per
    list rather than once per row (the role form's lists hold 50-odd rows: it ran 126 queries,
    58 of them the same list of sources, one per row's drop-down).
    """

    def get_queryset(self, request: HttpRequest) -> QuerySet:
        # A link a row's label reads (a band's name says its role) is fetched for every row
        # of the list in one query, the first time one row needs it.
        return super().get_queryset(request).fetch_mode(models.FETCH_PEERS)  # type: ignore[misc]

    def formfield_for_foreignkey(self, db_field: models.ForeignKey, request: HttpRequest, **kwargs):
        formfield = super().formfield_for_foreignkey(db_field, request, **kwargs)  # type: ignore[misc]
        if formfield is not None and type(formfield.widget) is Select:
            # Every row's drop-down is a copy of this field: choices set on it are copied with
            # it, where its queryset would be read again by each copy; and inlines whose rows
            # pick from the same list (every row's source) share one read of it per request.
            # Validation still reads the queryset, so a choice deleted meanwhile is refused.
            try:
                query = str(formfield.queryset.query)
            except EmptyResultSet:  # .none(): nothing to read, nothing to share
                return formfield
            shared = request.__dict__.setdefault("_editorial_choices", {})
            key = (type(formfield), query, formfield.to_field_name, str(formfield.empty_label))
            if key not in shared:
                shared[key] = list(iter(formfield.choices))  # iter(): no COUNT query first
            formfield.choices = shared[key]
        return formfield


__all__ = ["EditorialAdmin", "EditorialInlineMixin", "HistoryAdmin", "TranslatorRestrictedMixin"]
