"""Form fields shared by the pages that read their query string with a form."""

import re

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

ASCII_DIGITS = re.compile(r"[0-9]+")


class AsciiIntegerField(forms.IntegerField):
    """A whole number written in ASCII digits only.

    Django's IntegerField hands the text to ``int()``, which also reads other scripts' digits
    ("٣" is 3) and signs, spaces and "3.0"; an address parameter means ASCII digits and nothing
    else (and ``str.isdigit`` would even pass "²", which ``int()`` refuses).
    """

    RANGE = _("“%(name)s” must be a whole number from %(min)s to %(max)s.")

    def __init__(self, *, name: str = "page", **kwargs: object) -> None:
        """``name``: the parameter, for the default message (one message for every fault, which
        says what would be right)."""
        self.custom_messages = "error_messages" in kwargs
        super().__init__(**kwargs)
        self.param_name = name

    def clean(self, value: object) -> int | None:
        try:
            return super().clean(value)
        except ValidationError as error:
            if self.custom_messages:
                raise
            params = {"name": self.param_name, "min": self.min_value, "max": self.max_value}
            raise ValidationError(self.RANGE, code="invalid", params=params) from error

    def to_python(self, value: object) -> int | None:
        if value in self.empty_values:
            return None
        if not isinstance(value, str) or not ASCII_DIGITS.fullmatch(value):
            raise ValidationError(self.error_messages["invalid"], code="invalid")
        return super().to_python(value)


class LenientTextField(forms.CharField):
    """Free text from an address (a search, a filter value): never refused. Control characters
    are dropped (PostgreSQL refuses a NUL byte in a string, Django's CharField a NUL in a
    form) and the text is cut to ``cut_at`` characters rather than rejected."""

    def __init__(self, *, cut_at: int, **kwargs: object) -> None:
        self.cut_at = cut_at
        super().__init__(required=False, strip=False, **kwargs)

    def to_python(self, value: object) -> str:
        text = str(value or "")[: self.cut_at]
        return "".join(char for char in text if char.isprintable() or char.isspace())


class SitemapForm(forms.Form):
    """``?p=`` of the sitemap: Django's sitemap view pages with it."""

    p = AsciiIntegerField(name="p", required=False, initial=1, min_value=1, max_value=10_000)


def first_error(form: forms.Form) -> str:
    """The first message of an invalid form, to show on the 400 page."""
    return next(message for messages in form.errors.values() for message in messages)
