"""What every editor-facing admin shares: the short form (language tabs, collapsed and
reorderable inline items, sections in the page's order) and autocomplete fields that turn a
malformed submitted value into a form error instead of a server error.

Apps' admins use these mixins; the page's own layout is declared on each ModelAdmin as
``editor_sections``. The front end is static/js/admin-editor.js and static/css/admin-editor.css.
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.contrib.admin import widgets as admin_widgets
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


class SafeAutocompleteSelect(admin_widgets.AutocompleteSelect):
    def optgroups(self, name: str, value: list[Any], attr: dict | None = None) -> list:
        return super().optgroups(name, _valid_choices(self, value), attr)


class SafeAutocompleteSelectMultiple(admin_widgets.AutocompleteSelectMultiple):
    def optgroups(self, name: str, value: list[Any], attr: dict | None = None) -> list:
        return super().optgroups(name, _valid_choices(self, value), attr)


class SafeAutocompleteMixin:
    """Autocomplete fields that render a bad submitted id as "select a valid choice"."""

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
