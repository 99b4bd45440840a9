"""What every editor-facing admin shares: the short form (language tabs, collapsed and
reorderable inline items, sections in the page's order) and autocomplete fields that turn a
malformed submitted value into a form error instead of a server error.

Apps' admins use these mixins; the page's own layout is declared on each ModelAdmin as
``editor_sections``. The front end is static/js/admin-editor.js and static/css/admin-editor.css.
"""

from __future__ import annotations

from typing import Any

from django import forms
from django.conf import settings
from django.contrib.admin import widgets as admin_widgets
from django.contrib.admin.options import InlineModelAdmin
from django.core.exceptions import ValidationError
from django.db import models
from django.http import HttpRequest
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _


def _valid_choices(widget: admin_widgets.AutocompleteMixin, values: list[Any]) -> list[Any]:
    """The submitted values the related field can read: "not-a-number" for an integer key
    would make Django's autocomplete widget query the database with it and fail."""
    remote = widget.field.remote_field
    opts = remote.model._meta
    field = opts.get_field(getattr(remote, "field_name", opts.pk.attname))
    valid = []
    for value in values:
        if value in ("", None):
            continue
        try:
            field.to_python(value)
        except (ValidationError, ValueError, TypeError):
            continue
        valid.append(value)
    return valid


class KnownSelectionMixin:
    """Autocomplete widgets that render the selected options from rows already loaded.

    Django's autocomplete widget looks up its selected value with a query of its own, once per
    widget: on a role's form that was one query per tool, career step, band and interview
    question. ``known`` (value → label) is filled from the row the form edits, whose related
    objects the inline's queryset has already loaded (``SafeAutocompleteMixin.get_queryset``);
    when it holds every selected value the options are built from it, otherwise (a submitted
    value the row does not hold yet) Django's own lookup runs.
    """

    known: dict[str, str] | None = None

    def optgroups(self, name: str, value: list[Any], attr: dict | None = None) -> list:
        value = _valid_choices(self, value)
        wanted = {str(v) for v in value}
        known = self.known
        if not wanted or known is None or not wanted <= known.keys():
            return super().optgroups(name, value, attr)  # type: ignore[misc]
        options: list[dict[str, Any]] = []
        if not self.is_required and not self.allow_multiple_selected:  # type: ignore[attr-defined]
            options.append(self.create_option(name, "", "", False, 0))  # type: ignore[attr-defined]
        for option_value, label in known.items():
            if option_value in wanted:
                options.append(self.create_option(name, option_value, label, True, len(options)))  # type: ignore[attr-defined]
        return [(None, options, 0)]


class SafeAutocompleteSelect(KnownSelectionMixin, admin_widgets.AutocompleteSelect):
    pass


class SafeAutocompleteSelectMultiple(KnownSelectionMixin, admin_widgets.AutocompleteSelectMultiple):
    pass


def remember_selection(form: forms.BaseForm) -> None:
    """Give each autocomplete widget of ``form`` the labels of the objects its row already
    holds (select_related or prefetched with it), so rendering it costs no query."""
    instance = getattr(form, "instance", None)
    if instance is None or instance.pk is None:
        return
    prefetched = getattr(instance, "_prefetched_objects_cache", {})
    for name, form_field in form.fields.items():
        widget = getattr(form_field.widget, "widget", form_field.widget)  # inside the wrapper
        if not isinstance(widget, KnownSelectionMixin):
            continue
        model_field = instance._meta.get_field(name)
        if model_field.many_to_many:
            if name not in prefetched:
                continue
            objects = list(prefetched[name])
        elif model_field.is_cached(instance):
            related = model_field.get_cached_value(instance)
            objects = [related] if related is not None else []
        else:
            continue
        remote = model_field.remote_field
        opts = remote.model._meta
        to_field = opts.get_field(getattr(remote, "field_name", None) or opts.pk.attname).attname
        label = form_field.label_from_instance
        widget.known = {str(getattr(obj, to_field)): label(obj) for obj in objects}


class KnownSelectionFormSet:
    """An inline formset whose forms' autocomplete widgets know their selected rows."""

    def _construct_form(self, i: int, **kwargs: Any) -> forms.BaseForm:
        form = super()._construct_form(i, **kwargs)  # type: ignore[misc]
        remember_selection(form)
        return form


