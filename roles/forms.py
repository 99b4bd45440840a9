"""Validation of the roles pages' query strings, before anything is read (as django-htmx's
example project does): a view cleans its GET parameters with a Form, and the selector it calls
takes clean, typed arguments. A value the page cannot mean is a 400, not a fallback, so a
mistyped shared link says so."""

import re

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from faqs.models import InterviewQuestion
from faqs.selectors import ALL as ALL_KINDS
from nexushr.forms import AsciiIntegerField, LenientTextField
from roles.search import MAX_QUERY_LENGTH, clean_query

MAX_COMPARED = 3
# Three slugs of up to 80 characters and their commas, with room to spare: a longer value is
# refused before it is split, so 10 KB of commas costs nothing.
MAX_ROLES_LENGTH = 300
SLUG = re.compile(r"^[-a-zA-Z0-9_]{1,80}$")


def split_slugs(value: str) -> list[str]:
    """``"a, b,,c"`` → ``["a", "b", "c"]``: blanks between commas are ignored."""
    return [item.strip() for item in value.split(",") if item.strip()]


class CompareForm(forms.Form):
    """``?roles=a,b,c`` on the compare page: one to three distinct role addresses (none when
    the parameter is absent: the starting page; present but empty is refused)."""

    roles = forms.CharField(
        required=False,
        strip=True,
        max_length=MAX_ROLES_LENGTH,
        error_messages={
            "required": _("Choose at least one role to compare: the list of roles is empty."),
            "max_length": _(
                "The list of roles is too long: give at most three role addresses, "
                "separated by commas."
            ),
        },
    )

    def clean_roles(self) -> list[str]:
        slugs = split_slugs(self.cleaned_data["roles"])
        if "roles" not in self.data:
            return []
        if not slugs:
            raise forms.ValidationError(
                _("Choose at least one role to compare: the list of roles is empty.")
            )
        for slug in slugs:
            if not SLUG.match(slug):
                raise forms.ValidationError(
                    _("“%(value)s” is not a role address (letters, digits and hyphens only).")
                    % {"value": slug[:40]}
                )
        seen: set[str] = set()
        for slug in slugs:
            if slug in seen:
                raise forms.ValidationError(
                    _("“%(slug)s” is listed twice; each role can be compared once.")
                    % {"slug": slug}
                )
            seen.add(slug)
        if len(slugs) > MAX_COMPARED:
            raise forms.ValidationError(
                ngettext(
                    "You can compare up to three roles; the address lists %(count)d.",
                    "You can compare up to three roles; the address lists %(count)d.",
                    len(slugs),
                )
                % {"count": len(slugs)}
            )
        return slugs

    def first_error(self) -> str:
        return next(iter(self.errors.get("roles", [])), "")


class CompareEditForm(forms.Form):
    """One change to the chosen roles: add, remove, or move one role earlier or later.

    ``roles`` is the comparison being edited (from the compare page); without it, the tray
    remembered in the visitor's cookie is edited (from a role page or the index).
    """

    roles = forms.CharField(required=False, max_length=MAX_ROLES_LENGTH)
    add = forms.SlugField(required=False, max_length=80)
    remove = forms.SlugField(required=False, max_length=80)
    earlier = forms.SlugField(required=False, max_length=80)
    later = forms.SlugField(required=False, max_length=80)

    def clean_roles(self) -> list[str]:
        slugs = split_slugs(self.cleaned_data["roles"])
        if any(not SLUG.match(slug) for slug in slugs) or len(set(slugs)) != len(slugs):
            raise forms.ValidationError(_("The list of roles is not valid."))
        return slugs

    def first_error(self) -> str:
        return next(iter(error for errors in self.errors.values() for error in errors), "")


MAX_PANEL_PAGES = 1000  # the message below says it too
BAD_PAGE = _("The page must be a whole number from 1 to 1000.")


class RolePageForm(forms.Form):
    """``?kind=`` (a tab of the interview-questions panel; absent: "All") and ``?page=``
    (how many pages of questions are shown), on a role page."""

    kind = forms.CharField(required=False, strip=False)
    page = AsciiIntegerField(
        required=False,
        initial=1,
        min_value=1,
        max_value=MAX_PANEL_PAGES,
        error_messages={"invalid": BAD_PAGE, "min_value": BAD_PAGE, "max_value": BAD_PAGE},
    )

    def clean_kind(self) -> str | None:
        """A kind of question, or None for the "All" tab (no ``kind``, or ``?kind=all``: one
        cache entry and one share URL for both); ``?kind=`` with no value is refused."""
        if "kind" not in self.data:
            return None
        kind = self.cleaned_data["kind"]
        if kind == ALL_KINDS:
            return None
        if kind not in InterviewQuestion.Kind.values:
            raise ValidationError(
                _("There is no question kind “%(kind)s”."), params={"kind": kind[:40]}
            )
        return kind

    def clean_page(self) -> int:
        return self.cleaned_data["page"] or 1

    def panel_options(self) -> dict[str, object]:
        """The clean values as the selectors take them (``shown``: pages of questions)."""
        return {"kind": self.cleaned_data["kind"], "shown": self.cleaned_data["page"]}


MAX_INDEX_PAGES = 100_000


class RoleIndexForm(forms.Form):
    """The role index's query string: a search (cut to a sane length, control characters
    dropped, never refused), a category address and a page of results."""

    q = LenientTextField(cut_at=MAX_QUERY_LENGTH)
    category = LenientTextField(cut_at=80)
    page = AsciiIntegerField(required=False, initial=1, min_value=1, max_value=MAX_INDEX_PAGES)

    def clean_q(self) -> str:
        return clean_query(self.cleaned_data["q"])

    def clean_category(self) -> str:
        return self.cleaned_data["category"].strip()

    def clean_page(self) -> int:
        return self.cleaned_data["page"] or 1


class SearchSuggestionsForm(RoleIndexForm):
    """The search box's suggestions read the index's ``q`` alone (declared once, above)."""

    category = None
    page = None
