"""The role page's query string, validated before anything is read (as django-htmx's example
project does): the interview panel's tab (``kind``) and how many pages of it are shown
(``page``, cumulative "show more"). A value the page cannot mean is a 400, not a fallback, so
a mistyped shared link says so."""

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from faqs.models import InterviewQuestion
from nexushr.forms import AsciiIntegerField

MAX_PANEL_PAGES = 1000  # the message below says it too
BAD_PAGE = _("The page must be a whole number from 1 to 1000.")


class RolePageForm(forms.Form):
    kind = forms.CharField(required=False, strip=False)
    page = AsciiIntegerField(
        required=False,
        min_value=1,
        max_value=MAX_PANEL_PAGES,
        error_messages={"invalid": BAD_PAGE, "min_value": BAD_PAGE, "max_value": BAD_PAGE},
    )

    def clean_kind(self) -> str | None:
        """A kind of question, or None for the first tab; ``?kind=`` with no value is refused."""
        if "kind" not in self.data:
            return None
        kind = self.cleaned_data["kind"]
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