class SafeAutocompleteMixin:
    """Autocomplete fields that render a bad submitted id as "select a valid choice", and,
    in inlines, render each row's selected options without a query per row."""

    def formfield_for_foreignkey(self, db_field: models.ForeignKey, request: HttpRequest, **kwargs):
        formfield = super().formfield_for_foreignkey(db_field, request, **kwargs)  # type: ignore[misc]
        if formfield is not None and type(formfield.widget) is admin_widgets.AutocompleteSelect:
            formfield.widget.__class__ = SafeAutocompleteSelect
        return formfield

    def formfield_for_manytomany(
        self, db_field: models.ManyToManyField, request: HttpRequest, **kwargs
    ):
        formfield = super().formfield_for_manytomany(db_field, request, **kwargs)  # type: ignore[misc]
        if (
            formfield is not None
            and type(formfield.widget) is admin_widgets.AutocompleteSelectMultiple
        ):
            formfield.widget.__class__ = SafeAutocompleteSelectMultiple
        return formfield

    # -- inlines: each row's related objects loaded with the rows, read by the widgets -------

    def get_queryset(self, request: HttpRequest) -> models.QuerySet:
        queryset = super().get_queryset(request)  # type: ignore[misc]
        if not isinstance(self, InlineModelAdmin):
            return queryset  # a change list: its own list_select_related
        opts = queryset.model._meta
        for name in self.get_autocomplete_fields(request):
            field = opts.get_field(name)
            if field.many_to_many:
                queryset = queryset.prefetch_related(name)
            else:
                queryset = queryset.select_related(name)
        return queryset

    def get_formset(self, request: HttpRequest, obj: models.Model | None = None, **kwargs):
        formset = super().get_formset(request, obj, **kwargs)  # type: ignore[misc]
        return type(formset.__name__, (KnownSelectionFormSet, formset), {})


def editor_config() -> dict[str, Any]:
    """What admin-editor.js needs: languages in settings order, their names, its labels."""
    languages = [code for code, _name in settings.LANGUAGES]
    return {
        "languages": [code.replace("-", "_") for code in languages],
        "labels": {
            code.replace("-", "_"): settings.LANGUAGE_SELF_NAMES.get(code, code)
            for code in languages
        },
        "missing": str(_("missing")),
        "hasErrors": str(_("has errors")),
        "expand": str(_("Edit")),
        "collapse": str(_("Close")),
        "moveUp": str(_("Move up")),
        "moveDown": str(_("Move down")),
        "drag": str(_("Drag to reorder")),
        "languageTabs": str(_("languages")),
    }


class EditorAdminMixin(SafeAutocompleteMixin):
    """A change form in sections, in the order the public page shows them.

    ``editor_sections`` lists ``(anchor, title, parts)``; a part is the index of one of the
    ModelAdmin's fieldsets or an inline class. Inlines the user may not see are left out; any
    inline not placed in a section comes last, so nothing on the form can get lost.
    """

    change_form_template = "admin/editor_change_form.html"
    editor_sections: list[tuple[str, Any, list[Any]]] = []

    class Media:
        js = ["js/admin-editor.js"]
        css = {"all": ["css/admin-editor.css"]}

    def render_change_form(self, request: HttpRequest, context: dict, *args, **kwargs):
        context["editor_config"] = editor_config()
        context["editor_sections"] = self._editor_sections(context)
        return super().render_change_form(request, context, *args, **kwargs)  # type: ignore[misc]

    def _editor_sections(self, context: dict) -> list[dict[str, Any]]:
        if not self.editor_sections:
            return []
        adminform = context.get("adminform")
        fieldsets = list(adminform) if adminform is not None else []
        inlines = list(context.get("inline_admin_formsets", []))
        placed: set[int] = set()
        placed_fieldsets: set[int] = set()
        sections = []
        for anchor, title, parts in self.editor_sections:
            items = []
            for part in parts:
                if isinstance(part, int):
                    if part < len(fieldsets):
                        placed_fieldsets.add(part)
                        items.append({"fieldset": fieldsets[part], "index": part})
                    continue
                for position, inline in enumerate(inlines):
                    if type(inline.opts) is part and position not in placed:
                        placed.add(position)
                        items.append({"inline": inline})
            if items:
                # capfirst: a title may be a model's plural, lower case in our catalogs
                # ("perguntas frequentes"), as Django's are.
                sections.append({"anchor": anchor, "title": capfirst(title), "items": items})
        rest = [
            {"fieldset": fieldset, "index": i}
            for i, fieldset in enumerate(fieldsets)
            if i not in placed_fieldsets
        ] + [{"inline": inline} for i, inline in enumerate(inlines) if i not in placed]
        if rest:
            sections.append({"anchor": "more", "title": _("More"), "items": rest})
        return sections
